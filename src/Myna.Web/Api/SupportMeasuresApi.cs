using Microsoft.AspNetCore.Http.HttpResults;
using Myna.Core.Calendar;
using Myna.Core.Staff;
using Myna.Core.SupportMeasures;
using Myna.Hosting;
using Myna.Municipal.SupportMeasures;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Api;

/// <summary>One line of the measures' list.</summary>
public sealed record SupportMeasureSummaryDto(long Id, string Reference, string Kind, string ApplicantName, DateOnly StartsOn, DateOnly EndsOn, string State,
    bool InForce, bool EndingWithinAMonth, DateOnly? LiftedOn, string? ForwardedFrom, int PeopleCovered);

public sealed record SupportMeasurePersonDto(string ResidentCode, long? ResidentId, string Name, string Role, DateOnly CoveredFrom, DateOnly? CoveredUntil, bool Covered);

public sealed record SupportMeasureOffenderDto(string Name, string? NameKana, DateOnly? BirthDate, string? Address, string? Relationship);

public sealed record SupportMeasureEventDto(DateTimeOffset At, string Kind, string? Detail, string Actor);

/// <summary>A measure as the officer sees it (DOMAIN §9): the record, its people, offenders and history.</summary>
public sealed record SupportMeasureDto(long Id, string Reference, string Kind, string ApplicantResidentCode, string ApplicantName,
    string BasisKind, string BasisBody, DateOnly BasisDate, string? BasisNote, DateOnly StartsOn, DateOnly EndsOn, string State, bool InForce,
    DateOnly? LiftedOn, string? LiftReason, string? ForwardedFrom, DateOnly? KeepUntil,
    IReadOnlyList<SupportMeasurePersonDto> People, IReadOnlyList<SupportMeasureOffenderDto> Offenders, IReadOnlyList<SupportMeasureEventDto> History);

/// <summary>An offender as far as known; the birth date in ISO or era form.</summary>
public sealed record OffenderRequest(string? Name, string? NameKana = null, string? BirthDate = null, string? Address = null, string? Relationship = null);

/// <summary>
/// The application (申出): kind (DomesticViolence, Stalking, ChildAbuse, Similar), basis kind (Police, SupportCentre,
/// ChildGuidanceCentre, Other) with the body's name and the opinion's date; dates in ISO or era form; start defaults to today,
/// end to one year.
/// </summary>
public sealed record CreateSupportMeasureRequest(long ApplicantId, string? Kind, string? BasisKind, string? BasisBody, string? BasisDate, string? BasisNote = null,
    string? StartsOn = null, string? EndsOn = null, IReadOnlyList<long>? MemberIds = null, IReadOnlyList<OffenderRequest>? Offenders = null);

/// <summary>A new end (default: one year after the current end) and why.</summary>
public sealed record ExtendSupportMeasureRequest(string? NewEnd = null, string? Reason = null);

public sealed record AddMemberRequest(long ResidentId);

public sealed record RelaxSupportMeasureRequest(long ResidentId, string? Reason);

public sealed record LiftSupportMeasureRequest(string? Reason);

public sealed record SharerPromptDto(long ResidentId, string Name, string ResidentCode, bool SameHousehold, long MeasureId, string Reference);

public sealed record WithheldReadResidentDto(long Id, string Name);

public sealed record WithheldReadDto(long Sequence, DateTimeOffset At, string Actor, string Result, string? Path, IReadOnlyList<WithheldReadResidentDto> Residents);

public sealed record WithheldReadPageDto(IReadOnlyList<WithheldReadDto> Items, int Total, int Page, int PageSize);

/// <summary>
/// /api/v1/support-measures: the support-measure officer's measures (DOMAIN §9) — list, one, create, extend, add a
/// member or an offender, relax, lift — the sharers not yet covered, and the withheld reads. Only the officer
/// (<see cref="Permission.AddressProtection"/>); every change goes through <see cref="SupportMeasureDesk"/>, and a
/// refusal is a 400 naming the field.
/// </summary>
public static class SupportMeasuresApi
{
    public static void MapSupportMeasuresApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/support-measures").WithTags("support-measures").RequirePermission(Permission.AddressProtection);

        group.MapGet("/", List).WithName("ListSupportMeasures")
            .WithSummary("Support measures: in force (state=active, the default), lifted or ended (state=ended) or all; endingWithinDays for the reminder; residentId for a person's");
        group.MapGet("/{id:long}", Get).WithName("GetSupportMeasure").WithSummary("One support measure with its people, offenders and history");
        group.MapPost("/", Create).WithName("CreateSupportMeasure")
            .WithSummary("Record an application (申出) after the need is confirmed: kind, basis with its date, period (one year by default), members, offenders");
        group.MapPost("/{id:long}/extend", Extend).WithName("ExtendSupportMeasure").WithSummary("Extend a measure in force: a new end at most one year after the current one");
        group.MapPost("/{id:long}/members", AddMember).WithName("AddSupportMeasureMember")
            .WithSummary("Cover one more person who lives with the applicant (same household or dwelling; 併せて支援を求める者)");
        group.MapPost("/{id:long}/offenders", AddOffender).WithName("AddSupportMeasureOffender").WithSummary("Name one more offender, as far as known");
        group.MapPost("/{id:long}/relax", Relax).WithName("RelaxSupportMeasure").WithSummary("Relax the measure for one member (never the applicant), with the reason");
        group.MapPost("/{id:long}/lift", Lift).WithName("LiftSupportMeasure").WithSummary("Lift the measure today, with the reason");
        group.MapGet("/prompts", Prompts).WithName("SupportMeasurePrompts")
            .WithSummary("Residents whose address is withheld because they share a covered person's household or dwelling without being covered, with the measure to extend");
        group.MapGet("/withheld-reads", WithheldReads).WithName("WithheldReads")
            .WithSummary("Withheld reads of protected addresses from the audit log (refused, or served to the person), newest first; filter by actor, path, from/to date, residentId");
    }

    private static async Task<Results<Ok<IReadOnlyList<SupportMeasureSummaryDto>>, ProblemHttpResult>> List(string? state, int? endingWithinDays, long? residentId,
        MunicipalScope scope, MynaRuntime runtime, CancellationToken ct)
    {
        SupportMeasureListState? listState = string.IsNullOrEmpty(state) ? SupportMeasureListState.Active
            : Enum.TryParse<SupportMeasureListState>(state, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;
        if (listState is null)
        {
            return ApiProblems.Problem(400, "invalid-state", "The state filter is not known", "state is active, ended or all", "state");
        }
        if (endingWithinDays is < 0 or > 3660)
        {
            return ApiProblems.Problem(400, "invalid-days", "The number of days is out of range", "endingWithinDays is between 0 and 3660", "endingWithinDays");
        }
        var rows = await SupportMeasureQueries.ListAsync(scope.Db, new SupportMeasureFilter(listState.Value, endingWithinDays, residentId), JapanClock.Today(runtime.Time), ct);
        return TypedResults.Ok<IReadOnlyList<SupportMeasureSummaryDto>>(rows.Select(r => new SupportMeasureSummaryDto(r.Id, r.Reference, r.Kind.ToString(), r.ApplicantName,
            r.StartsOn, r.EndsOn, r.State.ToString(), r.InForce, r.EndingSoon, r.LiftedOn, r.ForwardedFrom, r.PeopleCovered)).ToList());
    }

    private static async Task<Results<Ok<SupportMeasureDto>, ProblemHttpResult>> Get(long id, MunicipalScope scope, MynaRuntime runtime, CancellationToken ct) =>
        await ViewAsync(scope, runtime, id, ct) is { } dto ? TypedResults.Ok(dto) : NotFound();

    private static async Task<Results<Created<SupportMeasureDto>, ProblemHttpResult>> Create(CreateSupportMeasureRequest request, MunicipalScope scope, MynaRuntime runtime,
        CancellationToken ct)
    {
        try
        {
            var application = new SupportMeasureApplication(request.ApplicantId,
                SupportMeasureWords.Choice<SupportMeasureKind>(request.Kind) ?? 0, SupportMeasureWords.Choice<SupportBasisKind>(request.BasisKind) ?? 0,
                request.BasisBody, SupportMeasureWords.Date(request.BasisDate, "basisDate"), request.BasisNote,
                SupportMeasureWords.Date(request.StartsOn, "startsOn"), SupportMeasureWords.Date(request.EndsOn, "endsOn"),
                request.MemberIds ?? [],
                (request.Offenders ?? []).Select((o, i) => new OffenderInput(o?.Name, o?.NameKana, SupportMeasureWords.Date(o?.BirthDate, $"offenders[{i}].birthDate"),
                    o?.Address, o?.Relationship)).ToList());
            var measure = await runtime.SupportMeasureDesk(scope.Code).CreateAsync(scope.Db, application, scope.Actor, ct);
            return TypedResults.Created($"/api/v1/support-measures/{measure.Id}", (await ViewAsync(scope, runtime, measure.Id, ct))!);
        }
        catch (SupportMeasureException e)
        {
            return Refused(e);
        }
    }

    private static Task<Results<Ok<SupportMeasureDto>, ProblemHttpResult>> Extend(long id, ExtendSupportMeasureRequest request, MunicipalScope scope, MynaRuntime runtime,
        CancellationToken ct) =>
        ActAsync(scope, runtime, id, desk => desk.ExtendAsync(scope.Db, id, SupportMeasureWords.Date(request.NewEnd, "newEnd"), request.Reason, scope.Actor, ct), ct,
            endsOnAs: "newEnd");

    private static Task<Results<Ok<SupportMeasureDto>, ProblemHttpResult>> AddMember(long id, AddMemberRequest request, MunicipalScope scope, MynaRuntime runtime,
        CancellationToken ct) =>
        ActAsync(scope, runtime, id, desk => desk.AddMemberAsync(scope.Db, id, request.ResidentId, scope.Actor, ct), ct);

    private static Task<Results<Ok<SupportMeasureDto>, ProblemHttpResult>> AddOffender(long id, OffenderRequest request, MunicipalScope scope, MynaRuntime runtime,
        CancellationToken ct) =>
        ActAsync(scope, runtime, id, desk => desk.AddOffenderAsync(scope.Db, id, new OffenderInput(request.Name, request.NameKana,
            SupportMeasureWords.Date(request.BirthDate, "birthDate"), request.Address, request.Relationship), scope.Actor, ct), ct);

    private static Task<Results<Ok<SupportMeasureDto>, ProblemHttpResult>> Relax(long id, RelaxSupportMeasureRequest request, MunicipalScope scope, MynaRuntime runtime,
        CancellationToken ct) =>
        ActAsync(scope, runtime, id, desk => desk.RelaxAsync(scope.Db, id, request.ResidentId, request.Reason, scope.Actor, ct), ct);

    private static Task<Results<Ok<SupportMeasureDto>, ProblemHttpResult>> Lift(long id, LiftSupportMeasureRequest request, MunicipalScope scope, MynaRuntime runtime,
        CancellationToken ct) =>
        ActAsync(scope, runtime, id, desk => desk.LiftAsync(scope.Db, id, request.Reason, scope.Actor, ct), ct);

    private static async Task<Ok<IReadOnlyList<SharerPromptDto>>> Prompts(MunicipalScope scope, MynaRuntime runtime, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<SharerPromptDto>>((await SupportMeasureQueries.UncoveredSharersAsync(scope.Db, JapanClock.Today(runtime.Time), ct))
            .Select(p => new SharerPromptDto(p.ResidentId, p.Name, p.ResidentCode, p.SameHousehold, p.MeasureId, p.Reference)).ToList());

    private static async Task<Results<Ok<WithheldReadPageDto>, ProblemHttpResult>> WithheldReads(string? actor, string? path, string? from, string? to, long? residentId,
        int? page, int? pageSize, MunicipalScope scope, CancellationToken ct)
    {
        DateOnly? start, end;
        try
        {
            (start, end) = (SupportMeasureWords.Date(from, "from"), SupportMeasureWords.Date(to, "to"));
        }
        catch (SupportMeasureException e)
        {
            return ApiProblems.Refused(400, "invalid-date", "The date could not be read", e.Text, e.Field);
        }
        var result = await SupportMeasureQueries.WithheldReadsAsync(scope.Db, new WithheldReadFilter(actor, path, start, end, residentId, page ?? 1, pageSize ?? 50), ct);
        return TypedResults.Ok(new WithheldReadPageDto(result.Items.Select(r => new WithheldReadDto(r.Sequence, r.At, r.Actor, r.Served ? "served" : "refused", r.Where,
            r.Residents.Select(x => new WithheldReadResidentDto(x.Id, x.Name)).ToList())).ToList(), result.Total, result.Page, result.PageSize));
    }

    private static async Task<Results<Ok<SupportMeasureDto>, ProblemHttpResult>> ActAsync(MunicipalScope scope, MynaRuntime runtime, long id,
        Func<SupportMeasureDesk, Task> act, CancellationToken ct, string? endsOnAs = null)
    {
        try
        {
            await act(runtime.SupportMeasureDesk(scope.Code));
        }
        catch (SupportMeasureException e)
        {
            // The desk names the measure's end; the request calls the extension's end newEnd.
            return e.Key == "no-measure" ? NotFound()
                : Refused(endsOnAs is not null && e.Field == "endsOn" ? new SupportMeasureException(endsOnAs, e.Key, e.Text) : e);
        }
        return TypedResults.Ok((await ViewAsync(scope, runtime, id, ct))!);
    }

    /// <summary>A refusal of the desk: the field and the rule (DOMAIN §9 "Bad input"); nothing was written.</summary>
    private static ProblemHttpResult Refused(SupportMeasureException e) =>
        ApiProblems.Refused(400, "support-measure." + e.Key, "The support measure cannot be recorded", e.Text, e.Field);

    private static ProblemHttpResult NotFound() => ApiProblems.Problem(404, "support-measure-not-found", "No support measure with this id");

    private static async Task<SupportMeasureDto?> ViewAsync(MunicipalScope scope, MynaRuntime runtime, long id, CancellationToken ct)
    {
        if (await SupportMeasureQueries.GetAsync(scope.Db, id, JapanClock.Today(runtime.Time), ct) is not { } v)
        {
            return null;
        }
        var m = v.Measure;
        return new SupportMeasureDto(m.Id, m.Reference, m.Kind.ToString(), m.ApplicantResidentCode, m.ApplicantName, m.BasisKind.ToString(), m.BasisBody, m.BasisDate,
            m.BasisNote, m.StartsOn, m.EndsOn, m.State.ToString(), v.InForce, m.LiftedOn, m.LiftReason, m.ForwardedFrom, m.KeepUntil,
            v.People.Select(p => new SupportMeasurePersonDto(p.Person.ResidentCode, p.ResidentId, p.Person.Name, p.Person.Role.ToString(), p.Person.CoveredFrom,
                p.Person.CoveredUntil, p.Covered)).ToList(),
            m.Offenders.OrderBy(o => o.Id).Select(o => new SupportMeasureOffenderDto(o.Name, o.NameKana, o.BirthDate, o.Address, o.Relationship)).ToList(),
            v.History.Select(e => new SupportMeasureEventDto(e.At, e.Kind.ToString(), e.Detail, e.Actor)).ToList());
    }
}
