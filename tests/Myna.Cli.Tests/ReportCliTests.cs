using Myna.Testing;

namespace Myna.Cli.Tests;

/// <summary><c>myna report issuance-rates</c> and <c>myna plan</c> as scripts run them (DOMAIN §11.1, §11.3).</summary>
public sealed class ReportCliTests
{
    private static string Sample(string file) => Path.Combine(TestPostgres.RepositoryRoot(), "samples", "statistics", file);

    [Fact]
    public async Task IssuanceRates_PrintsNamePopulationIssuedRateAndRank_ForAnyFileOfTheShape()
    {
        var prefectures = await MynaCli.RunAsync(null, null, "report", "issuance-rates", "--input", Sample("prefectures-2021.csv"), "--format", "csv");
        var fromStdin = await MynaCli.RunAsync(null, "name,population,issued\n甲市,1000,500\n乙町,2000,1000\n丙村,300,100\n", "report", "issuance-rates", "--input", "-",
            "--format", "csv", "--total");
        var bad = await MynaCli.RunAsync(null, "name,population,issued\n甲市,1000,many\n", "report", "issuance-rates", "--input", "-", "--format", "csv");
        var missing = await MynaCli.RunAsync(null, null, "report", "issuance-rates", "--input", "/nonexistent/figures.csv");

        Assert.Equal(0, prefectures.ExitCode);
        var lines = prefectures.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("name,population,issued,rate,rank", lines[0]);
        Assert.Equal("宮崎県,1095903,358411,32.7,1", lines[1]);
        Assert.Equal(["山口県,1369882,342400,25.0,9", "千葉県,6319772,1577748,25.0,9", "京都府,2545899,632864,24.9,11"], lines[9..12]);
        Assert.Equal("高知県,709230,119991,16.9,47", lines[^1]);
        Assert.Equal("name,population,issued,rate,rank\n甲市,1000,500,50.0,1\n乙町,2000,1000,50.0,1\n丙村,300,100,33.3,3\n合計,3300,1600,48.5,\n", fromStdin.Out);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("line 2: issued 'many' is not a whole number", bad.Err, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);

        var dir = Directory.CreateTempSubdirectory("myna-report-").FullName;
        var xlsx = await MynaCli.RunAsync(null, null, "report", "issuance-rates", "--input", Sample("categories-2021.csv"), "--format", "xlsx", "--out", Path.Combine(dir, "r.xlsx"));
        var pdf = await MynaCli.RunAsync(null, null, "report", "issuance-rates", "--input", Sample("municipalities-top-2021.csv"), "--format", "pdf", "--out", Path.Combine(dir, "r.pdf"));
        var noOut = await MynaCli.RunAsync(null, null, "report", "issuance-rates", "--input", Sample("categories-2021.csv"), "--format", "pdf");
        Assert.Equal((0, 0, 2), (xlsx.ExitCode, pdf.ExitCode, noOut.ExitCode));
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString((await File.ReadAllBytesAsync(Path.Combine(dir, "r.xlsx")))[..2]));
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString((await File.ReadAllBytesAsync(Path.Combine(dir, "r.pdf")))[..4]));
    }

    [Fact]
    public async Task Plan_Seed004_28ADay_284WindowDays()
    {
        var seed004 = await MynaCli.RunAsync(null, null, "plan", "--windows", "2", "--service-minutes", "30", "--hours-per-day", "7", "--backlog", "7939");
        var weekends = await MynaCli.RunAsync(null, null, "plan", "--windows", "2", "--service-minutes", "30", "--hours-per-day", "7", "--backlog", "7939",
            "--days-per-week", "7", "--start", "2026-11-23");
        var impossible = await MynaCli.RunAsync(null, null, "plan", "--windows", "0", "--service-minutes", "30", "--hours-per-day", "7", "--backlog", "10");

        Assert.Equal("cards per day: 28\nwindow-days: 284\ncalendar days: 396\n", seed004.Out);
        Assert.Equal("cards per day: 28\nwindow-days: 284\ncalendar days: 284\nclears on: 2027-09-02\n", weekends.Out);
        Assert.Equal(2, impossible.ExitCode);
        var waves = await MynaCli.RunAsync(null, null, "plan", "--windows", "2", "--service-minutes", "30", "--hours-per-day", "7", "--backlog", "7939",
            "--show-up-rate", "0.8", "--target-wait-days", "7");
        Assert.EndsWith("notices: a first wave of 175, then 35 a day (wait within 7 days)\n", waves.Out, StringComparison.Ordinal);
    }
}
