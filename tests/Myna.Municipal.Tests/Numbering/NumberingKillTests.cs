using Microsoft.EntityFrameworkCore;
using Myna.Testing;

namespace Myna.Municipal.Tests.Numbering;

/// <summary>
/// DOMAIN §1.3 / ARCHITECTURE principle 6: the numbering batch killed with SIGKILL at an
/// arbitrary moment and run again leaves every resident with exactly one distinct number.
/// </summary>
public sealed class NumberingKillTests
{
    private const int Residents = 60_000;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AssignKilledMidway_RerunCompletesWithoutDuplicatesOrGaps(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        await RegisterScenarios.LoadAsync(stores, Residents, seed: 11);

        var killedPartway = false;
        var exits = new List<string>();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var process = MynaCli.Start(stores, "number", "assign");
            // First kill as soon as one chunk is stored, then once about a third is done.
            var threshold = attempt == 0 ? 0 : Residents / 3;
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(5);
                await using var db = stores.OpenMunicipal();
                if (await db.ResidentNumbers.CountAsync() > threshold)
                {
                    break;
                }
            }
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true); // SIGKILL
            }
            else
            {
                exits.Add($"exit {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
            }
            await process.WaitForExitAsync();
            await using var check = stores.OpenMunicipal();
            killedPartway |= await check.ResidentNumbers.CountAsync() is > 0 and < Residents;
        }
        Assert.True(killedPartway, "the batch finished before it could be killed; the test proved nothing: " + string.Join(" | ", exits));

        var final = await MynaCli.RunAsync(stores, null, "number", "assign");
        Assert.True(final.ExitCode == 0, final.Err);
        await RegisterScenarios.AssertEveryActiveResidentHasExactlyOneDistinctNumber(stores);
    }
}
