using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Contracts;
using Myna.Core.Lifecycle;
using Myna.Hosting;
using Myna.Municipal.Lifecycle;
using Myna.Municipal.Residents;

namespace Myna.Cli.Commands;

/// <summary>
/// <c>myna lifecycle move-abroad|abroad-moves|abroad-return</c>: moves abroad (国外転出, DOMAIN §8.6) — the notification with
/// continued use abroad (asked for at the latest the day before the move date), the dated processing that carries a move out on
/// its move date (safe to run again; the web host also runs it every 30 minutes), and the return of a card that lapsed.
/// </summary>
internal static class AbroadMoveCommands
{
    public static IEnumerable<Command> Create() => [NotifyCommand(), CompleteCommand(), ReturnCommand()];

    private static Command NotifyCommand()
    {
        var municipality = CliContext.MunicipalityOption();
        var residentCode = new Option<string>("--resident-code") { Description = "The resident's resident code (住民票コード)", Required = true };
        var movesOn = new Option<string>("--moves-on") { Description = "The move date (転出予定日), YYYY-MM-DD", Required = true };
        var notifiedOn = new Option<string?>("--notified-on") { Description = "The notification date, YYYY-MM-DD (default: today in Japan)" };
        var country = new Option<string>("--country") { Description = "The country or region abroad", Required = true };
        var continued = new Option<bool>("--continued-use")
        {
            Description = "Continued use of the card abroad (国外継続利用): Japanese nationals with a 本籍 in the register and a valid card, at the latest the day before the move date",
        };
        var signature = new Option<bool>("--signature-abroad") { Description = "With --continued-use: issue a signature certificate for people abroad on the move date" };
        var command = new Command("move-abroad", "Record a move abroad (国外転出届); without continued use the card lapses on the move date (§8.6)")
        {
            municipality, residentCode, movesOn, notifiedOn, country, continued, signature,
        };
        command.SetAction(async (parse, ct) =>
        {
            var (runtime, code) = Open(parse, municipality);
            if (!Core.Identifiers.ResidentCode.TryParse(parse.GetRequiredValue(residentCode), out var resident, out var problem))
            {
                throw new CliException("--resident-code: " + problem.Message, 2);
            }
            var moves = IssuanceCommands.Day(parse.GetRequiredValue(movesOn), runtime);
            var notified = IssuanceCommands.Day(parse.GetValue(notifiedOn), runtime);
            await runtime.Stores.MigrateAllAsync(ct);
            await using var db = runtime.Stores.OpenMunicipal(code);
            var id = await db.Residents.Where(r => r.ResidentCode == resident.Value).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct)
                ?? throw new CliException("no resident with this resident code in " + code.Value);
            try
            {
                var move = await runtime.AbroadMoveDesk(code).NotifyAsync(db, id,
                    new AbroadMoveNotice(moves, notified, parse.GetRequiredValue(country), parse.GetValue(continued), parse.GetValue(signature)), CliContext.Actor, ct);
                await Console.Out.WriteLineAsync($"move abroad {move.Id} recorded: moves on {move.MovesOn:yyyy-MM-dd}, "
                    + (move.CardSerial is null ? "no card" : move.ContinuedUse ? $"card continues abroad under {move.ResponsibleMunicipality}" : "the card lapses on the move date")
                    + (move.State == AbroadMoveState.Completed ? " (carried out: the move date has come)" : ""));
            }
            catch (Exception e) when (e is RegisterRuleException or LifecycleException or ContractRefusedException)
            {
                throw new CliException(e.Message);
            }
            return 0;
        });
        return command;
    }

    private static Command CompleteCommand()
    {
        var municipality = CliContext.MunicipalityOption();
        var date = new Option<string?>("--date") { Description = "The day, YYYY-MM-DD (default: today in Japan)" };
        var command = new Command("abroad-moves", "Carry out the moves abroad whose move date has come: off the register, the signature certificate revoked or the card lapsed (§8.6)")
        {
            municipality, date,
        };
        command.SetAction(async (parse, ct) =>
        {
            var (runtime, code) = Open(parse, municipality);
            var day = IssuanceCommands.Day(parse.GetValue(date), runtime);
            if (day > Core.Calendar.JapanClock.Today(runtime.Time))
            {
                throw new CliException("--date is in the future: a move abroad is carried out on its move date, not before", 2);
            }
            await runtime.Stores.MigrateAllAsync(ct);
            await using var db = runtime.Stores.OpenMunicipal(code);
            var done = await runtime.AbroadMoveDesk(code).CompleteDueAsync(db, day, CliContext.Actor, ct);
            await Console.Out.WriteLineAsync($"{done.Completed:N0} move(s) abroad carried out");
            foreach (var p in done.Problems)
            {
                await Console.Error.WriteLineAsync("not done: " + p);
            }
            return done.Problems.Count == 0 ? 0 : 1;
        });
        return command;
    }

    private static Command ReturnCommand()
    {
        var municipality = CliContext.MunicipalityOption();
        var move = new Option<long>("--move") { Description = "The move abroad's number (from move-abroad)", Required = true };
        var command = new Command("abroad-return", "Record the return (返納) of a card that lapsed on moving abroad") { municipality, move };
        command.SetAction(async (parse, ct) =>
        {
            var (runtime, code) = Open(parse, municipality);
            await runtime.Stores.MigrateAllAsync(ct);
            await using var db = runtime.Stores.OpenMunicipal(code);
            try
            {
                var m = await runtime.AbroadMoveDesk(code).RecordReturnAsync(db, parse.GetValue(move), Core.Calendar.JapanClock.Today(runtime.Time), CliContext.Actor, ct);
                await Console.Out.WriteLineAsync($"card {m.CardSerial} returned; a free reissue can be applied for until {AbroadMoveRules.FreeReissueUntil(m.MovesOn):yyyy-MM-dd}");
            }
            catch (LifecycleException e)
            {
                throw new CliException(e.Message);
            }
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
}
