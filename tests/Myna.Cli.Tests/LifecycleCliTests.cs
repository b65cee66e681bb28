using Microsoft.EntityFrameworkCore;
using Myna.Core.Lifecycle;
using Myna.Testing;

namespace Myna.Cli.Tests;

/// <summary><c>myna lifecycle expiry-notices|invalidate-moves|fees</c> as the nightly and monthly jobs run them (DOMAIN §8).</summary>
public sealed class LifecycleCliTests
{
    private static readonly DateOnly Today = Core.Calendar.JapanClock.Today(TimeProvider.System);

    [Fact]
    public async Task TheMonthlyNotices_TheDailyInvalidation_AndTheFeeLedger()
    {
        var (stores, cards) = await CardScenarios.IssuedAsync("sqlite");
        await using var _ = stores;
        await using (var db = stores.OpenMunicipal())
        {
            await db.HeldCards.Where(h => h.Id == cards[0].Id).ExecuteUpdateAsync(s => s.SetProperty(h => h.Expiry, Today.AddMonths(2)));
            await stores.Runtime.LifecycleDesk(TestStores.Ishinomaki).StartReplacementAsync(db, cards[1].ResidentId, ReplacementKind.Reissue, ReissueCause.Damage, "clerk");
        }
        var dir = Directory.CreateTempSubdirectory("myna-life-").FullName;
        var day = Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var notices = await MynaCli.RunAsync(stores, null, "lifecycle", "expiry-notices", "--date", day, "--out", dir);
        var again = await MynaCli.RunAsync(stores, null, "lifecycle", "expiry-notices", "--date", day, "--out", dir);
        var invalidate = await MynaCli.RunAsync(stores, null, "lifecycle", "invalidate-moves", "--date", day);
        var fees = await MynaCli.RunAsync(stores, null, "lifecycle", "fees", "--from", day, "--to", day);
        var backwards = await MynaCli.RunAsync(stores, null, "lifecycle", "fees", "--from", day, "--to", "2000-01-01");
        var badDate = await MynaCli.RunAsync(stores, null, "lifecycle", "expiry-notices", "--date", "tomorrow");

        Assert.Equal(0, notices.ExitCode);
        Assert.StartsWith("1 new expiry notice(s); 1 in " + day[..7], notices.Out, StringComparison.Ordinal);
        Assert.StartsWith("0 new expiry notice(s); 1 in", again.Out, StringComparison.Ordinal);
        var stem = Path.Combine(dir, $"expiry-notices-042021-{day[..7]}");
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString((await File.ReadAllBytesAsync(stem + ".pdf"))[..4]));
        Assert.Equal(2, (await File.ReadAllLinesAsync(stem + ".csv")).Length);
        Assert.Equal("0 card(s) invalidated, their certificates revoked\n", invalidate.Out);
        Assert.Equal(0, fees.ExitCode);
        Assert.Contains(",Reissue,Damage,", fees.Out, StringComparison.Ordinal);
        Assert.EndsWith("total,,,,,,800,200,1000,0,\n", fees.Out, StringComparison.Ordinal);
        Assert.Equal(2, backwards.ExitCode);
        Assert.Equal(2, badDate.ExitCode);
        Assert.Contains("'tomorrow' is not a date", badDate.Err, StringComparison.Ordinal);
    }
}
