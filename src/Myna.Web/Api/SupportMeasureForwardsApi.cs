using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Calendar;
using Myna.Core.Staff;
using Myna.Hosting;
using Myna.Municipal.SupportMeasures;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Api;

/// <summary>The officer's "forward to 〇〇": the receiving municipality's code (6 digits).</summary>
public sealed record ForwardRequest(string? Destination);

/// <summary>One forward of a measure: where, why, when; acknowledged (with the receiver's receipt) or still waiting (attempts, last error).</summary>
public sealed record ForwardDto(long Id, string Destination, string Reason, DateTimeOffset RecordedAt, string RecordedBy, bool Waiting,
    DateTimeOffset? AcknowledgedAt, string? Receipt, int Attempts, string? LastError)
{
    public static ForwardDto From(ForwardStatus f) => new(f.Id, f.Destination, SupportMeasureForwarding.ReasonName(f.Reason), f.RecordedAt, f.RecordedBy,
        f.Waiting, f.AcknowledgedAt, f.Receipt, f.Attempts, f.LastError);
}

/// <summary>A measure forwarded to this municipality: from where, kept until when, and whether it applies today (in force, kept, a covered person living here).</summary>
public sealed record ReceivedMeasureDto(long Id, string Reference, string Kind, string ForwardedFrom, DateOnly StartsOn, DateOnly EndsOn, string State,
    DateOnly? KeepUntil, bool Kept, bool InForce, IReadOnlyList<string> ResidentsHere);

/// <summary>
/// /api/v1/support-measures/{id}/forwards and /api/v1/support-measures/received (DOMAIN §9 "Forwarding"): the officer's
/// forwards and the copies received from other municipalities. The officer's permission only.
/// </summary>
public static class SupportMeasureForwardsApi
{
    public static void MapSupportMeasureForwardsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/support-measures").WithTags("support-measure forwards").RequirePermission(Permission.AddressProtection);

        group.MapGet("/{id:long}/forwards", async Task<Results<Ok<List<ForwardDto>>, ProblemHttpResult>> (long id, MunicipalScope scope, CancellationToken ct) =>
        {
            if (!await scope.Db.SupportMeasures.AnyAsync(m => m.Id == id, ct))
            {
                return ApiProblems.Problem(404, "no-measure", $"No support measure {id}");
            }
            return TypedResults.Ok((await SupportMeasureForwarding.ForwardsAsync(scope.Db, id, ct)).Select(ForwardDto.From).ToList());
        }).WithName("ListSupportMeasureForwards").WithSummary("Where the measure was forwarded, and whether each forward was acknowledged");

        group.MapPost("/{id:long}/forwards", async Task<Results<Created<ForwardDto>, ProblemHttpResult>> (long id, ForwardRequest request,
            MunicipalScope scope, MynaRuntime runtime, CancellationToken ct) =>
        {
            try
            {
                var row = await runtime.SupportMeasureForwarding(scope.Code).ForwardToAsync(scope.Db, id, request.Destination, scope.Actor, ct);
                var status = (await SupportMeasureForwarding.ForwardsAsync(scope.Db, id, ct)).First(f => f.Id == row.Id);
                return TypedResults.Created($"/api/v1/support-measures/{id}/forwards", ForwardDto.From(status));
            }
            catch (SupportMeasureException e) when (e.Key == "no-measure")
            {
                return ApiProblems.Refused(404, "no-measure", e.Text.En, e.Text, e.Field);
            }
            catch (SupportMeasureException e)
            {
                return ApiProblems.Refused(400, "support-measure-rule", e.Text.En, e.Text, e.Field);
            }
        }).WithName("ForwardSupportMeasure").WithSummary("Forward the measure to a named municipality (retried until it acknowledges)");

        group.MapGet("/received", async (MunicipalScope scope, MynaRuntime runtime, CancellationToken ct) =>
        {
            var today = JapanClock.Today(runtime.Time);
            var copies = await scope.Db.SupportMeasures.AsNoTracking().Include(m => m.People).Where(m => m.ForwardedFrom != null)
                .OrderByDescending(m => m.Id).ToListAsync(ct);
            var codes = copies.SelectMany(m => m.People.Select(p => p.ResidentCode)).Distinct().ToList();
            var here = (await scope.Db.Residents.AsNoTracking().Where(r => codes.Contains(r.ResidentCode) && r.Status == Core.Residents.ResidentStatus.Active)
                .Select(r => r.ResidentCode).ToListAsync(ct)).ToHashSet();
            return TypedResults.Ok(copies.Select(m => new ReceivedMeasureDto(m.Id, m.Reference, m.Kind.ToString(), m.ForwardedFrom!, m.StartsOn, m.EndsOn,
                m.State.ToString(), m.KeepUntil, m.KeepUntil is null || m.KeepUntil >= today, m.IsActiveOn(today),
                // Resident codes only by their last four digits: enough for the officer to match, nothing more travels in the answer.
                m.People.Where(p => here.Contains(p.ResidentCode)).Select(p => "…" + p.ResidentCode[^4..]).ToList())).ToList());
        }).WithName("ListReceivedSupportMeasures").WithSummary("Measures forwarded to this municipality, kept one year from their reception");
    }
}
