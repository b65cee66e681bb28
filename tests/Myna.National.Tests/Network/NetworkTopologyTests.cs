using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Applications;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Core.Issuance;
using Myna.Core.Lifecycle;
using Myna.Municipal.Applications;
using Myna.National.Cards;
using Myna.National.Jpki;
using Myna.Pki.Authorities;
using Myna.Pki.Ocsp;
using Myna.Testing;

namespace Myna.National.Tests.Network;

/// <summary>
/// Two topologies, one behaviour (ARCHITECTURE principles 1–3): a municipal runtime whose national side is a separate
/// process reached over HTTPS with mutual TLS. Real sockets, real TLS; the national host is the built web host.
/// </summary>
[Trait("Topology", "network")]
public sealed class NetworkTopologyTests(NationalHostFixture national) : IClassFixture<NationalHostFixture>
{
    private static readonly DateOnly Today = Core.Calendar.JapanClock.Today(TimeProvider.System);
    private static readonly MunicipalityCode Ishinomaki = TestStores.Ishinomaki;

    private Task<TestStores> MunicipalAsync() => TestStores.CreateAsync("sqlite", neighbour: true, configure: national.Municipal);

    /// <summary>Residents numbered, applications accepted and handed over, cards made on the national host, delivered, set up and issued at the window.</summary>
    private async Task<(TestStores Stores, List<HeldCard> Cards)> IssuedAsync(int seed, int adults)
    {
        var stores = await MunicipalAsync();
        Assert.NotNull(stores.Runtime.NationalRemote);
        await RegisterScenarios.LoadAsync(stores, 40, seed);
        await using var db = stores.OpenMunicipal();
        var numbered = await stores.Runtime.NumberAssignment(Ishinomaki).RunAsync(db, Ishinomaki, "test"); // INationalNumbering.AssignAsync
        Assert.Equal(40, numbered.Numbered);
        await stores.Runtime.NoticeGeneration(Ishinomaki).RunAsync(db, new DateOnly(2026, 11, 24), "test");
        var forms = await db.Notices.OrderBy(n => n.Id).Select(n => new { n.ResidentId, n.ApplicationId }).ToListAsync();
        var births = await db.Residents.ToDictionaryAsync(r => r.Id, r => r.BirthDate);
        var chosen = forms.Where(f => !ApplicationRules.IsUnder15(births[f.ResidentId], Today)).Take(adults).ToList();
        var desk = stores.Runtime.ApplicationDesk(Ishinomaki);
        foreach (var form in chosen)
        {
            // Accepting hands the application over through the outbox: ICardProduction.EnqueueAsync on the national host.
            var receipt = await desk.SubmitAsync(db, Ishinomaki, new ApplicationInput(form.ApplicationId, ApplicationChannel.Mail, TestPhotos.Jpeg()), "clerk");
            await desk.ReviewAsync(db, Ishinomaki, receipt.Id, pass: true, [], null, "reviewer");
        }
        var ours = chosen.Select(f => f.ApplicationId).ToList();
        await using (var store = national.National.Stores.OpenNational())
        {
            Assert.Equal(adults, await store.ProductionRequests.CountAsync(r => ours.Contains(r.ApplicationId)));
        }

        var run = await national.National.CardProductionBatch().RunAsync("production"); // J-LIS's own batch, on its own store
        var list = run.Lists.Single(l => l.Entries.Any(e => ours.Contains(e.ApplicationId)));
        var safe = stores.Runtime.CardSafe(Ishinomaki);
        await safe.ImportListAsync(db, list.ToCsv(), "clerk");
        foreach (var e in list.Entries)
        {
            await safe.ReceiveAsync(db, e.Serial, "clerk");
            await safe.SetUpAsync(db, e.Serial, "clerk"); // ICardService.ReadFaceAsync and ApplyCertificateWishesAsync
        }
        var letters = await stores.Runtime.IssuanceNotices(Ishinomaki).SendWaveAsync(db, Today, "clerk", size: 10);
        var window = stores.Runtime.WindowDesk(Ishinomaki);
        foreach (var letter in letters)
        {
            var started = await window.StartAsync(db, letter.Number, desk: 1, "clerk");
            await window.VerifyIdentityAsync(db, started.Issuance.Id, CardScenarios.InPerson(), "{}", null, null);
            await Myna.Municipal.Issuance.WindowDesk.RecordChecksAsync(db, started.Issuance.Id, true, true, true);
            Assert.True((await window.SubmitPinsAsync(db, started.Issuance.Id, "2580", "2580", "MYNA2026", "MYNA2026", "pinpad")).Accepted); // ICardService.SetPinsAsync
            await window.CompleteAsync(db, started.Issuance.Id, true, false, false, "clerk");
        }
        var held = await db.HeldCards.AsNoTracking().OrderBy(h => h.Id).ToListAsync();
        Assert.Equal(adults, held.Count);
        return (stores, held);
    }

    private async Task<List<IssuedCertificate>> LiveCertificatesAsync(string cardSerial)
    {
        await using var store = national.National.Stores.OpenNational();
        return await store.Certificates.AsNoTracking().Where(c => c.CardSerial == cardSerial && c.Status != CertificateStatus.Revoked).ToListAsync();
    }

    /// <summary>The national host's OCSP responder, asked over plain HTTP as a relying party would.</summary>
    private async Task<(OcspCertStatus Status, int? Reason)> OcspAsync(IssuedCertificate certificate)
    {
        var kind = (CaKind)certificate.Ca;
        var id = CertId.For(national.National.Authority(kind).Certificate, Convert.FromHexString(certificate.Serial));
        using var http = new HttpClient();
        using var content = new ByteArrayContent(OcspRequest.Build([id], nonce: System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
        using var answer = await http.PostAsync($"{national.PlainUrl}/pki/ocsp/{CaKinds.Slug(kind)}", content);
        answer.EnsureSuccessStatusCode();
        var single = Assert.Single(OcspResponses.Parse(await answer.Content.ReadAsByteArrayAsync()).Responses);
        return (single.Status, single.Reason);
    }

    [Fact]
    public async Task TheCardPath_RunsAcrossTheNetwork_AndTheNationalHostAnswersOcspWithTheSuspension()
    {
        var (stores, cards) = await IssuedAsync(seed: 101, adults: 1);
        await using var _ = stores;
        var card = cards[0];
        var certificates = await LiveCertificatesAsync(card.Serial);
        Assert.Equal(2, certificates.Count);
        foreach (var c in certificates)
        {
            Assert.Equal(OcspCertStatus.Good, (await OcspAsync(c)).Status);
        }

        // A loss call at the national call centre (J-LIS's own console, on its own store).
        await using var db = stores.OpenMunicipal();
        var holder = await db.Residents.AsNoTracking().SingleAsync(r => r.Id == card.ResidentId);
        var suspended = Assert.Single(await national.National.CallCentre().SuspendAsync(
            new LossReport(holder.FamilyName + " " + holder.GivenName, holder.BirthDate, holder.Address, (int)holder.Sex, "本人", false), "operator"));

        foreach (var c in certificates)
        {
            Assert.Equal((OcspCertStatus.Revoked, (int?)6), await OcspAsync(c)); // certificateHold
        }
        var lifecycle = stores.Runtime.CardLifecycle();
        var standing = await lifecycle.StandingAsync(Ishinomaki, card.Serial);
        Assert.Equal(suspended.Reference, standing.SuspensionReference);
        Assert.Contains(await lifecycle.HistoryAsync(Ishinomaki, card.Serial), e => e.Reference == suspended.Reference);

        // Found again: lifted at the window through the network (ICardLifecycle.LiftSuspensionAsync).
        await stores.Runtime.LifecycleDesk(Ishinomaki).LiftSuspensionAsync(db, card.Id, CardScenarios.InPerson(), "clerk");
        Assert.False((await lifecycle.StandingAsync(Ishinomaki, card.Serial)).Suspended);
        foreach (var c in certificates)
        {
            Assert.Equal(OcspCertStatus.Good, (await OcspAsync(c)).Status);
        }
        // The municipal audit log's end is witnessed on the national host (IAuditCheckpoints over the network).
        var checkpoint = await stores.Runtime.AuditCheckpoints().LatestAsync(Ishinomaki);
        Assert.NotNull(checkpoint);
        await using var store = national.National.Stores.OpenNational();
        Assert.Equal(checkpoint.Sequence, (await national.National.AuditCheckpoints().LatestAsync(Ishinomaki))!.Sequence);
    }

    [Fact]
    public async Task EveryOtherContractOperation_AnswersOverTheNetwork_AsInProcess()
    {
        var (stores, cards) = await IssuedAsync(seed: 202, adults: 3);
        await using var _ = stores;
        var client = stores.Runtime.NationalRemote!;
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        await using var db = stores.OpenMunicipal();
        var residents = await db.Residents.AsNoTracking().Where(r => cards.Select(c => c.ResidentId).Contains(r.Id)).ToDictionaryAsync(r => r.Id);
        HolderData HolderOf(HeldCard c)
        {
            var r = residents[c.ResidentId];
            return new HolderData(ResidentCode.Parse(r.ResidentCode), r.FamilyName + " " + r.GivenName, null, r.Address, null, r.BirthDate, (int)r.Sex);
        }

        // ICardService.ReadFaceAsync directly.
        Assert.Equal(cards[0].Serial, (await client.ReadFaceAsync(Ishinomaki, cards[0].Serial)).Serial);

        // ICardLifecycle: endorsement, certificate renewal, PIN reset, abolition, continuation after a move and abroad, revocations.
        await client.EndorseAsync(Ishinomaki, cards[0].Serial, HolderOf(cards[0]) with { Address = "宮城県石巻市穀町2番2号" }, "clerk");
        Assert.False(await client.RenewCertificatesAsync(Ishinomaki, cards[0].Serial, HolderOf(cards[0]) with { Address = "宮城県石巻市穀町2番2号" }, signature: true, "clerk"));
        Assert.True((await client.ResetPinAsync(Ishinomaki, cards[0].Serial, PinKind.UserAuthentication, "1357", "in person", "clerk")).Accepted);
        var moveId = Guid.NewGuid();
        var continued = await client.ContinueAsync(Ishinomaki, TestStores.Higashimatsushima, cards[1].Serial, HolderOf(cards[1]) with { Address = "宮城県東松島市矢本1番" }, "clerk", moveId);
        Assert.True(continued.Continued);
        Assert.Equal(continued, await client.ContinueAsync(Ishinomaki, TestStores.Higashimatsushima, cards[1].Serial,
            HolderOf(cards[1]) with { Address = "宮城県東松島市矢本1番" }, "clerk", moveId)); // the same message again: the same answer
        Assert.Equal("Listed", (await client.StandingAsync(TestStores.Higashimatsushima, cards[1].Serial)).State); // the destination's card now
        var abroad = await client.ContinueAbroadAsync(Ishinomaki, cards[2].Serial, TestStores.Higashimatsushima, HolderOf(cards[2]) with { Address = "宮城県東松島市矢本2番" },
            signatureAbroad: false, Today, "clerk", Guid.NewGuid());
        Assert.True(abroad.Continued);
        await client.AbolishAsync(Ishinomaki, cards[0].Serial, "test", superseded: false, "clerk");
        Assert.Equal("Abolished", (await client.StandingAsync(Ishinomaki, cards[0].Serial)).State);
        Assert.Contains(await client.RevocationsSinceAsync(Ishinomaki, since), r => r.CardSerial == cards[0].Serial);

        // ICertificateEvents: nothing left to revoke for the abolished card's holder.
        Assert.Equal(0, await client.HolderChangedAsync(Ishinomaki, HolderOf(cards[0]).ResidentCode, HolderChange.LeftTheRegister, "test"));

        // INationalNumbering: a number change once per message, a move of the resident code to the destination.
        var code = HolderOf(cards[0]).ResidentCode;
        var changeId = Guid.NewGuid();
        var changed = await client.ChangeAsync(Ishinomaki, code, changeId);
        Assert.Equal(changed, await client.ChangeAsync(Ishinomaki, code, changeId));
        Assert.Equal(changed, Assert.Single(await national.National.NationalNumbering().AssignAsync(Ishinomaki, [code])));
        await client.MovedAsync(Ishinomaki, TestStores.Higashimatsushima, code, Guid.NewGuid());
        Assert.Equal(changed, Assert.Single(await client.AssignAsync(TestStores.Higashimatsushima, [code])));

        // ICardService.DestroyAsync and ICardProduction.RequestRemakeAsync on cards of a further delivery that stays in the safe.
        var remakeId = Guid.NewGuid();
        var destroyed = await DeliveredUnissuedAsync(stores, seed: 203);
        await client.DestroyAsync(Ishinomaki, destroyed[0], "uncollected", "clerk");
        Assert.Equal("Voided", (await client.StandingAsync(Ishinomaki, destroyed[0])).State);
        await client.RequestRemakeAsync(Ishinomaki, destroyed[1], "cracked", "clerk", remakeId);
        Assert.Equal("Voided", (await client.StandingAsync(Ishinomaki, destroyed[1])).State);

        // IAuditCheckpoints.AcceptAsync: moved back only by an administrator's acceptance.
        var latest = (await client.LatestAsync(Ishinomaki))!;
        var back = new AuditCheckpoint(1, (await db.AuditRecords.AsNoTracking().SingleAsync(r => r.Sequence == 1)).Hash);
        await Assert.ThrowsAnyAsync<ContractRefusedException>(() => client.RecordAsync(Ishinomaki, back));
        await client.AcceptAsync(Ishinomaki, back, "investigated");
        Assert.Equal(1, (await client.LatestAsync(Ishinomaki))!.Sequence);
        Assert.True(latest.Sequence > 1);
    }

    /// <summary>Two cards produced for this municipality and received into the safe, not issued.</summary>
    private async Task<List<string>> DeliveredUnissuedAsync(TestStores stores, int seed)
    {
        await using var db = stores.OpenMunicipal();
        await RegisterScenarios.LoadAsync(stores, 10, seed);
        await stores.Runtime.NumberAssignment(Ishinomaki).RunAsync(db, Ishinomaki, "test");
        await stores.Runtime.NoticeGeneration(Ishinomaki).RunAsync(db, new DateOnly(2026, 11, 25), "test");
        var applied = await db.CardApplications.Select(a => a.ApplicationId).ToListAsync();
        var births = await db.Residents.ToDictionaryAsync(r => r.Id, r => r.BirthDate);
        var forms = (await db.Notices.OrderBy(n => n.Id).Select(n => new { n.ResidentId, n.ApplicationId }).ToListAsync())
            .Where(f => !applied.Contains(f.ApplicationId) && !ApplicationRules.IsUnder15(births[f.ResidentId], Today)).Take(2).ToList();
        var desk = stores.Runtime.ApplicationDesk(Ishinomaki);
        foreach (var form in forms)
        {
            var receipt = await desk.SubmitAsync(db, Ishinomaki, new ApplicationInput(form.ApplicationId, ApplicationChannel.Mail, TestPhotos.Jpeg()), "clerk");
            await desk.ReviewAsync(db, Ishinomaki, receipt.Id, pass: true, [], null, "reviewer");
        }
        var run = await national.National.CardProductionBatch().RunAsync("production");
        var list = run.Lists.Single(l => l.Entries.Any(e => forms.Any(f => f.ApplicationId == e.ApplicationId)));
        var safe = stores.Runtime.CardSafe(Ishinomaki);
        await safe.ImportListAsync(db, list.ToCsv(), "clerk");
        foreach (var e in list.Entries)
        {
            await safe.ReceiveAsync(db, e.Serial, "clerk");
        }
        return list.Entries.Select(e => e.Serial).ToList();
    }
}
