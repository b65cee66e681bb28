using Myna.Testing;
using static Myna.Testing.CliScenarios;

namespace Myna.Cli.Tests;

/// <summary><c>myna card create|show</c> as a developer uses them.</summary>
public sealed class CardCliTests
{
    [Fact]
    public async Task CreateThenShow_ReadsTheChipThroughApdus_AndNeverPrintsTheFullNumber()
    {
        var (stores, code, lastDigits) = await WithAnAdultAsync();
        await using var _ = stores;

        var weak = await MynaCli.RunAsync(stores, "1234\nMYNA2026\n", "card", "create", "--resident-code", code, "--expires", "2036-03-31");
        var made = await MynaCli.RunAsync(stores, "2580\nmyna2026\n", "card", "create", "--resident-code", code, "--expires", "2036-03-31");

        Assert.Equal(1, weak.ExitCode);
        Assert.Contains("4-digit PIN: Runs such as 1234", weak.Err, StringComparison.Ordinal);
        Assert.True(made.ExitCode == 0, made.Err);
        var serial = made.Out.Split(' ', ':')[1];
        var shown = await MynaCli.RunAsync(stores, null, "card", "show", serial);
        Assert.True(shown.ExitCode == 0, shown.Err);
        Assert.Contains("ATR   3BE000FF8131FE4514", shown.Out, StringComparison.Ordinal);
        Assert.Contains("token JPKIAPICCTOKEN2", shown.Out, StringComparison.Ordinal);
        Assert.Contains("user certificate: C=JP, CN=", shown.Out, StringComparison.Ordinal);
        Assert.Contains("signature certificate: needs the signature PIN", shown.Out, StringComparison.Ordinal);
        Assert.Contains("PIN tries left: user 3, signature 5", shown.Out, StringComparison.Ordinal);

        var withPin = await MynaCli.RunAsync(stores, "2580\n", "card", "show", serial, "--pin");
        Assert.True(withPin.ExitCode == 0, withPin.Err);
        Assert.Contains("individual number ********" + lastDigits, withPin.Out, StringComparison.Ordinal);
        var wrongPin = await MynaCli.RunAsync(stores, "9999\n", "card", "show", serial, "--pin");
        Assert.Equal(1, wrongPin.ExitCode);
        Assert.Contains("tries left 2", wrongPin.Err, StringComparison.Ordinal);
        var again = await MynaCli.RunAsync(stores, "9998\n", "card", "show", serial, "--pin");
        Assert.Contains("tries left 1", again.Err, StringComparison.Ordinal); // the first failure was kept
        Assert.Equal(1, (await MynaCli.RunAsync(stores, null, "card", "show", "FFFF")).ExitCode);
    }

    [Theory]
    [InlineData("1980-02-17", "2026-11-24", "2026-10-01", null, 0, "2036-02-17\n")]
    [InlineData("2004-01-15", "2022-05-10", "2022-03-31", null, 0, "2027-01-15\n")]
    [InlineData("1990-06-10", "2026-11-24", "2026-10-01", "2028-06-30", 0, "2028-06-30\n")]
    [InlineData("2030-01-01", "2026-11-24", "2026-10-01", null, 1, "")]
    [InlineData("1980-02-30", "2026-11-24", "2026-10-01", null, 2, "")]
    public async Task Validity_PrintsTheExpiryOnOneLine(string birth, string issued, string applied, string? stay, int exitCode, string output)
    {
        string[] args = ["card", "validity", "--birth", birth, "--issued", issued, "--applied", applied, .. stay is null ? Array.Empty<string>() : ["--stay-until", stay]];
        var result = await MynaCli.RunAsync(null, null, args);
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal(output, result.Out);
    }
}
