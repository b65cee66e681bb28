using Microsoft.EntityFrameworkCore;
using Myna.Core.Applications;
using Myna.Core.Issuance;
using Myna.Core.Lifecycle;
using Myna.Core.Residents;
using Myna.Core.Text.Messages;
using Myna.Municipal.Applications;
using Myna.Municipal.Lifecycle;
using Myna.Municipal.Residents;
using Myna.National.Cards;
using Myna.National.Jpki;
using Myna.Pki.Authorities;
using Myna.Pki.Card;
using Myna.Pki.Ocsp;
using Myna.Testing;
using static Myna.Testing.CardScenarios;

namespace Myna.Municipal.Tests.Lifecycle;

/// <summary>The card lifecycle (DOMAIN §8): loss and the call centre, reissue and fees, endorsements, death, PIN reset, renewal, expiry notices.</summary>
public sealed class CardLifecycleTests
{
    private static readonly DateOnly Today = Core.Calendar.JapanClock.Today(TimeProvider.System);

    private static async Task<List<IssuedCertificate>> CertificatesAsync(TestStores stores, string cardSerial)
    {
        await using var national = stores.Runtime.Stores.OpenNational();
        return await national.Certificates.AsNoTracking().Where(c => c.CardSerial == cardSerial).OrderBy(c => c.Id).ToListAsync();
    }

    private static async Task<Resident> HolderAsync(MunicipalDb db, HeldCard card) => await db.Residents.AsNoTracking().FirstAsync(r => r.Id == card.ResidentId);

    private static LossReport Report(Resident r, string? address = null) => new(r.FamilyName + " " + r.GivenName, r.BirthDate, address ?? r.Address, (int)r.Sex, "本人", false);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ALossCall_SuspendsAtOnce_ThenTheCardIsFoundAndTheSuspensionLiftedAtTheWindow(string provider)
    {
        var (stores, cards) = await IssuedAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal();
        var card = cards[0];
        var holder = await HolderAsync(db, card);
        var centre = stores.Runtime.CallCentre();

        var wrong = await Assert.ThrowsAsync<CallCentreException>(() => centre.SuspendAsync(Report(holder, "東京都千代田区千代田1-1"), "operator"));
        Assert.Equal(Core.Lifecycle.CallCentreMessages.Address.Code, wrong.Text.Code); // which item to ask again, never what the card holds
        // The caller's spacing and character widths do not matter.
        var suspended = Assert.Single(await centre.SuspendAsync(Report(holder) with { Name = holder.FamilyName + "　" + holder.GivenName }, "operator"));
        Assert.Equal(card.Serial, suspended.Serial);
        Assert.Matches(@"^S\d{6}-\d{6}$", suspended.Reference);
        Assert.Equal(suspended.Reference, Assert.Single(await centre.SuspendAsync(Report(holder), "operator")).Reference); // a second call changes nothing

        foreach (var c in (await CertificatesAsync(stores, card.Serial)).Where(c => c.Status != CertificateStatus.Revoked))
        {
            Assert.Equal((OcspCertStatus.Revoked, (int?)6), await OcspAsync(stores, (CaKind)c.Ca, c.Serial)); // certificateHold
        }
        var lifecycle = stores.Runtime.LifecycleDesk(TestStores.Ishinomaki);
        Assert.True((await lifecycle.National.StandingAsync(TestStores.Ishinomaki, card.Serial)).Suspended);

        var lacking = await Assert.ThrowsAsync<LifecycleException>(() => lifecycle.LiftSuspensionAsync(db, card.Id,
            new VerificationCase(false, [new PresentedDocument("drivers-license")], Today), "clerk"));
        Assert.NotEmpty(lacking.Missing);
        await lifecycle.LiftSuspensionAsync(db, card.Id, InPerson(), "clerk");

        Assert.False((await lifecycle.National.StandingAsync(TestStores.Ishinomaki, card.Serial)).Suspended);
        foreach (var c in (await CertificatesAsync(stores, card.Serial)).Where(c => c.Status != CertificateStatus.Revoked))
        {
            Assert.Equal(OcspCertStatus.Good, (await OcspAsync(stores, (CaKind)c.Ca, c.Serial)).Status);
        }
        var timeline = await ResidentTimeline.ForAsync(db, card.ResidentId, lifecycle.National, TestStores.Ishinomaki,
            new Myna.Municipal.Residents.Reader("clerk", MaySeeProtected: false), stores.Runtime.AddressRule(TestStores.Ishinomaki));
        Assert.Contains(timeline, e => e.Kind == "national.suspended" && e.Reference == suspended.Reference);
        Assert.Contains(timeline, e => e.Kind == "lifecycle.SuspensionLifted" && e.Reference == suspended.Reference);
        Assert.Contains(timeline, e => e.Kind == "lifecycle.Issued");
        await using var national = stores.Runtime.Stores.OpenNational();
        Assert.Equal(CallCentreOutcome.Lifted, (await national.CallCentreCases.SingleAsync()).Outcome);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ALostCard_IsNeverAbolishedWithoutItsReissue_NorReissuedWhileStillValid(string provider)
    {
        var (stores, cards) = await IssuedAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal();
        var lifecycle = stores.Runtime.LifecycleDesk(TestStores.Ishinomaki);

        // A loss goes through suspension and abolition (§8.3), not through the general reissue form.
        var direct = await Assert.ThrowsAsync<LifecycleException>(() => lifecycle.StartReplacementAsync(db, cards[1].ResidentId, ReplacementKind.Reissue, ReissueCause.Loss, "clerk"));
        Assert.Contains("still valid", direct.Message, StringComparison.Ordinal);

        // A form already open: the lost card is not abolished (it would be left without its reissue and fee).
        var card = cards[0];
        await lifecycle.StartReplacementAsync(db, card.ResidentId, ReplacementKind.Reissue, ReissueCause.IssuerError, "clerk");
        await stores.Runtime.CallCentre().SuspendAsync(Report(await HolderAsync(db, card)), "operator");
        var refused = await Assert.ThrowsAsync<LifecycleException>(() => lifecycle.AbolishLostAsync(db, card.Id, "宮城県石巻警察署 第1234号", ReissueCause.Loss, "clerk"));
        Assert.Contains("already open", refused.Message, StringComparison.Ordinal);
        Assert.Equal(HeldCardState.Valid, (await db.HeldCards.AsNoTracking().SingleAsync(h => h.Id == card.Id)).State);
        Assert.DoesNotContain(await CertificatesAsync(stores, card.Serial), c => c.Status == CertificateStatus.Revoked);
        Assert.Equal(1, await db.Replacements.CountAsync(r => r.ResidentId == card.ResidentId));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ALostCardNotFound_IsAbolishedWithThePoliceReport_AndAReissueIsChargedAndAppliedFor(string provider)
    {
        var (stores, cards) = await IssuedAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal();
        var card = cards[0];
        var holder = await HolderAsync(db, card);
        await stores.Runtime.CallCentre().SuspendAsync(Report(holder), "operator");
        var lifecycle = stores.Runtime.LifecycleDesk(TestStores.Ishinomaki);

        var noReport = await Assert.ThrowsAsync<LifecycleException>(() => lifecycle.AbolishLostAsync(db, card.Id, " ", ReissueCause.Loss, "clerk"));
        Assert.Contains("police report", noReport.Message, StringComparison.Ordinal);
        var reissue = await lifecycle.AbolishLostAsync(db, card.Id, "宮城県石巻警察署 第1234号", ReissueCause.Loss, "clerk");

        Assert.Equal((800, 200, false, ReplacementState.Open), (reissue.CardFeeYen, reissue.CertificateFeeYen, reissue.SubsidyEligible, reissue.State));
        Assert.Matches($"^R{Today.Year}-000001$", reissue.ReceiptNumber);
        Assert.Equal(card.Serial, reissue.OldSerial);
        Assert.Equal(HeldCardState.Abolished, (await db.HeldCards.AsNoTracking().SingleAsync(h => h.Id == card.Id)).State);
        Assert.All(await CertificatesAsync(stores, card.Serial), c => Assert.Equal(CertificateStatus.Revoked, c.Status));
        foreach (var c in await CertificatesAsync(stores, card.Serial))
        {
            Assert.Equal(OcspCertStatus.Revoked, (await OcspAsync(stores, (CaKind)c.Ca, c.Serial)).Status);
        }
        await using (var national = stores.Runtime.Stores.OpenNational())
        {
            var closed = await national.CallCentreCases.SingleAsync();
            Assert.Equal(CallCentreOutcome.Abolished, closed.Outcome);
            Assert.Contains("第1234号", closed.ClosingNote, StringComparison.Ordinal);
        }
        // Only one open form at a time.
        await Assert.ThrowsAsync<LifecycleException>(() => lifecycle.StartReplacementAsync(db, card.ResidentId, ReplacementKind.Reissue, ReissueCause.Damage, "clerk"));

        // The reissue form is applied for like any other; the application knows it is a reissue.
        var desk = stores.Runtime.ApplicationDesk(TestStores.Ishinomaki);
        var (form, problem) = await desk.FindFormAsync(db, TestStores.Ishinomaki, reissue.ApplicationId, maySeeProtected: true);
        Assert.Null(problem);
        Assert.Equal(card.ResidentId, form!.ResidentId);
        var receipt = await desk.SubmitAsync(db, TestStores.Ishinomaki, new ApplicationInput(reissue.ApplicationId, ApplicationChannel.Window, TestPhotos.Jpeg(),
            WantsSignatureCertificate: true, WantsUserCertificate: true), "clerk");
        Assert.True((await db.CardApplications.AsNoTracking().SingleAsync(a => a.Id == receipt.Id)).IsReissue);
        Assert.Equal(ReplacementState.Applied, (await db.Replacements.AsNoTracking().SingleAsync()).State);

        var csv = FeeLedger.Csv(await FeeLedger.LinesAsync(db, Today.AddDays(-1), Today));
        Assert.Contains($"{reissue.ReceiptNumber},{Today:yyyy-MM-dd},Reissue,Loss,{reissue.ApplicationId},{card.Serial},800,200,1000,0,clerk", csv, StringComparison.Ordinal);
        Assert.EndsWith("total,,,,,,800,200,1000,0,\n", csv, StringComparison.Ordinal);
        Assert.Empty(await FeeLedger.LinesAsync(db, Today.AddDays(1), Today.AddDays(30)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AddressChanges_AreEndorsedOnTheChip_RevokeTheSignatureCertificate_AndAFullAreaStartsAFreeReissue(string provider)
    {
        var (stores, cards) = await IssuedAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal();
        var card = cards[0];
        var register = stores.Runtime.ResidentRegister(TestStores.Ishinomaki);
        var before = await CertificatesAsync(stores, card.Serial);

        await register.RecordAsync(db, card.ResidentId, new ResidentChange(ResidentEventType.AddressChangeWithin, Today, Today, Town: "中央一丁目", Block: "1-1"), "clerk");

        await using (var national = stores.Runtime.Stores.OpenNational())
        {
            var chip = await stores.Runtime.CardChips().LoadAsync(national, card.Serial);
            var (_, address, _, _) = ChipLayout.ReadFourInformation(chip.Application(CardApplications.InputAssist).Binaries[CardFiles.FourInformation].Content);
            Assert.Contains("中央一丁目1-1", address.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
        var after = await CertificatesAsync(stores, card.Serial);
        Assert.Equal(CertificateStatus.Revoked, after.Single(c => c.Ca == (int)CaKind.Signature && before.Any(b => b.Serial == c.Serial)).Status);
        Assert.Equal(CertificateStatus.Good, after.Single(c => c.Ca == (int)CaKind.UserAuthentication).Status);
        Assert.Equal(1, (await db.HeldCards.AsNoTracking().SingleAsync(h => h.Id == card.Id)).Endorsements);

        for (var i = 2; i <= LifecycleRules.DefaultEndorsementCapacity + 1; i++)
        {
            await register.RecordAsync(db, card.ResidentId, new ResidentChange(ResidentEventType.AddressChangeWithin, Today, Today, Block: $"{i}-1"), "clerk");
        }
        Assert.Equal(LifecycleRules.DefaultEndorsementCapacity, (await db.HeldCards.AsNoTracking().SingleAsync(h => h.Id == card.Id)).Endorsements);
        var reissue = await db.Replacements.AsNoTracking().SingleAsync();
        Assert.Equal((ReissueCause.EndorsementAreaFull, 0, false), (reissue.Cause, reissue.TotalYen, reissue.SubsidyEligible));
        Assert.Contains(await db.LifecycleEvents.AsNoTracking().ToListAsync(), e => e.Kind == LifecycleKind.EndorsementAreaFull);
        // A name change is endorsed too; a card holder with nothing valid left to endorse is simply recorded.
        await register.RecordAsync(db, cards[1].ResidentId, new ResidentChange(ResidentEventType.NameChange, Today, Today, FamilyName: "新姓"), "clerk");
        Assert.Equal(1, (await db.HeldCards.AsNoTracking().SingleAsync(h => h.Id == cards[1].Id)).Endorsements);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Death_AbolishesTheCard_AndRevokesBothCertificates(string provider)
    {
        var (stores, cards) = await IssuedAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal();
        var card = cards[0];
        await stores.Runtime.ResidentRegister(TestStores.Ishinomaki).RecordAsync(db, card.ResidentId, new ResidentChange(ResidentEventType.Death, Today, Today), "clerk");

        var held = await db.HeldCards.AsNoTracking().SingleAsync(h => h.Id == card.Id);
        Assert.Equal(HeldCardState.Abolished, held.State);
        Assert.Equal("死亡", StoredMessage.Show(held.EndReason, english: false));
        Assert.All(await CertificatesAsync(stores, card.Serial), c => Assert.Equal(CertificateStatus.Revoked, c.Status));
        Assert.Equal("Abolished", (await stores.Runtime.CardLifecycle().StandingAsync(TestStores.Ishinomaki, card.Serial)).State);
        Assert.Equal(HeldCardState.Valid, (await db.HeldCards.AsNoTracking().SingleAsync(h => h.Id == cards[1].Id)).State);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ALockedPin_IsResetAtTheWindow_AfterIdentityVerification_OnTheDesksPad(string provider)
    {
        var (stores, cards) = await IssuedAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal();
        var card = cards[0];
        await using (var national = stores.Runtime.Stores.OpenNational())
        {
            var chip = await stores.Runtime.CardChips().LoadAsync(national, card.Serial);
            var reader = new ChipReader(chip);
            reader.Select(CardApplications.Jpki);
            for (var i = 0; i < 3; i++)
            {
                Assert.False(reader.Verify(CardFiles.UserPin, "9999"));
            }
            await stores.Runtime.CardChips().RecordVerifyAsync(national, card.Serial, chip, reader.LastStatus, "reader");
        }
        var lifecycle = stores.Runtime.LifecycleDesk(TestStores.Ishinomaki);
        await Assert.ThrowsAsync<LifecycleException>(() => lifecycle.RequestPinResetAsync(db, card.Id, PinKind.UserAuthentication, 2,
            new VerificationCase(true, [], Today), "clerk"));
        var reset = await lifecycle.RequestPinResetAsync(db, card.Id, PinKind.UserAuthentication, 2, InPerson(), "clerk");
        var pad = await CardLifecycleDesk.PadResetAsync(db, 2);
        Assert.Equal(reset.Id, pad!.Value.Reset.Id);

        var weak = await lifecycle.SubmitPinResetAsync(db, reset.Id, "1234", "1234", "pinpad");
        Assert.Equal(("sequence", false), (weak.Reason!.Code, weak.Accepted));
        Assert.Equal("mismatch", (await lifecycle.SubmitPinResetAsync(db, reset.Id, "4826", "4827", "pinpad")).Reason!.Code);
        Assert.True((await lifecycle.SubmitPinResetAsync(db, reset.Id, "4826", "4826", "pinpad")).Accepted);
        Assert.Null(await CardLifecycleDesk.PadResetAsync(db, 2));
        Assert.Equal(2, (await CardLifecycleDesk.ResetAsync(db, reset.Id))!.Refusals);

        await using (var national = stores.Runtime.Stores.OpenNational())
        {
            var reader = new ChipReader(await stores.Runtime.CardChips().LoadAsync(national, card.Serial));
            reader.Select(CardApplications.Jpki);
            Assert.True(reader.Verify(CardFiles.UserPin, "4826"));
        }
        Assert.Contains(await db.LifecycleEvents.AsNoTracking().ToListAsync(), e => e.Kind == LifecycleKind.PinReset);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Renewal_OpensThreeMonthsBeforeExpiry_CertificatesAreRenewedOnTheChip_AndExpiryNoticesGoOutOnce(string provider)
    {
        var (stores, cards) = await IssuedAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal();
        var card = cards[0];
        var lifecycle = stores.Runtime.LifecycleDesk(TestStores.Ishinomaki);
        var early = await Assert.ThrowsAsync<LifecycleException>(() => lifecycle.StartReplacementAsync(db, card.ResidentId, ReplacementKind.Renewal, ReissueCause.RenewalAtExpiry, "clerk"));
        Assert.Contains("3 months before", early.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<LifecycleException>(() => lifecycle.RenewCertificatesAsync(db, card.Id, InPerson(), signature: true, "clerk"));

        // The first card expires in two months, the second card's certificates in one (its card later).
        await db.HeldCards.Where(h => h.Id == card.Id).ExecuteUpdateAsync(s => s.SetProperty(h => h.Expiry, Today.AddMonths(2)).SetProperty(h => h.CertificatesExpiry, Today.AddMonths(2)));
        await db.HeldCards.Where(h => h.Id == cards[1].Id).ExecuteUpdateAsync(s => s.SetProperty(h => h.CertificatesExpiry, Today.AddMonths(1)));
        db.ChangeTracker.Clear();
        var batch = stores.Runtime.ExpiryNotices(TestStores.Ishinomaki);
        Assert.Equal(2, await batch.RunAsync(db, Today, "batch"));
        Assert.Equal(0, await batch.RunAsync(db, Today, "batch"));
        Assert.Equal(0, await batch.RunAsync(db, Today.AddDays(20), "batch"));
        var letters = await batch.LettersAsync(db, ExpiryNoticeBatch.Month(Today), "clerk");
        Assert.Equal([ExpirySubject.Card, ExpirySubject.Certificates], letters.Select(l => l.Subject).Order());
        var csv = ExpiryNoticeBatch.PrintCsv(letters);
        Assert.Contains($",card,{Today.AddMonths(2):yyyy-MM-dd},{Today.AddMonths(-1):yyyy-MM-dd},0", csv, StringComparison.Ordinal);

        var renewal = await lifecycle.StartReplacementAsync(db, card.ResidentId, ReplacementKind.Renewal, ReissueCause.Loss, "clerk");
        Assert.Equal((ReissueCause.RenewalAtExpiry, 0, true), (renewal.Cause, renewal.TotalYen, renewal.SubsidyEligible));

        var old = (await CertificatesAsync(stores, card.Serial)).Where(c => c.Status == CertificateStatus.Good).ToList();
        var needsPin = await lifecycle.RenewCertificatesAsync(db, card.Id, InPerson(), signature: true, "clerk");
        Assert.False(needsPin);
        var now = await CertificatesAsync(stores, card.Serial);
        Assert.All(old, o => Assert.Equal(CertificateStatus.Revoked, now.Single(c => c.Serial == o.Serial).Status));
        Assert.All(old, o => Assert.Equal(RevocationReason.Superseded, now.Single(c => c.Serial == o.Serial).Reason));
        var fresh = now.Where(c => c.Status == CertificateStatus.Good).ToList();
        Assert.Equal(2, fresh.Count);
        foreach (var c in fresh)
        {
            Assert.Equal(OcspCertStatus.Good, (await OcspAsync(stores, (CaKind)c.Ca, c.Serial)).Status);
        }
        await using var national = stores.Runtime.Stores.OpenNational();
        var chip = await stores.Runtime.CardChips().LoadAsync(national, card.Serial);
        using var onChip = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(
            chip.Application(CardApplications.Jpki).Binaries[CardFiles.UserCertificate].Content);
        Assert.Equal(fresh.Single(c => c.Ca == (int)CaKind.UserAuthentication).Serial, onChip.SerialNumber);
        var reader = new ChipReader(chip);
        reader.Select(CardApplications.Jpki);
        Assert.True(reader.Verify(CardFiles.SignaturePin, "MYNA2026")); // the PINs stay
    }
}
