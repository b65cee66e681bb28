using Microsoft.EntityFrameworkCore;
using Myna.Hosting.Demo;
using Myna.Pki.Authorities;

namespace Myna.Testing;

/// <summary>Shared scenario builders of the data tests (see tests/Shared/Scenarios).</summary>
public static class CliScenarios
{
    /// <summary>Stores with numbered demo residents and the CAs; an adult's resident code and the last digits of the number.</summary>
    public static async Task<(TestStores Stores, string Code, string LastDigits)> WithAnAdultAsync()
    {
        var stores = await TestStores.CreateAsync("sqlite");
        await DemoSetup.LoadResidentsAsync(stores.Runtime, TestStores.Ishinomaki, 30, 3, "test");
        await using var db = stores.OpenMunicipal();
        await stores.Runtime.NumberAssignment(TestStores.Ishinomaki).RunAsync(db, TestStores.Ishinomaki, "test");
        CaSetup.Ensure(stores.Runtime.CaKeyStore(), stores.Runtime.CaFolder, DateTimeOffset.UtcNow);
        var adult = await db.Residents.AsNoTracking().Where(r => r.BirthDate < new DateOnly(1990, 1, 1) && r.BirthDate > new DateOnly(1950, 1, 1))
            .OrderBy(r => r.Id).FirstAsync();
        var lastDigits = (await db.ResidentNumbers.AsNoTracking().SingleAsync(n => n.ResidentId == adult.Id && n.IsCurrent)).Last4;
        return (stores, adult.ResidentCode, lastDigits);
    }
}
