using Microsoft.EntityFrameworkCore;
using Myna.Core.Applications;
using Myna.Core.Lifecycle;
using Myna.Core.Residents;
using Myna.Municipal.Applications;
using Myna.Municipal.Residents;
using Myna.Testing;

namespace Myna.Municipal.Tests.Residents;

/// <summary>A foreign resident's status of residence and period of stay on the register, capping the card and its certificates (DOMAIN §8.1, §7.2, §8.5).</summary>
public sealed class PeriodOfStayTests
{
    private static readonly DateOnly Today = Core.Calendar.JapanClock.Today(TimeProvider.System);

    private static ResidentChange Stay(string? status, string? until) =>
        new(ResidentEventType.ResidenceStatusChange, Today, Today, ResidenceStatus: status, StayUntil: until);

    /// <summary>The generated residents are Japanese nationals with a 本籍: a correction makes one a foreign resident with a status.</summary>
    private static ResidentChange Foreign(string status, string? until) =>
        new(ResidentEventType.Correction, Today, Today, FamilyRegisterPlace: "", FamilyRegisterMunicipality: "", ResidenceStatus: status, StayUntil: until);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task RecordAsync_StatusOfResidence_IsValidatedAndStoredWithItsEvent(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        await RegisterScenarios.LoadAsync(stores, 3);
        await using var db = stores.OpenMunicipal();
        var ids = await db.Residents.OrderBy(r => r.Id).Select(r => r.Id).ToListAsync();
        var register = stores.Runtime.ResidentRegister(TestStores.Ishinomaki);
        async Task<string> Refused(long id, ResidentChange change) => (await Assert.ThrowsAsync<RegisterRuleException>(() => register.RecordAsync(db, id, change, "clerk"))).Field;
        await register.RecordAsync(db, ids[0], new ResidentChange(ResidentEventType.Correction, Today, Today, FamilyRegisterPlace: "", FamilyRegisterMunicipality: ""), "clerk");

        Assert.Equal("stayUntil", await Refused(ids[0], Stay("留学", null)));
        Assert.Equal("stayUntil", await Refused(ids[0], Stay("永住者", "2030-01-31")));
        Assert.Equal("residenceStatus", await Refused(ids[0], Stay("観光客", "2030-01-31")));
        Assert.Equal("type", await Refused(ids[0], new ResidentChange(ResidentEventType.NameChange, Today, Today, FamilyName: "グエン", ResidenceStatus: "留学")));
        Assert.NotNull((await db.Residents.AsNoTracking().SingleAsync(r => r.Id == ids[1])).FamilyRegisterPlace);
        Assert.Equal("residenceStatus", await Refused(ids[1], Stay("定住者", "2030-01-31")));
        Assert.Equal(0, await db.Residents.CountAsync(r => r.ResidenceStatus != null || r.StayUntil != null)); // nothing half-written

        var recorded = await register.RecordAsync(db, ids[0], Stay("留学", "令和12年1月31日"), "clerk");

        var stored = await db.Residents.AsNoTracking().SingleAsync(r => r.Id == ids[0]);
        Assert.Equal(("留学", (DateOnly?)new DateOnly(2030, 1, 31)), (stored.ResidenceStatus, stored.StayUntil));
        Assert.StartsWith("ResidenceStatus, StayUntil", recorded.Note, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2030, 1, 31), ResidentSnapshot.FromJson(recorded.Snapshot).StayUntil);
        // Becoming a permanent resident ends the period.
        await register.RecordAsync(db, ids[0], Stay("永住者", null), "clerk");
        var permanent = await db.Residents.AsNoTracking().SingleAsync(r => r.Id == ids[0]);
        Assert.Equal(("永住者", (DateOnly?)null), (permanent.ResidenceStatus, permanent.StayUntil));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Production_ForeignResidentApplication_CapsTheCardAndCertificatesAtThePeriodOfStay(string provider)
    {
        var (stores, forms) = await CardScenarios.NotifiedAsync(provider, 80);
        await using var _ = stores;
        Pki.Authorities.CaSetup.Ensure(stores.Runtime.CaKeyStore(), stores.Runtime.CaFolder, DateTimeOffset.UtcNow);
        await using var db = stores.OpenMunicipal();
        var ids = forms.Select(f => f.ResidentId).ToList();
        var births = await db.Residents.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.BirthDate);
        var form = forms.First(f => !ApplicationRules.IsUnder15(births[f.ResidentId], Today.AddYears(-1)));
        var stayEnd = Today.AddDays(400);
        await stores.Runtime.ResidentRegister(TestStores.Ishinomaki).RecordAsync(db, form.ResidentId, Foreign("技術・人文知識・国際業務", stayEnd.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), "clerk");
        var desk = stores.Runtime.ApplicationDesk(TestStores.Ishinomaki);
        var receipt = await desk.SubmitAsync(db, TestStores.Ishinomaki, new ApplicationInput(form.ApplicationId, ApplicationChannel.Mail, TestPhotos.Jpeg(),
            WantsSignatureCertificate: true), "clerk");
        await desk.ReviewAsync(db, TestStores.Ishinomaki, receipt.Id, pass: true, [], null, "reviewer");

        await stores.Runtime.CardProductionBatch().RunAsync("production");

        await using var national = stores.Runtime.Stores.OpenNational();
        var card = await national.ProducedCards.AsNoTracking().SingleAsync(c => c.ApplicationId == form.ApplicationId);
        Assert.Equal(stayEnd, card.Expiry);
        var certificates = await national.Certificates.AsNoTracking().Where(c => c.CardSerial == card.Serial).ToListAsync();
        Assert.Equal(2, certificates.Count);
        Assert.All(certificates, c => Assert.True(DateOnly.FromDateTime(c.NotAfter.ToOffset(Core.Calendar.JapanClock.Offset).DateTime) <= stayEnd,
            $"certificate valid to {c.NotAfter:O}, after the period of stay"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task RecordAsync_PeriodOfStayExtended_EndorsesTheCardWithItsNewExpiry(string provider)
    {
        var (stores, cards) = await CardScenarios.IssuedAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal();
        var held = cards.First(c => c.Expiry > Today.AddYears(6)); // an adult's ten-year card
        var register = stores.Runtime.ResidentRegister(TestStores.Ishinomaki);
        var national = stores.Runtime.CardLifecycle();
        async Task<(DateOnly Municipal, DateOnly National)> ExpiryAsync() =>
            ((await db.HeldCards.AsNoTracking().SingleAsync(h => h.Id == held.Id)).Expiry, (await national.StandingAsync(TestStores.Ishinomaki, held.Serial)).Expiry);
        static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        // First recorded: the period caps the card already held.
        await register.RecordAsync(db, held.ResidentId, Foreign("留学", Iso(Today.AddDays(200))), "clerk");
        Assert.Equal((Today.AddDays(200), Today.AddDays(200)), await ExpiryAsync());
        // 在留期間更新: extended, the card's expiry follows, written on the card's back (追記).
        await register.RecordAsync(db, held.ResidentId, Stay(null, Iso(Today.AddDays(700))), "clerk");
        Assert.Equal((Today.AddDays(700), Today.AddDays(700)), await ExpiryAsync());
        var endorsements = await db.LifecycleEvents.AsNoTracking().Where(e => e.HeldCardId == held.Id && e.Kind == LifecycleKind.Endorsed).ToListAsync();
        Assert.Equal(2, endorsements.Count);
        Assert.All(endorsements, e => Assert.Contains("有効期限", Myna.Core.Text.Messages.StoredMessage.Show(e.Detail, english: false), StringComparison.Ordinal));
        Assert.Equal(2, (await db.HeldCards.AsNoTracking().SingleAsync(h => h.Id == held.Id)).Endorsements);
        // 永住者: no period, the birthday rule alone.
        await register.RecordAsync(db, held.ResidentId, Stay("永住者", null), "clerk");
        Assert.Equal((held.Expiry, held.Expiry), await ExpiryAsync());
    }
}
