using System.CommandLine;
using Myna.Core.Lifecycle;
using Myna.Documents.Lifecycle;
using Myna.Hosting;
using Myna.Municipal.Lifecycle;

namespace Myna.Cli.Commands;

/// <summary>
/// <c>myna lifecycle expiry-notices|invalidate-moves|fees</c> (and the moves abroad, <see cref="AbroadMoveCommands"/>): the batches of the card lifecycle (DOMAIN §8.2,
/// §8.4, §8.6) — the monthly expiry notices with their PDF and print data, the daily invalidation of cards
/// whose holder notified no move-in within 90 days, and the fee ledger of a period. Each is safe to run again.
/// </summary>
internal static class LifecycleCommands
{
    public static Command Create()
    {
        var lifecycle = new Command("lifecycle", "Card lifecycle batches: expiry notices, the 90-day move invalidation, the fee ledger, moves abroad (DOMAIN §8)");
        lifecycle.Subcommands.Add(ExpiryNoticesCommand());
        lifecycle.Subcommands.Add(InvalidateCommand());
        lifecycle.Subcommands.Add(FeesCommand());
        foreach (var abroad in AbroadMoveCommands.Create())
        {
            lifecycle.Subcommands.Add(abroad);
        }
        return lifecycle;
    }

    private static Command ExpiryNoticesCommand()
    {
        var municipality = CliContext.MunicipalityOption();
        var date = new Option<string?>("--date") { Description = "The batch day, YYYY-MM-DD (default: today in Japan)" };
        var output = new Option<string?>("--out") { Description = "Folder for the PDF and the print data (default: data/lifecycle)" };
        var command = new Command("expiry-notices", "Make the expiry notices of cards and certificates expiring within 3 months (never twice) and write the month's PDF and print data")
        {
            municipality, date, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var (runtime, code) = Open(parse, municipality);
            var day = Day(parse.GetValue(date), runtime);
            await runtime.Stores.MigrateAllAsync(ct);
            await using var db = runtime.Stores.OpenMunicipal(code);
            var made = await runtime.ExpiryNotices(code).RunAsync(db, day, CliContext.Actor, ct);
            var month = ExpiryNoticeBatch.Month(day);
            var letters = await runtime.ExpiryNotices(code).LettersAsync(db, month, CliContext.Actor, ct);
            var folder = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(runtime.Options.Database.DataDirectory, "lifecycle"), MynaOptions.Home);
            Directory.CreateDirectory(folder);
            var m = runtime.Municipality(code);
            var stem = Path.Combine(folder, $"expiry-notices-{code.Value}-{month}");
            await File.WriteAllBytesAsync(stem + ".pdf", LifecycleDocuments.ExpiryNotices(letters.Select(l => new ExpiryLetter(l.FullName, l.PostalCode, l.Address,
                l.HeldAtOffice, l.Subject == ExpirySubject.Certificates, l.Expiry, l.RenewalFrom)).ToList(), m.Prefecture + m.Name), ct);
            await File.WriteAllTextAsync(stem + ".csv", ExpiryNoticeBatch.PrintCsv(letters), ct);
            await Console.Out.WriteLineAsync($"{made:N0} new expiry notice(s); {letters.Count:N0} in {month} → {stem}.pdf, {stem}.csv");
            return 0;
        });
        return command;
    }

    private static Command InvalidateCommand()
    {
        var municipality = CliContext.MunicipalityOption();
        var date = new Option<string?>("--date") { Description = "The day, YYYY-MM-DD (default: today in Japan)" };
        var command = new Command("invalidate-moves", "Invalidate the cards of holders who moved out and notified no move-in within 90 days of the planned date (§8.6)")
        {
            municipality, date,
        };
        command.SetAction(async (parse, ct) =>
        {
            var (runtime, code) = Open(parse, municipality);
            await runtime.Stores.MigrateAllAsync(ct);
            await using var db = runtime.Stores.OpenMunicipal(code);
            var count = await runtime.MoveDesk(code).InvalidateOverdueAsync(db, Day(parse.GetValue(date), runtime), CliContext.Actor, ct);
            await Console.Out.WriteLineAsync($"{count:N0} card(s) invalidated, their certificates revoked");
            return 0;
        });
        return command;
    }

    private static Command FeesCommand()
    {
        var municipality = CliContext.MunicipalityOption();
        var from = new Option<string>("--from") { Description = "First day, YYYY-MM-DD", Required = true };
        var to = new Option<string>("--to") { Description = "Last day, YYYY-MM-DD", Required = true };
        var command = new Command("fees", "Print the fee ledger of a period as CSV (receipts, fees, subsidy eligibility; §8.4)") { municipality, from, to };
        command.SetAction(async (parse, ct) =>
        {
            var (runtime, code) = Open(parse, municipality);
            var start = Day(parse.GetValue(from), runtime);
            var end = Day(parse.GetValue(to), runtime);
            if (end < start)
            {
                throw new CliException("--to is before --from", 2);
            }
            await runtime.Stores.MigrateAllAsync(ct);
            await using var db = runtime.Stores.OpenMunicipal(code);
            await Console.Out.WriteAsync(FeeLedger.Csv(await FeeLedger.LinesAsync(db, start, end, ct)));
            return 0;
        });
        return command;
    }

    private static (MynaRuntime Runtime, Core.Identifiers.MunicipalityCode Code) Open(ParseResult parse, Option<string?> municipality)
    {
        var runtime = CliContext.Runtime(parse);
        CliContext.RequireKeys(runtime);
        return (runtime, CliContext.Municipality(runtime, parse.GetValue(municipality)));
    }

    private static DateOnly Day(string? value, MynaRuntime runtime) => IssuanceCommands.Day(value, runtime);
}
