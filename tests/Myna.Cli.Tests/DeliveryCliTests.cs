using Myna.Testing;

namespace Myna.Cli.Tests;

/// <summary><c>myna production run</c> and <c>myna delivery …</c> as an administrator and a scanner use them.</summary>
public sealed class DeliveryCliTests
{
    [Fact]
    public async Task ProduceImportScanSetUpAndReturn_FromTheCommandLine()
    {
        var (stores, _) = await CardScenarios.QueuedAsync("sqlite", adults: 2);
        await using var _s = stores;
        var folder = Directory.CreateTempSubdirectory("myna-delivery-").FullName;

        var run = await MynaCli.RunAsync(stores, null, "production", "run", "--out", folder);
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains("3 card(s) made, 0 failed", run.Out, StringComparison.Ordinal);
        var file = Assert.Single(Directory.GetFiles(folder, "*.csv"));
        var serials = File.ReadAllLines(file).Where(l => l.StartsWith("D,", StringComparison.Ordinal)).Select(l => l.Split(',')[2]).ToList();

        var imported = await MynaCli.RunAsync(stores, null, "delivery", "import", file);
        var again = await MynaCli.RunAsync(stores, null, "delivery", "import", file);
        Assert.True(imported.ExitCode == 0, imported.Err);
        Assert.Contains("3 card(s) listed", imported.Out, StringComparison.Ordinal);
        Assert.Contains("already imported", again.Out, StringComparison.Ordinal);

        // A scanner types one serial per line; an unknown one is refused by name and the others still go in.
        var scanned = await MynaCli.RunAsync(stores, $"{serials[0]}\n\n{serials[1].ToLowerInvariant()}\nFFFFFFFFFFFFFFFF\n", "delivery", "receive");
        Assert.Equal(1, scanned.ExitCode);
        Assert.Contains("→ 保管中", scanned.Out, StringComparison.Ordinal);
        Assert.Contains("card FFFFFFFFFFFFFFFF is not on any imported delivery list", scanned.Err, StringComparison.Ordinal);
        var listId = Path.GetFileNameWithoutExtension(file);
        var status = await MynaCli.RunAsync(stores, null, "delivery", "status", listId);
        Assert.Contains($"not scanned: line 3 {serials[2]}", status.Out, StringComparison.Ordinal);

        var setup = await MynaCli.RunAsync(stores, null, "delivery", "setup");
        Assert.True(setup.ExitCode == 0, setup.Err);
        Assert.Contains("署名用 なし", setup.Out, StringComparison.Ordinal); // the first applicant declined it
        var returned = await MynaCli.RunAsync(stores, null, "delivery", "return", serials[2], "--problem", "Misprint", "--note", "氏名の印字かすれ");
        Assert.True(returned.ExitCode == 0, returned.Err);
        var mismatch = await MynaCli.RunAsync(stores, null, "delivery", "return", serials[0], "--problem", "Mismatch");
        Assert.Equal(1, mismatch.ExitCode);
        Assert.Contains("say what does not match", mismatch.Err, StringComparison.Ordinal);

        var inventory = await MynaCli.RunAsync(stores, null, "delivery", "status");
        Assert.Matches(@"交付前設定済\s+2", inventory.Out);
        Assert.Matches(@"再作製依頼\s+1", inventory.Out);

        // The daily jobs of §6.2: a wave, the reminders after the deadline, the destruction 3 months later.
        var wave = await MynaCli.RunAsync(stores, null, "issuance", "notices", "--date", "2026-12-01", "--size", "5", "--out", folder);
        var waveAgain = await MynaCli.RunAsync(stores, null, "issuance", "notices", "--date", "2026-12-01", "--out", folder);
        Assert.True(wave.ExitCode == 0, wave.Err);
        Assert.Contains("2 issuance notice(s) → ", wave.Out, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(folder, "notices-042021-20261201-*.pdf"));
        Assert.Contains("nothing to send", waveAgain.Out, StringComparison.Ordinal);
        var reminders = await MynaCli.RunAsync(stores, null, "issuance", "reminders", "--date", "2027-03-02", "--out", folder);
        Assert.Contains("2 reminder(s)", reminders.Out, StringComparison.Ordinal);
        var destroyed = await MynaCli.RunAsync(stores, null, "issuance", "destroy", "--date", "2027-06-02");
        Assert.Contains("2 card(s) destroyed", destroyed.Out, StringComparison.Ordinal);
        var badDate = await MynaCli.RunAsync(stores, null, "issuance", "destroy", "--date", "2027/06/02");
        Assert.Equal(2, badDate.ExitCode);
    }
}
