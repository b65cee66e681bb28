using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Calendar;
using Myna.Core.Contracts;
using Myna.Core.Text.Messages;
using Myna.Hosting;
using Myna.Municipal.Lifecycle;
using Myna.National.Cards;
using Myna.Web.Infrastructure;

using Myna.Core.Staff;
using Myna.Web.Security;

namespace Myna.Web.Api;

/// <summary>A resident's card as the API shows it: the municipality's record and the national standing (DOMAIN §8).</summary>
public sealed record HeldCardDto(string Serial, string State, DateOnly Expiry, DateOnly? CertificatesExpiry, DateOnly HeldSince, string? ContinuedFrom,
    int Endorsements, string? EndReason, MessageJson? EndReasonMessage, CardStanding? Standing);

/// <summary>A line of a resident's timeline: <c>detail</c> in English, <c>detailMessage</c> (code, arguments, both texts) when the system wrote it.</summary>
public sealed record TimelineEntryDto(DateTimeOffset At, string Source, string Kind, string? Detail, MessageJson? DetailMessage, string? Reference)
{
    public static TimelineEntryDto Of(TimelineEntry e) => new(e.At, e.Source, e.Kind, StoredMessage.English(e.Detail), StoredMessage.Json(e.Detail), e.Reference);
}

/// <summary>A loss or theft report to the call centre (DOMAIN §8.3); the birth date in ISO or era form.</summary>
public sealed record LossReportRequest(string Name, string BirthDate, string Address, int Sex, string Caller, bool Theft = false);

public sealed record SuspensionDto(string Reference, string Serial, string MunicipalityCode, DateTimeOffset SuspendedAt, int CertificatesSuspended);

/// <summary>/api/v1: a resident's timeline and card, the fee ledger, and the national call centre (DOMAIN §8).</summary>
public static class LifecycleApi
{
    public static void MapLifecycleApi(this RouteGroupBuilder api)
    {
        var residents = api.MapGroup("/residents").WithTags("lifecycle").RequirePermission(Permission.ResidentsRead);

        residents.MapGet("/{id:long}/timeline", async Task<Results<Ok<List<TimelineEntryDto>>, ProblemHttpResult>> (long id, MunicipalScope scope,
            MynaRuntime runtime, CancellationToken ct) =>
        {
            if (!await scope.Db.Residents.AnyAsync(r => r.Id == id, ct))
            {
                return ApiProblems.Problem(404, "resident-not-found", "No resident with this id");
            }
            var timeline = await ResidentTimeline.ForAsync(scope.Db, id, runtime.CardLifecycle(), scope.Code, scope.Reader, runtime.AddressRule(scope.Code), ct);
            return TypedResults.Ok(timeline.Select(TimelineEntryDto.Of).ToList());
        }).WithName("ResidentTimeline").WithSummary("Every recorded step of a resident: register events, applications, card states and the card lifecycle, oldest first");

        residents.MapGet("/{id:long}/cards", async Task<Results<Ok<IReadOnlyList<HeldCardDto>>, ProblemHttpResult>> (long id, MunicipalScope scope,
            MynaRuntime runtime, CancellationToken ct) =>
        {
            if (!await scope.Db.Residents.AnyAsync(r => r.Id == id, ct))
            {
                return ApiProblems.Problem(404, "resident-not-found", "No resident with this id");
            }
            var national = runtime.CardLifecycle();
            var list = new List<HeldCardDto>();
            foreach (var h in await scope.Db.HeldCards.AsNoTracking().Where(h => h.ResidentId == id).OrderByDescending(h => h.Id).ToListAsync(ct))
            {
                var standing = h.State == Core.Lifecycle.HeldCardState.Valid ? await national.StandingAsync(scope.Code, h.Serial, ct) : null;
                list.Add(new HeldCardDto(h.Serial, h.State.ToString(), h.Expiry, h.CertificatesExpiry, h.HeldSince, h.ContinuedFrom, h.Endorsements, StoredMessage.English(h.EndReason), StoredMessage.Json(h.EndReason), standing));
            }
            return TypedResults.Ok<IReadOnlyList<HeldCardDto>>(list);
        }).WithName("ResidentCards").WithSummary("The resident's cards at this municipality, with the national standing (suspension, certificates) of the valid one");

        api.MapGet("/lifecycle/fees", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string? from, string? to, MunicipalScope scope, CancellationToken ct) =>
        {
            if (!JapaneseDate.TryParse(from, out var start, out var error) || !JapaneseDate.TryParse(to, out var end, out error))
            {
                return ApiProblems.Refused(400, "invalid-period", "Give the period as from and to dates", error, "from");
            }
            if (ReportPeriod.Check(start, end) is { } problem)
            {
                return ApiProblems.Refused(400, problem.Code, "The period cannot be reported", problem.Text, problem.Field);
            }
            var csv = FeeLedger.Csv(await FeeLedger.LinesAsync(scope.Db, start, end, ct));
            return TypedResults.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"fees-{start:yyyyMMdd}-{end:yyyyMMdd}.csv");
        }).WithTags("lifecycle").RequirePermission(Permission.ReportsRead).WithName("FeeLedger").WithSummary("The fee ledger of a period (reissues and renewals, receipts, fees, subsidy eligibility) as CSV");

        api.MapPost("/call-centre/suspensions", async Task<Results<Ok<IReadOnlyList<SuspensionDto>>, ProblemHttpResult>> (LossReportRequest request,
            MynaRuntime runtime, HttpContext http, CancellationToken ct) =>
        {
            if (!JapaneseDate.TryParse(request.BirthDate, out var birth, out var error))
            {
                return ApiProblems.Refused(400, "invalid-report", "The birth date could not be read", error, "birthDate");
            }
            try
            {
                var cases = await runtime.CallCentre().SuspendAsync(new LossReport(request.Name ?? "", birth, request.Address ?? "", request.Sex, request.Caller ?? "",
                    request.Theft), http.User.Identity!.Name!, ct);
                return TypedResults.Ok<IReadOnlyList<SuspensionDto>>(cases.Select(c => new SuspensionDto(c.Reference, c.Serial, c.MunicipalityCode, c.ReportedAt,
                    c.CertificatesSuspended)).ToList());
            }
            catch (CallCentreException e)
            {
                // The catalogue code names the item to ask again (e.g. call-centre.birth-date-differs), never what the card holds.
                return ApiProblems.Problem(422, e.Text.Code, "The report could not be taken", e.Text.En, e.Field);
            }
        }).WithTags("call-centre").RequirePermission(Permission.NationalCallCentre).WithName("SuspendLostCard")
            .WithSummary("The 24/365 call centre: check the caller's four information and suspend the card and its certificates at once");
    }
}
