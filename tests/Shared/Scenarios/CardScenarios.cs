using Microsoft.EntityFrameworkCore;
using Myna.Core.Applications;
using Myna.Core.Issuance;
using Myna.Core.Lifecycle;
using Myna.Municipal.Applications;
using Myna.Pki.Authorities;
using Myna.Pki.Ocsp;

namespace Myna.Testing;

/// <summary>Shared scenario builders of the data tests (see tests/Shared/Scenarios).</summary>
public static class CardScenarios
{
    private static DateOnly Today => Core.Calendar.JapanClock.Today(TimeProvider.System);

    public static VerificationCase InPerson() =>
        new(false, [new PresentedDocument("drivers-license"), new PresentedDocument("passport")], Today);

    /// <summary>Cards handed over at the window to <paramref name="adults"/> adults and one child: held by their residents.</summary>
    public static async Task<(TestStores Stores, List<HeldCard> Cards)> IssuedAsync(string provider, int adults = 2, bool neighbour = false)
    {
        var stores = await CardScenarios.ReadyCardsAsync(provider, adults, neighbour);
        await using var db = stores.OpenMunicipal();
        var letters = await stores.Runtime.IssuanceNotices(TestStores.Ishinomaki).SendWaveAsync(db, Today, "clerk", size: 10);
        var window = stores.Runtime.WindowDesk(TestStores.Ishinomaki);
        foreach (var letter in letters)
        {
            var started = await window.StartAsync(db, letter.Number, desk: 1, "clerk");
            await window.VerifyIdentityAsync(db, started.Issuance.Id, InPerson(), "{}", null, null);
            await Myna.Municipal.Issuance.WindowDesk.RecordChecksAsync(db, started.Issuance.Id, true, true, true);
            Assert.True((await window.SubmitPinsAsync(db, started.Issuance.Id, "2580", "2580", "MYNA2026", "MYNA2026", "pinpad")).Accepted);
            await window.CompleteAsync(db, started.Issuance.Id, true, false, false, "clerk");
        }
        var held = await db.HeldCards.AsNoTracking().OrderBy(h => h.Id).ToListAsync();
        Assert.Equal(letters.Count, held.Count);
        return (stores, held);
    }

    public static async Task<(OcspCertStatus Status, int? Reason)> OcspAsync(TestStores stores, CaKind kind, string serial)
    {
        var id = CertId.For(stores.Runtime.Authority(kind).Certificate, Convert.FromHexString(serial));
        var answer = await stores.Runtime.OcspResponder().RespondAsync(kind, OcspRequest.Build([id], nonce: [1, 2, 3, 4, 5, 6, 7, 8]));
        var single = Assert.Single(OcspResponses.Parse(answer).Responses);
        return (single.Status, single.Reason);
    }

    /// <summary>Cards produced, delivered, scanned in and set up: ready for their notices.</summary>
    public static async Task<TestStores> ReadyCardsAsync(string provider, int adults = 3, bool neighbour = false)
    {
        var (stores, _) = await CardScenarios.QueuedAsync(provider, adults, firstDeclinesSignature: false, neighbour: neighbour);
        var list = (await stores.Runtime.CardProductionBatch().RunAsync("production")).Lists.Single();
        var safe = stores.Runtime.CardSafe(TestStores.Ishinomaki);
        await using var db = stores.OpenMunicipal();
        await safe.ImportListAsync(db, list.ToCsv(), "clerk");
        foreach (var e in list.Entries)
        {
            await safe.ReceiveAsync(db, e.Serial, "clerk");
            await safe.SetUpAsync(db, e.Serial, "clerk");
        }
        return stores;
    }

    /// <summary>Notified residents with accepted applications queued for production: <paramref name="adults"/> adults and one child.</summary>
    public static async Task<(TestStores Stores, List<(long Id, string ApplicationId, bool Adult)> Applications)> QueuedAsync(string provider, int adults = 3,
        bool firstDeclinesSignature = true, bool neighbour = false)
    {
        var (stores, forms) = await CardScenarios.NotifiedAsync(provider, 80, neighbour);
        CaSetup.Ensure(stores.Runtime.CaKeyStore(), stores.Runtime.CaFolder, DateTimeOffset.UtcNow);
        await using var db = stores.OpenMunicipal();
        var desk = stores.Runtime.ApplicationDesk(TestStores.Ishinomaki);
        var ids = forms.Select(f => f.ResidentId).ToList();
        var births = await db.Residents.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.BirthDate);
        var chosen = forms.Where(f => !ApplicationRules.IsUnder15(births[f.ResidentId], Today)).Take(adults).Select(f => (f, Adult: true))
            .Append((forms.First(f => ApplicationRules.IsUnder15(births[f.ResidentId], Today)), Adult: false)).ToList();
        var result = new List<(long, string, bool)>();
        foreach (var (form, adult) in chosen)
        {
            var receipt = await desk.SubmitAsync(db, TestStores.Ishinomaki, new ApplicationInput(form.ApplicationId, ApplicationChannel.Mail, TestPhotos.Jpeg(),
                WantsSignatureCertificate: adult && !(firstDeclinesSignature && result.Count == 0), LegalRepresentative: adult ? null : "法定代理人　太郎"), "clerk");
            await desk.ReviewAsync(db, TestStores.Ishinomaki, receipt.Id, pass: true, [], null, "reviewer");
            result.Add((receipt.Id, form.ApplicationId, adult));
        }
        return (stores, result);
    }

    public static async Task<OcspCertStatus> OcspStatusAsync(TestStores stores, CaKind kind, string serial) =>
        (await OcspAsync(stores, kind, serial)).Status;

    public static async Task<(TestStores Stores, List<(long ResidentId, string ApplicationId)> Forms)> NotifiedAsync(string provider, int residents = 30,
        bool neighbour = false)
    {
        var stores = await RegisterScenarios.NumberedAsync(provider, residents, neighbour);
        await using var db = stores.OpenMunicipal();
        await stores.Runtime.NoticeGeneration(TestStores.Ishinomaki).RunAsync(db, new DateOnly(2026, 11, 24), "test");
        var forms = await db.Notices.OrderBy(n => n.Id).Select(n => new { n.ResidentId, n.ApplicationId }).ToListAsync();
        return (stores, forms.Select(f => (f.ResidentId, f.ApplicationId)).ToList());
    }
}
