using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Calendar;
using Myna.Core.Contracts;
using Myna.Core.Lifecycle;
using Myna.Core.Residents;
using Myna.Core.SupportMeasures;
using Myna.Core.Text.Messages;
using Myna.Municipal.Lifecycle;
using Myna.Municipal.Residents;
using Myna.Municipal.SupportMeasures;
using Myna.National.Jpki;
using Myna.Pki.Authorities;
using Myna.Pki.Card;
using Myna.Pki.Ocsp;
using Myna.Testing;

namespace Myna.Municipal.Tests.Lifecycle;

/// <summary>
/// Moves abroad (国外転出, DOMAIN §8.6, rules since 2024-05-27): continued use abroad for a Japanese national asked for by the
/// day before the move date, the dated revocation on the move date, the lapse without it, the free reissue within 90 days (§8.4).
/// </summary>
public sealed class AbroadMoveTests
{
    private static readonly DateOnly Today = Core.Calendar.JapanClock.Today(TimeProvider.System);
    private static readonly Core.Identifiers.MunicipalityCode Origin = TestStores.Ishinomaki;
    /// <summary>本籍地 of the Japanese holder: 東京都中央区, not a municipality of this host.</summary>
    private static readonly Core.Identifiers.MunicipalityCode FamilyRegisterCity = Core.Identifiers.MunicipalityCode.Parse("131024");
    private const string FamilyRegisterPlace = "東京都中央区日本橋一丁目1番地";

    private static Task<int> JapaneseAsync(MunicipalDb db, long residentId) =>
        db.Residents.Where(r => r.Id == residentId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.FamilyRegisterPlace, FamilyRegisterPlace).SetProperty(r => r.FamilyRegisterMunicipality, FamilyRegisterCity.Value));

    /// <summary>A foreign resident: no family-register attachment.</summary>
    private static Task<int> ForeignAsync(MunicipalDb db, long residentId) =>
        db.Residents.Where(r => r.Id == residentId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.FamilyRegisterPlace, (string?)null).SetProperty(r => r.FamilyRegisterMunicipality, (string?)null));

    private static async Task<List<IssuedCertificate>> CertificatesAsync(TestStores stores, string cardSerial)
    {
        await using var national = stores.Runtime.Stores.OpenNational();
        return await national.Certificates.AsNoTracking().Where(c => c.CardSerial == cardSerial && c.Status != CertificateStatus.Pending).OrderBy(c => c.Id).ToListAsync();
    }

    private static async Task<OcspCertStatus> OcspAsync(TestStores stores, IssuedCertificate c) =>
        (await CardScenarios.OcspAsync(stores, (CaKind)c.Ca, c.Serial)).Status;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task NotifyAsync_ContinuedUseTheDayBefore_EndorsesNow_AndRevokesTheSignatureCertificateOnTheMoveDateOnly(string provider)
    {
        var (stores, cards) = await CardScenarios.IssuedAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal(Origin);
        var card = cards[0];
        await JapaneseAsync(db, card.ResidentId);
        var before = await CertificatesAsync(stores, card.Serial);
        var oldSignature = Assert.Single(before, c => c.Ca == (int)CaKind.Signature);
        var user = Assert.Single(before, c => c.Ca == (int)CaKind.UserAuthentication);
        var desk = stores.Runtime.AbroadMoveDesk(Origin);
        var movesOn = Today.AddDays(1);

        var move = await desk.NotifyAsync(db, card.ResidentId, new AbroadMoveNotice(movesOn, Today, "アメリカ合衆国", ContinuedUse: true, SignatureAbroad: true), "clerk");

        // At the window: the card's back endorsed with the move date, the chip's address now the place of the family register.
        Assert.Equal((AbroadMoveState.Scheduled, true, FamilyRegisterCity.Value), (move.State, move.ContinuedUse, move.ResponsibleMunicipality));
        var held = await db.HeldCards.AsNoTracking().SingleAsync(h => h.Id == card.Id);
        Assert.Equal((HeldCardState.Valid, 1), (held.State, held.Endorsements));
        Assert.Contains(await db.LifecycleEvents.AsNoTracking().Where(e => e.HeldCardId == card.Id).Select(e => e.Detail).ToListAsync(),
            d => StoredMessage.Show(d, english: false).StartsWith($"国外転出（{JapaneseDate.Format(movesOn)}（", StringComparison.Ordinal)
                && StoredMessage.Show(d, english: false).Contains("）：追記欄 1/", StringComparison.Ordinal));
        await using (var national = stores.Runtime.Stores.OpenNational())
        {
            var chip = await stores.Runtime.CardChips().LoadAsync(national, card.Serial);
            var (_, address, _, _) = ChipLayout.ReadFourInformation(chip.Application(CardApplications.InputAssist).Binaries[CardFiles.FourInformation].Content);
            Assert.Equal(FamilyRegisterPlace, address);
        }

        // The day before the move date: nothing is revoked, the person is still a resident.
        Assert.Equal(0, (await desk.CompleteDueAsync(db, Today, "batch")).Completed);
        Assert.Equal(OcspCertStatus.Good, await OcspAsync(stores, oldSignature));
        Assert.Equal(ResidentStatus.Active, (await db.Residents.AsNoTracking().SingleAsync(r => r.Id == card.ResidentId)).Status);

        // On the move date: off the register, the signature certificate revoked, the user certificate kept, a certificate for people abroad issued.
        Assert.Equal(1, (await desk.CompleteDueAsync(db, movesOn, "batch")).Completed);
        Assert.Equal(0, (await desk.CompleteDueAsync(db, movesOn, "batch")).Completed);
        Assert.Equal(OcspCertStatus.Revoked, await OcspAsync(stores, oldSignature));
        Assert.Equal(OcspCertStatus.Good, await OcspAsync(stores, user));
        var after = await CertificatesAsync(stores, card.Serial);
        var abroad = Assert.Single(after, c => c.Ca == (int)CaKind.Signature && c.Status == CertificateStatus.Good);
        Assert.NotEqual(oldSignature.Serial, abroad.Serial);
        using (var issued = X509CertificateLoader.LoadCertificate(abroad.Der!))
        {
            var san = Assert.Single(issued.Extensions.OfType<X509Extension>(), e => e.Oid!.Value == "2.5.29.17");
            Assert.True(san.RawData.AsSpan().IndexOf(Encoding.UTF8.GetBytes(FamilyRegisterPlace)) >= 0, "the certificate's address is the place of the family register");
        }
        var resident = await db.Residents.AsNoTracking().SingleAsync(r => r.Id == card.ResidentId);
        Assert.Equal(ResidentStatus.MovedOutAbroad, resident.Status);
        var entry = await db.ResidentEvents.AsNoTracking().SingleAsync(e => e.ResidentId == resident.Id && e.Type == ResidentEventType.MoveOutAbroad);
        Assert.Equal((movesOn, Today), (entry.EffectiveDate, entry.NotificationDate));
        // The card stays valid to its expiry, now under the family register's municipality.
        var national2 = stores.Runtime.CardLifecycle();
        var standing = await national2.StandingAsync(FamilyRegisterCity, card.Serial);
        Assert.Equal((card.Expiry, "Listed"), (standing.Expiry, standing.State));
        Assert.Equal(ContractRefusals.CardNotFound, (await Assert.ThrowsAnyAsync<ContractRefusedException>(() => national2.StandingAsync(Origin, card.Serial))).Code);
        Assert.Equal(HeldCardState.MovedAway, (await db.HeldCards.AsNoTracking().SingleAsync(h => h.Id == card.Id)).State);
        Assert.Empty(await Myna.Storage.Outbox.Outbox.OpenAsync(db));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task NotifyAsync_ContinuedUseOnTheMoveDate_IsRefusedInJapaneseAndEnglish_AndNothingIsWritten(string provider)
    {
        var (stores, cards) = await CardScenarios.IssuedAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal(Origin);
        var card = cards[0];
        await JapaneseAsync(db, card.ResidentId);

        var late = await Assert.ThrowsAsync<RegisterRuleException>(() => stores.Runtime.AbroadMoveDesk(Origin)
            .NotifyAsync(db, card.ResidentId, new AbroadMoveNotice(Today, Today, "フランス", ContinuedUse: true), "clerk"));

        Assert.Equal("continuedUse", late.Field);
        Assert.Equal("abroad-rule.continued-use.too-late", late.Text!.Code);
        Assert.Contains($"の前日 {JapaneseDate.Format(Today.AddDays(-1))}（", late.Text.Ja, StringComparison.Ordinal);
        Assert.Contains("must be asked for by the day before the move date", late.Message, StringComparison.Ordinal);
        Assert.Empty(await db.AbroadMoves.ToListAsync());
        Assert.Equal(0, (await db.HeldCards.AsNoTracking().SingleAsync(h => h.Id == card.Id)).Endorsements);
        Assert.All(await CertificatesAsync(stores, card.Serial), c => Assert.Equal(CertificateStatus.Good, c.Status));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task NotifyAsync_ForeignNational_IsRefusedContinuedUse_AndTheCardLapsesOnTheMoveDate_ThenAFreeReissue(string provider)
    {
        var (stores, cards) = await CardScenarios.IssuedAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal(Origin);
        var card = cards[0];
        await ForeignAsync(db, card.ResidentId);
        var desk = stores.Runtime.AbroadMoveDesk(Origin);
        var movesOn = Today.AddDays(5);

        var refused = await Assert.ThrowsAsync<RegisterRuleException>(() =>
            desk.NotifyAsync(db, card.ResidentId, new AbroadMoveNotice(movesOn, Today, "大韓民国", ContinuedUse: true), "clerk"));
        Assert.Contains("日本国籍", refused.Text!.Ja, StringComparison.Ordinal);
        Assert.Contains("Japanese nationals", refused.Message, StringComparison.Ordinal);

        var move = await desk.NotifyAsync(db, card.ResidentId, new AbroadMoveNotice(movesOn, Today, "大韓民国", ContinuedUse: false), "clerk");
        Assert.Equal((AbroadMoveState.Scheduled, false), (move.State, move.ContinuedUse));
        Assert.Equal(0, (await desk.CompleteDueAsync(db, movesOn.AddDays(-1), "batch")).Completed);
        Assert.All(await CertificatesAsync(stores, card.Serial), c => Assert.Equal(CertificateStatus.Good, c.Status));

        Assert.Equal(1, (await desk.CompleteDueAsync(db, movesOn, "batch")).Completed);
        var certificates = await CertificatesAsync(stores, card.Serial);
        Assert.Equal(2, certificates.Count);
        foreach (var c in certificates)
        {
            Assert.Equal(OcspCertStatus.Revoked, await OcspAsync(stores, c));
        }
        await using (var national = stores.Runtime.Stores.OpenNational())
        {
            var notes = await national.CertificateEvents.AsNoTracking().Where(e => e.Status == CertificateStatus.Revoked)
                .Join(national.Certificates.Where(c => c.CardSerial == card.Serial), e => e.CertificateId, c => c.Id, (e, c) => e.Note).ToListAsync();
            Assert.Equal(2, notes.Count);
            Assert.All(notes, n => Assert.Contains("国外転出により失効", n, StringComparison.Ordinal));
        }
        var held = await db.HeldCards.AsNoTracking().SingleAsync(h => h.Id == card.Id);
        Assert.Equal(HeldCardState.Invalidated, held.State);
        Assert.Contains("返納が必要", StoredMessage.Show(held.EndReason, english: false), StringComparison.Ordinal);
        Assert.Equal(ResidentStatus.MovedOutAbroad, (await db.Residents.AsNoTracking().SingleAsync(r => r.Id == card.ResidentId)).Status);

        await desk.RecordReturnAsync(db, move.Id, Today, "clerk");
        await Assert.ThrowsAsync<LifecycleException>(() => desk.RecordReturnAsync(db, move.Id, Today, "clerk"));

        // §8.4: the reissue after the return on moving abroad is free and subsidy-eligible, the cause recorded.
        var reissue = await stores.Runtime.LifecycleDesk(Origin).StartReplacementAsync(db, card.ResidentId, ReplacementKind.Reissue, ReissueCause.ReturnedOnMovingAbroad, "clerk");
        Assert.Equal((ReissueCause.ReturnedOnMovingAbroad, 0, true), (reissue.Cause, reissue.TotalYen, reissue.SubsidyEligible));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task StartReplacementAsync_ReturnedOnMovingAbroad_FreeUntilDay90_RefusedOnDay91_AndWithoutALapsedCard(string provider)
    {
        var (stores, cards) = await CardScenarios.IssuedAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal(Origin);
        var desk = stores.Runtime.AbroadMoveDesk(Origin);
        var lifecycle = stores.Runtime.LifecycleDesk(Origin);

        // Without a card lapsed abroad the free cause does not apply.
        var none = await Assert.ThrowsAsync<LifecycleException>(() =>
            lifecycle.StartReplacementAsync(db, cards[1].ResidentId, ReplacementKind.Reissue, ReissueCause.ReturnedOnMovingAbroad, "clerk"));
        Assert.Contains("国外転出で失効したカードの記録がない", none.Text!.Ja, StringComparison.Ordinal);

        // Notified after moving (the notification may follow the move): carried out at once, the card lapsed on the move date.
        await desk.NotifyAsync(db, cards[0].ResidentId, new AbroadMoveNotice(Today.AddDays(-91), Today.AddDays(-91), "ドイツ", false), "clerk");
        await desk.NotifyAsync(db, cards[1].ResidentId, new AbroadMoveNotice(Today.AddDays(-90), Today.AddDays(-90), "ドイツ", false), "clerk");
        Assert.All(await db.AbroadMoves.AsNoTracking().ToListAsync(), m => Assert.Equal(AbroadMoveState.Completed, m.State));

        var late = await Assert.ThrowsAsync<LifecycleException>(() =>
            lifecycle.StartReplacementAsync(db, cards[0].ResidentId, ReplacementKind.Reissue, ReissueCause.ReturnedOnMovingAbroad, "clerk"));
        Assert.Contains("90日以内", late.Text!.Ja, StringComparison.Ordinal);
        Assert.Contains("本人の希望", late.Text.Ja, StringComparison.Ordinal);
        Assert.Empty(await db.Replacements.Where(r => r.ResidentId == cards[0].ResidentId).ToListAsync());
        var free = await lifecycle.StartReplacementAsync(db, cards[1].ResidentId, ReplacementKind.Reissue, ReissueCause.ReturnedOnMovingAbroad, "clerk");
        Assert.Equal(0, free.TotalYen);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task CompleteDueAsync_ProtectedResidentMovesAbroad_NothingIsSentToAnyMunicipality(string provider)
    {
        var (stores, cards) = await CardScenarios.IssuedAsync(provider, neighbour: true);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal(Origin);
        var card = cards[0];
        // The 本籍 in a neighbouring municipality of this host: a measure there is forwarded on creation, never again by the move abroad.
        await db.Residents.Where(r => r.Id == card.ResidentId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.FamilyRegisterPlace, "宮城県東松島市矢本字大溜1番地").SetProperty(r => r.FamilyRegisterMunicipality, TestStores.Higashimatsushima.Value));
        await stores.Runtime.SupportMeasureDesk(Origin).CreateAsync(db, new SupportMeasureApplication(card.ResidentId, SupportMeasureKind.DomesticViolence,
            SupportBasisKind.Police, "石巻警察署", Today.AddDays(-1), null, null, null, [],
            [new OffenderInput("加害　太郎", "カガイ　タロウ", new DateOnly(1980, 1, 1), "宮城県仙台市青葉区一番町1-1", "夫")]), "officer");
        var messages = await db.OutboxMessages.CountAsync();
        var forwards = await db.SupportMeasureForwards.CountAsync();

        var desk = stores.Runtime.AbroadMoveDesk(Origin);
        await desk.NotifyAsync(db, card.ResidentId, new AbroadMoveNotice(Today.AddDays(2), Today, "カナダ", ContinuedUse: true), "clerk");
        await desk.CompleteDueAsync(db, Today.AddDays(2), "batch");

        Assert.Equal(ResidentStatus.MovedOutAbroad, (await db.Residents.AsNoTracking().SingleAsync(r => r.Id == card.ResidentId)).Status);
        Assert.Equal(messages, await db.OutboxMessages.CountAsync());
        Assert.Equal(forwards, await db.SupportMeasureForwards.CountAsync());
        Assert.Empty(await db.MoveOuts.ToListAsync());
    }
}
