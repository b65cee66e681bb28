using System.CommandLine;
using System.Globalization;
using Myna.Core.Statistics;
using Myna.Core.Text.Messages;

namespace Myna.Cli.Commands;

/// <summary>
/// <c>myna report issuance-rates</c> (DOMAIN §11.1) and <c>myna plan</c> (§11.3): scriptable reports that
/// need no store — figures in, rates and ranks or a plan out.
/// </summary>
internal static class ReportCommands
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static Command Report()
    {
        var report = new Command("report", "Statistics and reports (DOMAIN §11)");
        var input = new Option<string?>("--input") { Description = "Figures CSV: a name column (name, category, prefecture[, municipality]), population…, cards_issued…; '-' reads standard input" };
        var own = new Option<bool>("--own") { Description = "Instead of a file: the system's own counts, each municipality of this host (register, cards issued to date)" };
        var format = new Option<string>("--format") { Description = "csv (name,population,issued,rate,rank), table, xlsx or pdf (with --out)", DefaultValueFactory = _ => "table" };
        var output = new Option<string?>("--out") { Description = "File for xlsx or pdf" };
        var total = new Option<bool>("--total") { Description = "Add the total of all rows as a 全国 line (unranked) when the file has none" };
        var rates = new Command("issuance-rates", "交付率 and ranks (§11.1): rate = issued ÷ population, half-up to 0.1 %; ties share a rank (1, 2, 2, 4); cities and towns ranked apart")
        {
            input, own, format, total, output,
        };
        rates.SetAction(async (parse, ct) =>
        {
            List<AreaFigures> areas;
            if (parse.GetValue(own))
            {
                var runtime = CliContext.Runtime(parse);
                await runtime.Stores.MigrateAllAsync(ct);
                return await PrintAsync(await Myna.Municipal.Reports.OwnCounts.HostAsync(runtime.Stores.Municipalities, runtime.Stores.OpenMunicipal, ct), parse.GetValue(format), parse.GetValue(output), ct);
            }
            try
            {
                var path = parse.GetValue(input) ?? throw new CliException("give --input FILE.csv (or - for standard input), or --own", 2);
                using var reader = path == "-" ? Console.In : new StreamReader(File.OpenRead(Path.GetFullPath(path)), System.Text.Encoding.UTF8);
                areas = IssuanceRates.ReadCsv(reader);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
            {
                throw new CliException($"--input: {parse.GetValue(input)} cannot be read ({e.GetType().Name.Replace("Exception", "", StringComparison.Ordinal)})", 2);
            }
            catch (FormatException e)
            {
                throw new CliException(e.Message, 1);
            }
            var rated = IssuanceRates.Rank(areas);
            if (parse.GetValue(total) && !areas.Any(a => a.Name == IssuanceRates.Nation))
            {
                rated.Add(IssuanceRates.TotalLine(areas));
            }
            return await PrintAsync(rated, parse.GetValue(format), parse.GetValue(output), ct);
        });
        report.Subcommands.Add(rates);
        report.Subcommands.Add(OperationsCommand());
        report.Subcommands.Add(DashboardCommand());
        return report;
    }

    /// <summary>Prints the ranked rows as CSV or a table, or writes them as an Excel workbook or a PDF.</summary>
    private static async Task<int> PrintAsync(List<RatedArea> rated, string? format, string? output, CancellationToken ct)
    {
        switch (format)
        {
            case "csv":
                await Console.Out.WriteAsync(IssuanceRates.ToCsv(rated));
                break;
            case "table":
                foreach (var r in rated)
                {
                    await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{(r.Rank is { } k ? k.ToString(CultureInfo.InvariantCulture) : ""),4}  {r.Name,-14}  {r.Population,13:N0}  {r.Issued,12:N0}  {r.RateText,6}"));
                }
                break;
            case "xlsx" or "pdf":
                var file = output ?? throw new CliException("--out FILE is needed for xlsx and pdf", 2);
                await File.WriteAllBytesAsync(Path.GetFullPath(file), format == "xlsx"
                    ? Documents.Reports.IssuanceRatesReport.Xlsx(rated) : Documents.Reports.IssuanceRatesReport.Pdf(rated, "Myna"), ct);
                await Console.Out.WriteLineAsync($"{rated.Count} rows → {file}");
                break;
            default:
                throw new CliException("--format: csv, table, xlsx or pdf", 2);
        }
        return 0;
    }

    private static Command DashboardCommand()
    {
        var municipality = CliContext.MunicipalityOption();
        var command = new Command("dashboard", "The supervisor's numbers for today, as JSON") { municipality };
        command.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            CliContext.RequireKeys(runtime);
            var code = CliContext.Municipality(runtime, parse.GetValue(municipality));
            await runtime.Stores.MigrateAllAsync(ct);
            await using var db = runtime.Stores.OpenMunicipal(code);
            await Console.Out.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(await runtime.DashboardAsync(db, code, ct), Json));
            return 0;
        });
        return command;
    }

    private static Command OperationsCommand()
    {
        var municipality = CliContext.MunicipalityOption();
        var from = new Option<string>("--from") { Description = "First day, YYYY-MM-DD", Required = true };
        var to = new Option<string>("--to") { Description = "Last day, YYYY-MM-DD", Required = true };
        var format = new Option<string>("--format") { Description = "text (the layout of the state's report) or json", DefaultValueFactory = _ => "text" };
        var command = new Command("operations", "The operations report of a period (§11.2), from the recorded events") { municipality, from, to, format };
        command.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            var code = CliContext.Municipality(runtime, parse.GetValue(municipality));
            var start = IssuanceCommands.Day(parse.GetValue(from), runtime);
            var end = IssuanceCommands.Day(parse.GetValue(to), runtime);
            if (end < start)
            {
                throw new CliException("--to is before --from", 2);
            }
            if (Core.Calendar.ReportPeriod.Check(start, end) is { } period)
            {
                throw new CliException($"--{period.Field}: {period.Message}", 2);
            }
            await runtime.Stores.MigrateAllAsync(ct);
            await using var db = runtime.Stores.OpenMunicipal(code);
            var figures = await Myna.Municipal.Reports.OperationsReport.ComputeAsync(db, start, end, ct);
            await Console.Out.WriteAsync(parse.GetValue(format) == "json"
                ? System.Text.Json.JsonSerializer.Serialize(figures, Json) + "\n"
                : Myna.Municipal.Reports.OperationsReport.ToText(figures, runtime.Municipality(code).Name));
            return 0;
        });
        return command;
    }

    public static Command Plan()
    {
        var windows = new Option<int>("--windows") { Description = "Windows open at once", Required = true };
        var minutes = new Option<double>("--service-minutes") { Description = "Minutes per issuance", Required = true };
        var hours = new Option<double>("--hours-per-day") { Description = "Hours each window serves a day", Required = true };
        var backlog = new Option<int>("--backlog") { Description = "Delivered cards not yet issued", Required = true };
        var days = new Option<int>("--days-per-week") { Description = "Days the windows open a week (5: weekdays; 6, 7: with weekend sessions)", DefaultValueFactory = _ => 5 };
        var start = new Option<string?>("--start") { Description = "First day, YYYY-MM-DD: also print the day the backlog clears" };
        var showUp = new Option<double>("--show-up-rate") { Description = "Share of notified residents who come (0–1]", DefaultValueFactory = _ => 1.0 };
        var target = new Option<int>("--target-wait-days") { Description = "Longest wait for an appointment the waves may cause", DefaultValueFactory = _ => 14 };
        var plan = new Command("plan", "The issuance planner (§11.3): cards a day, and window-days and calendar days to clear the backlog")
        {
            windows, minutes, hours, backlog, days, start, showUp, target,
        };
        plan.SetAction(async (parse, _) =>
        {
            DateOnly? from = parse.GetValue(start) is { } s
                ? DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
                    : throw new CliException($"--start: '{s}' is not a date YYYY-MM-DD", 2)
                : null;
            IssuancePlan result;
            try
            {
                result = IssuancePlanner.Plan(new WindowCapacity(parse.GetValue(windows), parse.GetValue(minutes), parse.GetValue(hours), parse.GetValue(days)),
                    parse.GetValue(backlog), from, parse.GetValue(showUp), parse.GetValue(target));
            }
            catch (MessageException e)
            {
                throw new CliException(e.Message, 2);
            }
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"cards per day: {result.CardsPerDay}"));
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"window-days: {result.WindowDays}"));
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"calendar days: {result.CalendarDays}"));
            if (result.ClearsOn is { } clears && result.WindowDays > 0)
            {
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"clears on: {clears:yyyy-MM-dd}"));
            }
            if (parse.GetResult(showUp) is { Implicit: false } || parse.GetResult(target) is { Implicit: false })
            {
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"notices: a first wave of {result.FirstWave}, then {result.NoticesPerDay} a day (wait within {result.TargetWaitDays} days)"));
            }
            return 0;
        });
        return plan;
    }
}
