using Microsoft.EntityFrameworkCore;
using Myna.Core.Identifiers;
using Myna.Core.Notices;
using Myna.Municipal;
using Myna.Municipal.Notices;
using Myna.Municipal.Residents;

namespace Myna.Testing;

/// <summary>Shared scenario builders of the data tests (see tests/Shared/Scenarios).</summary>
public static class RegisterScenarios
{
    public static async Task<(TestStores Stores, MailTracking Mail, ManualClock Clock)> PostedAsync(string provider, int residents)
    {
        var stores = await RegisterScenarios.NumberedAsync(provider, residents);
        await using var db = stores.OpenMunicipal();
        await stores.Runtime.NoticeGeneration(TestStores.Ishinomaki).RunAsync(db, new DateOnly(2026, 11, 24), "test");
        var envelopes = await db.NoticeEnvelopes.OrderBy(e => e.Sequence).ToListAsync();
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero));
        var mail = new MailTracking(stores.Runtime.MunicipalAudit(TestStores.Ishinomaki), clock,
            NoticeGeneration.OfficeAddressOf(stores.Runtime.Municipality(TestStores.Ishinomaki)), new Myna.Municipal.SupportMeasures.AddressRule(
                stores.Runtime.MunicipalAudit(TestStores.Ishinomaki), TimeProvider.System));
        await mail.RecordMailNumbersAsync(db, envelopes.Select(e => (e.BatchId, e.Sequence, $"1234-5678-{e.Sequence:D4}")).ToList(), "clerk");
        return (stores, mail, clock);
    }

    public static async Task<TestStores> NumberedAsync(string provider, int residents, bool neighbour = false)
    {
        var stores = await TestStores.CreateAsync(provider, neighbour: neighbour);
        await RegisterScenarios.LoadAsync(stores, residents);
        await using var db = stores.OpenMunicipal();
        await stores.Runtime.NumberAssignment(TestStores.Ishinomaki).RunAsync(db, TestStores.Ishinomaki, "test");
        return stores;
    }

    public static ResidenceRegistration Residence(long residentId, DeliveryKind delivery = DeliveryKind.Residence,
        ResidenceReason reason = ResidenceReason.HospitalOrFacility) => new()
    {
        ResidentId = residentId,
        Reason = reason,
        Delivery = delivery,
        PostalCode = "980-0011",
        Address = "宮城県仙台市青葉区上杉一丁目1番1号 すこやか病院",
        IdDocumentChecked = true,
        DeliveryProofChecked = delivery != DeliveryKind.HeldAtOffice,
        ProxyName = delivery == DeliveryKind.Proxy ? "代理　花子" : null,
        ProxyAddress = delivery == DeliveryKind.Proxy ? "宮城県石巻市穀町1番1号" : null,
        ProxyAuthorityChecked = delivery == DeliveryKind.Proxy,
        ReceivedOn = new DateOnly(2026, 9, 10),
        RecordedBy = "",
    };

    /// <summary>A support measure (§9) for one resident, with an offender at <paramref name="offenderAddress"/>.</summary>
    public static Task ProtectAsync(TestStores stores, MunicipalDb db, long residentId, string? offenderAddress = null) =>
        stores.Runtime.SupportMeasureDesk(TestStores.Ishinomaki).CreateAsync(db, new Myna.Municipal.SupportMeasures.SupportMeasureApplication(residentId,
            Core.SupportMeasures.SupportMeasureKind.DomesticViolence, Core.SupportMeasures.SupportBasisKind.Police, "石巻警察署",
            Core.Calendar.JapanClock.Today(TimeProvider.System).AddDays(-1), null, null, null, [],
            [new Myna.Municipal.SupportMeasures.OffenderInput("加害　太郎", Address: offenderAddress)]), "officer");

    public static async Task LoadAsync(TestStores stores, int count, int seed = 7)
    {
        await using var db = stores.OpenMunicipal();
        var rows = TestData.Residents(count, seed).Select((r, i) => new ImportRow(i + 2, r, []));
        var result = await stores.Runtime.ResidentImporter(TestStores.Ishinomaki).ImportAsync(db, rows, "test", "test");
        Assert.True(result.Succeeded);
    }

    public static async Task AssertEveryActiveResidentHasExactlyOneDistinctNumber(TestStores stores)
    {
        await using var db = stores.OpenMunicipal();
        var protector = stores.Runtime.Protector(TestStores.Ishinomaki);
        var residents = await db.Residents.Select(r => r.Id).ToListAsync();
        var current = await db.ResidentNumbers.Where(n => n.IsCurrent).ToListAsync();
        Assert.Equal(residents.Count, current.Count);
        Assert.Equal(residents.Order(), current.Select(n => n.ResidentId).Order());
        var numbers = current.Select(n => protector.Unprotect(n.Cipher, n.ResidentId)).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.True(IndividualNumber.TryParse(n.Value, out _, out _)));
    }
}
