using Microsoft.EntityFrameworkCore;
using Myna.Testing;

namespace Myna.Data.Tests.Numbering;

/// <summary>
/// DOMAIN §1.3 / ARCHITECTURE principle 6: the numbering batch killed with SIGKILL at an
/// arbitrary moment and run again leaves every resident with exactly one distinct number.
/// </summary>
public sealed class NumberingKillTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AssignKilledMidway_RerunCompletesWithoutDuplicatesOrGaps(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        await NumberingTests.LoadAsync(stores, 30_000, seed: 11);

        var killedPartway = false;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var process = Cli.Start(stores, "number", "assign");
            // Kill once some chunks are stored but (very likely) not all.
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
                await using var db = stores.OpenMunicipal();
                var numbered = await db.ResidentNumbers.CountAsync();
                if (numbered > (attempt + 1) * 5_000)
                {
                    break;
                }
            }
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true); // SIGKILL
            }
            await process.WaitForExitAsync();
            await using var check = stores.OpenMunicipal();
            killedPartway |= await check.ResidentNumbers.CountAsync() is > 0 and < 30_000;
        }
        Assert.True(killedPartway, "the batch finished before it could be killed; the test proved nothing");

        var final = await Cli.RunAsync(stores, null, "number", "assign");
        Assert.True(final.ExitCode == 0, final.Err);
        await NumberingTests.AssertEveryActiveResidentHasExactlyOneDistinctNumber(stores);
    }
}
