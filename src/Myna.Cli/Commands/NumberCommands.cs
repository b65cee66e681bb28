using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Identifiers;
using Myna.Municipal.Numbering;

namespace Myna.Cli.Commands;

internal static class NumberCommands
{
    public static Command Create()
    {
        var municipality = CliContext.MunicipalityOption();
        var assign = new Command("assign", "Number every active resident who has no individual number (resumable: rerun after any interruption)") { municipality };
        assign.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            var code = CliContext.Municipality(runtime, parse.GetValue(municipality));
            CliContext.RequireKeys(runtime);
            await runtime.Stores.MigrateAllAsync(ct);
            await using var db = runtime.Stores.OpenMunicipal(code);
            var bar = new ConsoleProgress("numbering");
            var summary = await runtime.NumberAssignment(code).RunAsync(db, code, CliContext.Actor,
                new Progress<NumberingProgress>(p => bar.Report((p.Done, p.Total))), ct);
            await Console.Out.WriteLineAsync($"run {summary.RunId}: {summary.Numbered:N0} residents numbered; {summary.AlreadyNumbered:N0} already had a number");
            return 0;
        });

        var changeMunicipality = CliContext.MunicipalityOption();
        var residentCode = new Argument<string>("resident-code") { Description = "The resident's 11-digit resident code" };
        var reason = new Option<string>("--reason") { Description = "Why: the leak and feared misuse (DOMAIN §1.3)", Required = true };
        var change = new Command("change", "Give a resident a new individual number because the current one leaked (番号変更)")
        {
            residentCode, reason, changeMunicipality,
        };
        change.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            var code = CliContext.Municipality(runtime, parse.GetValue(changeMunicipality));
            if (!ResidentCode.TryParse(parse.GetRequiredValue(residentCode), out var rc, out var problem))
            {
                throw new CliException("resident code: " + problem.Message, 2);
            }
            CliContext.RequireKeys(runtime);
            await using var db = runtime.Stores.OpenMunicipal(code);
            var id = await db.Residents.Where(r => r.ResidentCode == rc.Value).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct)
                ?? throw new CliException($"no resident with code {rc.Value}");
            await runtime.Stores.MigrateAllAsync(ct);
            try
            {
                var change = await runtime.NumberAssignment(code).ChangeAsync(db, code, id, parse.GetRequiredValue(reason), CliContext.Actor, ct);
                if (change.Refused)
                {
                    throw new CliException($"the national side refused the number change of resident {rc.Value}: {change.Problem}");
                }
                if (!change.Done)
                {
                    throw new CliException($"the number change of resident {rc.Value} is recorded (message {change.MessageId}) but not yet delivered " +
                        $"to the national side: {change.Problem}; `myna outbox deliver` completes it");
                }
                await Console.Out.WriteLineAsync(change.Resumed
                    ? $"resident {rc.Value}: the interrupted number change is complete: new number {change.Masked}; no second change was made"
                    : $"resident {rc.Value}: new number {change.Masked}; the old number is kept in the history as retired");
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                throw new CliException(e.Message);
            }
            return 0;
        });
        return new Command("number", "Individual numbers (DOMAIN §1.3)") { assign, change };
    }
}
