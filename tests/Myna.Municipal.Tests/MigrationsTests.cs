using Microsoft.EntityFrameworkCore;
using Myna.Testing;

namespace Myna.Municipal.Tests;

/// <summary>The hand-written migrations of each provider match the EF model: every entity set can be read.</summary>
public sealed class MigrationsTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Migrate_EveryEntitySetIsQueryableAndNothingIsPending(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        await using var municipal = stores.OpenMunicipal();
        await using var national = stores.Runtime.Stores.OpenNational();

        Assert.Empty(await municipal.Database.GetPendingMigrationsAsync());
        Assert.Empty(await national.Database.GetPendingMigrationsAsync());
        await municipal.Households.ToListAsync();
        await municipal.Residents.ToListAsync();
        await municipal.ResidentEvents.ToListAsync();
        await municipal.ResidentNumbers.ToListAsync();
        await municipal.NumberingRuns.ToListAsync();
        await municipal.StaffAccounts.ToListAsync();
        await municipal.AuditRecords.ToListAsync();
        await national.ChangedNumbers.ToListAsync();
        await national.RetiredNumbers.ToListAsync();
        await national.AuditRecords.ToListAsync();
        await stores.Runtime.Stores.MigrateAllAsync(); // a second run is a no-op
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Stores_EachMunicipalityAndTheNationalSideHaveTheirOwnDatabase(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        await using var municipal = stores.OpenMunicipal();
        await using var national = stores.Runtime.Stores.OpenNational();
        Assert.NotEqual(municipal.Database.GetConnectionString(), national.Database.GetConnectionString());
        Assert.DoesNotContain("residents", await TableNamesAsync(national));
        Assert.DoesNotContain("changed_numbers", await TableNamesAsync(municipal));
    }

    private static async Task<List<string>> TableNamesAsync(DbContext db) =>
        await db.Database.SqlQueryRaw<string>(db.Database.ProviderName!.Contains("Npgsql", StringComparison.Ordinal)
            ? "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'"
            : "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table'").ToListAsync();
}
