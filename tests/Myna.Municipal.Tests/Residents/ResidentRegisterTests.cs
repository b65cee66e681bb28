using Microsoft.EntityFrameworkCore;
using Myna.Core.Residents;
using Myna.Municipal.Residents;
using Myna.Testing;

namespace Myna.Municipal.Tests.Residents;

public sealed class ResidentRegisterTests
{
    private static readonly DateOnly Today = Myna.Core.Calendar.JapanClock.Today(TimeProvider.System);

    private static async Task<(TestStores Stores, long Id)> WithResidentAsync(string provider)
    {
        var stores = await TestStores.CreateAsync(provider);
        await RegisterScenarios.LoadAsync(stores, 3);
        await using var db = stores.OpenMunicipal();
        return (stores, await db.Residents.OrderBy(r => r.Id).Select(r => r.Id).FirstAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Record_MoveWithin_ChangesAddressAndKeepsTheOldOneInHistory(string provider)
    {
        var (stores, id) = await WithResidentAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal();
        var oldTown = (await db.Residents.AsNoTracking().SingleAsync(r => r.Id == id)).Town;

        var e = await new ResidentRegister(TimeProvider.System).RecordAsync(db, id,
            new ResidentChange(ResidentEventType.AddressChangeWithin, Today.AddDays(-3), Today, Town: "中里二丁目", Block: "5番1号", PostalCode: "9860832"), "clerk");

        var resident = await db.Residents.AsNoTracking().SingleAsync(r => r.Id == id);
        Assert.Equal(("中里二丁目", "5番1号", "986-0832"), (resident.Town, resident.Block, resident.PostalCode));
        var history = await db.ResidentEvents.AsNoTracking().Where(x => x.ResidentId == id).OrderBy(x => x.Id).ToListAsync();
        Assert.Equal(2, history.Count);
        Assert.Equal(oldTown, ResidentSnapshot.FromJson(history[0].Snapshot).Town);
        Assert.Equal((Today.AddDays(-3), Today), (e.EffectiveDate, e.NotificationDate));
        Assert.Contains("Town", e.Note, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Record_Death_EndsRegistrationButKeepsTheResident(string provider)
    {
        var (stores, id) = await WithResidentAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal();
        var register = new ResidentRegister(TimeProvider.System);

        await register.RecordAsync(db, id, new ResidentChange(ResidentEventType.Death, Today.AddDays(-1), Today), "clerk");

        Assert.Equal(ResidentStatus.Deceased, (await db.Residents.AsNoTracking().SingleAsync(r => r.Id == id)).Status);
        var refused = await Assert.ThrowsAsync<RegisterRuleException>(() =>
            register.RecordAsync(db, id, new ResidentChange(ResidentEventType.MoveOut, Today, Today), "clerk"));
        Assert.Contains("only a correction", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Record_RuleBroken_IsRefusedWithTheFieldAndChangesNothing(string provider)
    {
        var (stores, id) = await WithResidentAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal();
        var register = new ResidentRegister(TimeProvider.System);
        var before = await db.ResidentEvents.CountAsync();

        var nameInMove = await Assert.ThrowsAsync<RegisterRuleException>(() => register.RecordAsync(db, id,
            new ResidentChange(ResidentEventType.AddressChangeWithin, Today, Today, FamilyName: "鈴木", Town: "新町"), "clerk"));
        var future = await Assert.ThrowsAsync<RegisterRuleException>(() => register.RecordAsync(db, id,
            new ResidentChange(ResidentEventType.NameChange, Today, Today.AddDays(2), FamilyName: "鈴木"), "clerk"));
        var badKana = await Assert.ThrowsAsync<RegisterRuleException>(() => register.RecordAsync(db, id,
            new ResidentChange(ResidentEventType.NameChange, Today, Today, FamilyName: "鈴木", FamilyNameKana: "suzuki"), "clerk"));

        Assert.Equal("type", nameInMove.Field);
        Assert.Equal("notificationDate", future.Field);
        Assert.Equal("familyNameKana", badKana.Field);
        db.ChangeTracker.Clear();
        Assert.Equal(before, await db.ResidentEvents.CountAsync());
        Assert.NotEqual("鈴木", (await db.Residents.AsNoTracking().SingleAsync(r => r.Id == id)).FamilyName);
    }
}
