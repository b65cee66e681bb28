using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Calendar;
using Myna.Municipal.SupportMeasures;

namespace Myna.Cli.Commands;

/// <summary>
/// <c>myna support-measures list|show</c>: the support-measure officer's end-of-day check (DOMAIN §9) — the
/// measures in force (or those ending within so many days), and one measure with its people, offenders and
/// history. Addresses are never printed: they stay on the officer's own pages.
/// </summary>
internal static class SupportMeasureCommands
{
    public static Command Create()
    {
        var command = new Command("support-measures", "Support measures for victims (DV等支援措置, DOMAIN §9): the officer's list and one measure; no address is printed");
        command.Subcommands.Add(ListCommand());
        command.Subcommands.Add(ShowCommand());
        return command;
    }

    private static Command ListCommand()
    {
        var municipality = CliContext.MunicipalityOption();
        var ending = new Option<int?>("--ending-within") { Description = "Only measures in force that end within DAYS days (the reminder is 31)" };
        var state = new Option<string>("--state") { Description = "active (in force, the default), ended (lifted or past the end) or all", DefaultValueFactory = _ => "active" };
        var list = new Command("list", "One line per measure: reference, state, period, people covered, forwarded from, applicant") { municipality, ending, state };
        list.SetAction(async (parse, ct) =>
        {
            var days = parse.GetValue(ending);
            if (days is < 0 or > 3660)
            {
                throw new CliException("--ending-within: give a number of days between 0 and 3660", 2);
            }
            if (!Enum.TryParse<SupportMeasureListState>(parse.GetValue(state), ignoreCase: true, out var listState) || !Enum.IsDefined(listState))
            {
                throw new CliException("--state: one of active, ended, all", 2);
            }
            var runtime = CliContext.Runtime(parse);
            var code = CliContext.Municipality(runtime, parse.GetValue(municipality));
            await runtime.Stores.MigrateAllAsync(ct);
            await using var db = runtime.Stores.OpenMunicipal(code);
            var today = JapanClock.Today(runtime.Time);
            var rows = await SupportMeasureQueries.ListAsync(db, new SupportMeasureFilter(days is null ? listState : SupportMeasureListState.Active, days), today, ct);
            foreach (var r in rows)
            {
                var stateText = r.State == Core.SupportMeasures.SupportMeasureState.Lifted ? $"lifted {r.LiftedOn:yyyy-MM-dd}"
                    : r.EndsOn < today ? "ended" : r.StartsOn > today ? "not-started" : r.EndingSoon ? "ending-soon" : "active";
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Reference}\t{stateText}\t{r.StartsOn:yyyy-MM-dd}..{r.EndsOn:yyyy-MM-dd}\t{r.Kind}\tpeople={r.PeopleCovered}\t{(r.ForwardedFrom is null ? "-" : "from " + r.ForwardedFrom)}\t{r.ApplicantName}"));
            }
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{rows.Count} measure(s)"));
            return 0;
        });
        return list;
    }

    private static Command ShowCommand()
    {
        var municipality = CliContext.MunicipalityOption();
        var reference = new Argument<string>("reference") { Description = "The measure's reference, SM-{municipality}-{year}-{sequence}" };
        var show = new Command("show", "One measure: kind, basis, period, state, people covered, offenders (no address), history") { municipality, reference };
        show.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            var code = CliContext.Municipality(runtime, parse.GetValue(municipality));
            await runtime.Stores.MigrateAllAsync(ct);
            await using var db = runtime.Stores.OpenMunicipal(code);
            var wanted = parse.GetRequiredValue(reference).Trim();
            var id = await db.SupportMeasures.AsNoTracking().Where(m => m.Reference == wanted).Select(m => (long?)m.Id).FirstOrDefaultAsync(ct)
                ?? throw new CliException($"no support measure {wanted} at {code.Value}");
            var today = JapanClock.Today(runtime.Time);
            var v = (await SupportMeasureQueries.GetAsync(db, id, today, ct))!;
            var m = v.Measure;
            var o = Console.Out;
            await o.WriteLineAsync(Line($"reference   {m.Reference}"));
            await o.WriteLineAsync(Line($"state       {(m.State == Core.SupportMeasures.SupportMeasureState.Lifted ? $"lifted {m.LiftedOn:yyyy-MM-dd}: {m.LiftReason}" : v.InForce ? "active" : m.EndsOn < today ? "ended" : "not started")}"));
            await o.WriteLineAsync(Line($"kind        {m.Kind}"));
            await o.WriteLineAsync(Line($"period      {m.StartsOn:yyyy-MM-dd}..{m.EndsOn:yyyy-MM-dd}"));
            await o.WriteLineAsync(Line($"basis       {m.BasisKind}, {m.BasisBody}, {m.BasisDate:yyyy-MM-dd}{(m.BasisNote is null ? "" : ", " + m.BasisNote)}"));
            await o.WriteLineAsync(Line($"received    {(m.ForwardedFrom is null ? "here" : "forwarded from " + m.ForwardedFrom + (m.KeepUntil is { } keep ? $", kept until {keep:yyyy-MM-dd}" : ""))}"));
            await o.WriteLineAsync("people");
            foreach (var p in v.People)
            {
                await o.WriteLineAsync(Line($"  {p.Person.Role,-9} {p.Person.ResidentCode} {p.Person.Name}  {p.Person.CoveredFrom:yyyy-MM-dd}..{(p.Person.CoveredUntil is { } u ? u.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "")}{(p.Covered ? "" : "  (not covered)")}{(p.ResidentId is null ? "  (not registered here)" : "")}"));
            }
            await o.WriteLineAsync("offenders");
            foreach (var x in m.Offenders.OrderBy(x => x.Id))
            {
                // The offender's address, like every address, stays on the officer's pages.
                await o.WriteLineAsync(Line($"  {x.Name}{(x.NameKana is null ? "" : " (" + x.NameKana + ")")}{(x.BirthDate is { } b ? b.ToString(" yyyy-MM-dd", CultureInfo.InvariantCulture) : "")}{(x.Relationship is null ? "" : ", " + x.Relationship)}"));
            }
            await o.WriteLineAsync("history");
            foreach (var e in v.History)
            {
                await o.WriteLineAsync(Line($"  {JapanClock.ToJapan(e.At):yyyy-MM-dd HH:mm}  {e.Kind,-19} {e.Actor}  {e.Detail}"));
            }
            return 0;
        });
        return show;
    }

    private static string Line(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
