using Microsoft.EntityFrameworkCore;
using Myna.Core.Notices;
using Myna.Municipal.Notices;
using Myna.Testing;

namespace Myna.Municipal.Tests.Notices;

public sealed class ResidenceRegistryTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ReRegistration_EndsThePreviousOne_AndKeepsItAsHistory(string provider)
    {
        await using var stores = await RegisterScenarios.NumberedAsync(provider, 3);
        await using var db = stores.OpenMunicipal();
        var id = await db.Residents.Select(r => r.Id).FirstAsync();
        var registry = stores.Runtime.ResidenceRegistry(TestStores.Ishinomaki);

        var first = await registry.RegisterAsync(db, RegisterScenarios.Residence(id), null, "clerk");
        var changed = RegisterScenarios.Residence(id);
        changed.Address = "宮城県石巻市中央二丁目1番1号 避難先";
        var second = await registry.RegisterAsync(db, changed, null, "clerk");

        var history = await ResidenceRegistry.HistoryAsync(db, id);
        Assert.Equal([second.Id, first.Id], history.Select(h => h.Id));
        Assert.True(history[0].IsCurrent);
        Assert.Equal((second.Id, "re-registered"), (history[1].SupersededById, history[1].EndedReason));

        await registry.EndAsync(db, id, "returned home", "clerk");
        Assert.DoesNotContain(await ResidenceRegistry.HistoryAsync(db, id), h => h.IsCurrent);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Register_BreakingRules_StoresNothing_AndNamesEveryProblem(string provider)
    {
        await using var stores = await RegisterScenarios.NumberedAsync(provider, 3);
        await using var db = stores.OpenMunicipal();
        var id = await db.Residents.Select(r => r.Id).FirstAsync();
        var bad = RegisterScenarios.Residence(id, DeliveryKind.HeldAtOffice, ResidenceReason.DisasterEvacuee);
        bad.IdDocumentChecked = false;

        var e = await Assert.ThrowsAsync<ResidenceRulesException>(() =>
            stores.Runtime.ResidenceRegistry(TestStores.Ishinomaki).RegisterAsync(db, bad, new RegistrationWindow(new(2026, 9, 1), new(2026, 9, 30)), "clerk"));

        Assert.Equal([nameof(bad.IdDocumentChecked), nameof(bad.Delivery)], e.Problems.Select(p => p.Field));
        Assert.Equal(0, await db.ResidenceRegistrations.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Register_HospitalResidentHeldAtOffice_IsStored_AndTheLetterWaitsAtTheOffice(string provider)
    {
        await using var stores = await RegisterScenarios.NumberedAsync(provider, 3);
        await using var db = stores.OpenMunicipal();
        var id = await db.Residents.OrderBy(r => r.Id).Select(r => r.Id).FirstAsync();

        // DOMAIN §3.2 [seed 000 3(2)]: a long-term hospital or facility resident may have the letter held at the office.
        var stored = await stores.Runtime.ResidenceRegistry(TestStores.Ishinomaki).RegisterAsync(db,
            RegisterScenarios.Residence(id, DeliveryKind.HeldAtOffice, ResidenceReason.HospitalOrFacility), null, "clerk");
        await stores.Runtime.NoticeGeneration(TestStores.Ishinomaki).RunAsync(db, new DateOnly(2026, 11, 24), "test");

        Assert.Equal((ResidenceReason.HospitalOrFacility, DeliveryKind.HeldAtOffice), (stored.Reason, stored.Delivery));
        var envelopeId = await db.Notices.Where(n => n.ResidentId == id).Select(n => n.EnvelopeId).SingleAsync();
        var envelope = await db.NoticeEnvelopes.SingleAsync(e => e.Id == envelopeId);
        Assert.Equal((DeliveryKind.HeldAtOffice, MailState.HeldAtOffice), (envelope.Delivery, envelope.State));
    }
}
