using System.Globalization;
using System.Text.Json;
using Myna.Bench;

// Myna benchmarks (docs/benchmarks.md): each figure beside a reference measured in the same run.
//   dotnet run -c Release --project bench/Myna.Bench -- [--suite register|notices|apply|pki|card|issuance|lifecycle|reports|security|support-measures|ocsp-hostile|letters|contracts] [--calls 500] [--measures N] [--requests 200 --concurrency 4] [--sizes 100000,1000000] [--runs 5]
// Internal: `job KIND DIR N` runs one job in this (child) process and prints its figures as JSON.
if (args.Length > 0 && args[0] == "job")
{
    var result = await Jobs.RunAsync(args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture));
    Console.WriteLine(JsonSerializer.Serialize(result));
    return 0;
}

var suite = Option("--suite", "register");
var sizes = Option("--sizes", suite switch { "notices" => "100000", "reports" => "150000", "support-measures" => "150000", "pki" => "10000,100000,1000000", _ => "100000,1000000" }).Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
var runs = int.Parse(Option("--runs", "5"), CultureInfo.InvariantCulture);
var report = suite switch
{
    "register" => await Suite.RunAsync(sizes, runs),
    "notices" => new BenchReport(DateTimeOffset.UtcNow, Suite.Machine(), Suite.Commit(), await Suite.NoticesAsync(sizes, runs)),
    "apply" => new BenchReport(DateTimeOffset.UtcNow, Suite.Machine(), Suite.Commit(),
        await ApplyLoad.RunAsync(int.Parse(Option("--requests", "200"), CultureInfo.InvariantCulture), int.Parse(Option("--concurrency", "4"), CultureInfo.InvariantCulture), runs)),
    "pki" => new BenchReport(DateTimeOffset.UtcNow, Suite.Machine(), Suite.Commit(),
        await PkiBench.RunAsync(sizes, int.Parse(Option("--seconds", "10"), CultureInfo.InvariantCulture), int.Parse(Option("--concurrency", "32"), CultureInfo.InvariantCulture), runs)),
    "card" => new BenchReport(DateTimeOffset.UtcNow, Suite.Machine(), Suite.Commit(), await CardBench.RunAsync(runs)),
    "issuance" => new BenchReport(DateTimeOffset.UtcNow, Suite.Machine(), Suite.Commit(),
        await IssuanceBench.RunAsync(int.Parse(Option("--cards", "1000"), CultureInfo.InvariantCulture), int.Parse(Option("--concurrency", "200"), CultureInfo.InvariantCulture), runs)),
    "lifecycle" => new BenchReport(DateTimeOffset.UtcNow, Suite.Machine(), Suite.Commit(),
        await LifecycleBench.RunAsync(sizes, int.Parse(Option("--cards", "60"), CultureInfo.InvariantCulture), runs)),
    "reports" => new BenchReport(DateTimeOffset.UtcNow, Suite.Machine(), Suite.Commit(),
        await ReportsBench.RunAsync(sizes, int.Parse(Option("--concurrency", "20"), CultureInfo.InvariantCulture), runs)),
    "security" => new BenchReport(DateTimeOffset.UtcNow, Suite.Machine(), Suite.Commit(),
        await SecurityBench.RunAsync(int.Parse(Option("--concurrency", "50"), CultureInfo.InvariantCulture), int.Parse(Option("--attempts", "4"), CultureInfo.InvariantCulture), runs)),
    "support-measures" => new BenchReport(DateTimeOffset.UtcNow, Suite.Machine(), Suite.Commit(),
        [.. await SupportMeasuresBench.SearchAsync(sizes[0], int.Parse(Option("--measures", "1000"), CultureInfo.InvariantCulture),
            int.Parse(Option("--searches", "50"), CultureInfo.InvariantCulture), runs),
         .. await SupportMeasuresBench.ForwardAsync(int.Parse(Option("--forwards", "100"), CultureInfo.InvariantCulture), runs)]),
    "ocsp-hostile" => new BenchReport(DateTimeOffset.UtcNow, Suite.Machine(), Suite.Commit(), await HostileOcspBench.RunAsync(runs)),
    "letters" => new BenchReport(DateTimeOffset.UtcNow, Suite.Machine(), Suite.Commit(), await LettersBench.RunAsync(runs)),
    "contracts" => new BenchReport(DateTimeOffset.UtcNow, Suite.Machine(), Suite.Commit(),
        await ContractBench.RunAsync(int.Parse(Option("--calls", "500"), CultureInfo.InvariantCulture), runs)),
    _ => throw new ArgumentException($"unknown suite '{suite}': register, notices, apply, pki, card, issuance, lifecycle, reports, security, support-measures, ocsp-hostile, letters or contracts"),
};
await Report.WriteAsync(report, suite);
return 0;

string Option(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
