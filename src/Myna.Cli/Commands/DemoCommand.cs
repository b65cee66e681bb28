using System.CommandLine;
using System.Text;
using Myna.Core.Calendar;
using Myna.Core.Residents;
using Myna.Core.Text;
using Myna.Hosting.Demo;

namespace Myna.Cli.Commands;

/// <summary>
/// <c>myna demo</c>: synthetic, deterministic residents — loaded into the register, or written
/// as a resident CSV with <c>--csv</c> (for trying the import or for benchmarks).
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var municipality = CliContext.MunicipalityOption();
        var residents = new Option<int>("--residents", "-n") { Description = "How many residents", DefaultValueFactory = _ => 1000 };
        residents.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 10_000_000)
            {
                r.AddError("--residents must be between 1 and 10,000,000");
            }
        });
        var seed = new Option<int>("--seed", "-s") { Description = "Seed: the same seed gives the same residents", DefaultValueFactory = _ => 1 };
        var csv = new Option<string?>("--csv") { Description = "Write a resident CSV file instead of loading the register" };
        var command = new Command("demo", "Generate realistic synthetic residents (names with readings, households, age pyramid)")
        {
            municipality, residents, seed, csv,
        };
        command.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            var code = CliContext.Municipality(runtime, parse.GetValue(municipality));
            var count = parse.GetValue(residents);
            var s = parse.GetValue(seed);
            if (parse.GetValue(csv) is { } path)
            {
                var m = runtime.Municipality(code);
                var generator = new DemoResidents(m.Prefecture, m.Name, s, JapanClock.Today(runtime.Time));
                await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
                var w = new CsvWriter(writer);
                w.WriteRecord(ResidentCsv.Columns);
                foreach (var r in generator.Generate(count))
                {
                    w.WriteRecord(ResidentCsv.Row(r.Code.Value, r.Data, r.RegisteredOn));
                }
                await Console.Out.WriteLineAsync($"wrote {count:N0} residents to {path}");
                return 0;
            }
            CliContext.RequireKeys(runtime);
            await runtime.Stores.MigrateAllAsync(ct);
            var progress = new ConsoleProgress("demo");
            var load = await DemoSetup.LoadResidentsAsync(runtime, code, count, s, CliContext.Actor,
                new Progress<long>(done => progress.Report((done, count))), ct);
            if (!load.Result.Succeeded)
            {
                foreach (var p in load.Result.Problems.Take(20))
                {
                    await Console.Error.WriteLineAsync(p.ToString());
                }
                return 1;
            }
            await Console.Out.WriteLineAsync($"{runtime.Municipality(code).Name}: {load.Result.Added:N0} added, {load.Result.Changed:N0} changed, {load.Result.Unchanged:N0} unchanged");
            await DemoSetup.EnsureAccountsAsync(runtime, code, ct);
            return 0;
        });
        return command;
    }
}
