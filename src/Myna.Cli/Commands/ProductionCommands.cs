using System.CommandLine;
using Myna.Core.Contracts;
using Myna.Core.Issuance;
using Myna.Hosting;
using Myna.Municipal;
using Myna.Municipal.Issuance;

namespace Myna.Cli.Commands;

/// <summary>
/// <c>myna production run</c> (national side, DOMAIN §5) and <c>myna delivery …</c> (the
/// municipality: import a delivery list, scan cards in, send one back, set up, see the safe).
/// </summary>
internal static class ProductionCommands
{
    public static Command Production()
    {
        var limit = new Option<int?>("--limit") { Description = "Make at most this many cards in this run" };
        var workers = new Option<int>("--workers") { Description = "Cards made at once (default: one per core)" };
        var output = new Option<string?>("--out") { Description = "Folder for the delivery list files (default: data/delivery)" };
        var run = new Command("run", "Make cards for every queued application: chip, keys, certificates; then write the delivery lists. " +
            "Resumable: a run killed at any moment is completed by the next one")
        {
            limit, workers, output,
        };
        run.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            CliContext.RequireKeys(runtime);
            await runtime.Stores.MigrateAllAsync(ct);
            var folder = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(runtime.Options.Database.DataDirectory, "delivery"), MynaOptions.Home);
            var interactive = !Console.IsOutputRedirected;
            var progress = new Progress<int>(n =>
            {
                if (interactive)
                {
                    Console.Write($"\r{n:N0} card(s) made");
                }
            });
            Myna.National.Production.ProductionRun result;
            try
            {
                result = await runtime.CardProductionBatch().RunAsync(CliContext.Actor, parse.GetValue(limit), parse.GetValue(workers), progress, ct);
            }
            catch (InvalidOperationException e) when (e.Message.Contains("ca init", StringComparison.Ordinal))
            {
                throw new CliException(e.Message);
            }
            if (interactive)
            {
                Console.WriteLine();
            }
            Directory.CreateDirectory(folder);
            foreach (var list in result.Lists)
            {
                var path = Path.Combine(folder, list.Id + ".csv");
                await File.WriteAllTextAsync(path, list.ToCsv(), ct);
                await Console.Out.WriteLineAsync($"delivery list {list.Id}: {list.Entries.Count:N0} card(s) → {path}");
            }
            await Console.Out.WriteLineAsync($"{result.Produced:N0} card(s) made, {result.Failed:N0} failed" +
                (result.Recovered > 0 ? $", {result.Recovered:N0} interrupted card(s) voided and made again" : ""));
            return result.Failed > 0 ? 1 : 0;
        });
        return new Command("production", "Card production on the national side (DOMAIN §5)") { run };
    }

    public static Command Delivery()
    {
        var delivery = new Command("delivery", "Delivered cards at the municipality: delivery lists, receipt, remaking, setup, the safe (DOMAIN §5, §6.1)");
        delivery.Subcommands.Add(ImportCommand());
        delivery.Subcommands.Add(ReceiveCommand());
        delivery.Subcommands.Add(ReturnCommand());
        delivery.Subcommands.Add(SetupCommand());
        delivery.Subcommands.Add(StatusCommand());
        return delivery;
    }

    private static Command ImportCommand()
    {
        var municipality = CliContext.MunicipalityOption();
        var files = new Argument<string[]>("FILE") { Description = "Delivery list files (docs/delivery-list.md)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("import", "Import delivery lists: each whole or not at all; importing a list again changes nothing") { municipality, files };
        command.SetAction(async (parse, ct) => await WithSafeAsync(parse, municipality, async (safe, db) =>
        {
            foreach (var file in parse.GetValue(files)!)
            {
                var imported = await safe.ImportListAsync(db, await File.ReadAllTextAsync(file, ct), CliContext.Actor, ct);
                await Console.Out.WriteLineAsync(imported.AlreadyImported
                    ? $"{imported.ListId}: already imported ({imported.Cards:N0} cards)"
                    : $"{imported.ListId}: {imported.Cards:N0} card(s) listed; scan each card in with 'myna delivery receive'");
            }
        }, ct));
        return command;
    }

    private static Command ReceiveCommand()
    {
        var municipality = CliContext.MunicipalityOption();
        var serials = new Argument<string[]>("SERIAL") { Description = "Card serials as scanned; none: read one per line from standard input (a scanner)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("receive", "Scan cards in: each is reconciled with its delivery list line and application and goes into the safe")
        {
            municipality, serials,
        };
        command.SetAction(async (parse, ct) => await WithSafeAsync(parse, municipality, async (safe, db) =>
        {
            var failed = 0;
            await foreach (var scanned in Scanned(parse.GetValue(serials)!, ct))
            {
                try
                {
                    var (card, already) = await safe.ReceiveAsync(db, scanned, CliContext.Actor, ct);
                    await Console.Out.WriteLineAsync($"{card.Serial} {card.FullName} {(already ? "already " + CardSafe.Describe(card.State) : "→ 保管中")}" +
                        $" ({card.DeliveryListId} line {card.Line})");
                }
                catch (CardSafeException e)
                {
                    failed++;
                    await Console.Error.WriteLineAsync("error: " + e.Message);
                }
            }
            if (failed > 0)
            {
                throw new CliException($"{failed} scan(s) refused");
            }
        }, ct));
        return command;
    }

    private static Command ReturnCommand()
    {
        var municipality = CliContext.MunicipalityOption();
        var serial = new Argument<string>("SERIAL");
        var problem = new Option<CardProblem>("--problem") { Description = "Damaged, Misprint or Mismatch", Required = true };
        var note = new Option<string?>("--note") { Description = "What is wrong (required for a mismatch)" };
        var command = new Command("return", "Send a card back for remaking (free of charge): it is voided and its certificates revoked")
        {
            municipality, serial, problem, note,
        };
        command.SetAction(async (parse, ct) => await WithSafeAsync(parse, municipality, async (safe, db) =>
        {
            var card = await safe.ReturnForRemakeAsync(db, parse.GetValue(serial)!, parse.GetValue(problem), parse.GetValue(note), CliContext.Actor, ct);
            await Console.Out.WriteLineAsync($"{card.Serial} {card.FullName} → 再作製依頼 ({card.Problem})");
        }, ct));
        return command;
    }

    private static Command SetupCommand()
    {
        var municipality = CliContext.MunicipalityOption();
        var serials = new Argument<string[]>("SERIAL") { Description = "Cards to set up; none: every card in the safe", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("setup", "Pre-issuance setup (§6.1): compare the register with each card; apply the certificate wishes") { municipality, serials };
        command.SetAction(async (parse, ct) => await WithSafeAsync(parse, municipality, async (safe, db) =>
        {
            var wanted = parse.GetValue(serials)!;
            var list = wanted.Length > 0 ? wanted.ToList()
                : CardSafe.Views(db, c => c.State == CardState.InSafe).Select(v => v.Serial).ToList();
            var differing = 0;
            foreach (var serial in list)
            {
                var outcome = await safe.SetUpAsync(db, serial, CliContext.Actor, ct: ct);
                if (outcome.Differences.Count > 0)
                {
                    differing++;
                    await Console.Out.WriteLineAsync($"{outcome.Card.Serial} {outcome.Card.FullName}: register and card differ — " +
                        string.Join("; ", outcome.Differences.Select(d => $"{d.Field}: register '{d.Register}', card '{d.Card}'")));
                }
                else
                {
                    await Console.Out.WriteLineAsync($"{outcome.Card.Serial} {outcome.Card.FullName} → 交付前設定済 (署名用 {(outcome.Card.SignatureCertificate ? "あり" : "なし")}, " +
                        $"利用者証明用 {(outcome.Card.UserCertificate ? "あり" : "なし")})");
                }
            }
            if (differing > 0)
            {
                throw new CliException($"{differing} card(s) differ from the register: send them back with 'myna delivery return --problem Mismatch'");
            }
        }, ct));
        return command;
    }

    private static Command StatusCommand()
    {
        var municipality = CliContext.MunicipalityOption();
        var listId = new Argument<string?>("LIST-ID") { Description = "A delivery list: its lines not yet scanned", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("status", "The safe's inventory by state, or how far a delivery list is reconciled") { municipality, listId };
        command.SetAction(async (parse, ct) => await WithSafeAsync(parse, municipality, async (_, db) =>
        {
            if (parse.GetValue(listId) is { } id)
            {
                var r = await CardSafe.ReconcileAsync(db, id, ct);
                await Console.Out.WriteLineAsync($"{r.ListId}: {r.Cards:N0} card(s); " + string.Join(", ", r.ByState.Select(s => $"{CardSafe.Describe(s.Key)} {s.Value:N0}")));
                foreach (var v in r.NotYetScanned)
                {
                    await Console.Out.WriteLineAsync($"  not scanned: line {v.Line} {v.Serial} {v.FullName} ({v.ApplicationId})");
                }
                return;
            }
            foreach (var (state, count) in await CardSafe.InventoryAsync(db, ct))
            {
                await Console.Out.WriteLineAsync($"{CardSafe.Describe(state),-16} {count,8:N0}");
            }
        }, ct));
        return command;
    }

    private static async IAsyncEnumerable<string> Scanned(string[] given, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var s in given)
        {
            yield return s;
        }
        if (given.Length == 0)
        {
            while (await Console.In.ReadLineAsync(ct) is { } line)
            {
                if (!string.IsNullOrWhiteSpace(line))
                {
                    yield return line;
                }
            }
        }
    }

    private static async Task<int> WithSafeAsync(ParseResult parse, Option<string?> municipality, Func<CardSafe, MunicipalDb, Task> work, CancellationToken ct)
    {
        var runtime = CliContext.Runtime(parse);
        CliContext.RequireKeys(runtime);
        var code = CliContext.Municipality(runtime, parse.GetValue(municipality));
        await runtime.Stores.MigrateAllAsync(ct);
        await using var db = runtime.Stores.OpenMunicipal(code);
        try
        {
            await work(runtime.CardSafe(code), db);
        }
        catch (Exception e) when (e is CardSafeException or ContractRefusedException or IOException)
        {
            throw new CliException(e.Message);
        }
        return 0;
    }
}
