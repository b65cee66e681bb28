using Microsoft.AspNetCore.Http.HttpResults;
using Myna.Core.Notices;
using Myna.Core.Staff;
using Myna.Hosting;
using Myna.Municipal.Notices;
using Myna.Web.Infrastructure;

using Myna.Web.Security;

namespace Myna.Web.Api;

public sealed record EnvelopeDto(long Id, long BatchId, int Sequence, string Delivery, string? PostalCode, string Address, string Addressee,
    string? RegisteredMailNumber, string State, string? ReturnReason, DateOnly? ReturnedOn, DateOnly? KeepUntil, string? Finding, long? ResendOfId)
{
    public static EnvelopeDto From(NoticeEnvelope e) => new(e.Id, e.BatchId, e.Sequence, e.Delivery.ToString(), e.PostalCode, e.Address, e.Addressee,
        e.RegisteredMailNumber, e.State.ToString(), e.ReturnReason?.ToString(), e.ReturnedOn, e.KeepUntil, e.Finding?.ToString(), e.ResendOfId);
}

public sealed record MailEventDto(string From, string To, DateTimeOffset At, string Actor, string? Note);

public sealed record EnvelopeCaseDto(EnvelopeDto Envelope, IReadOnlyList<EnvelopePerson> People, string? Finding, IReadOnlyList<string> AllowedActions,
    IReadOnlyList<MailEventDto> History);

/// <summary>A scanned envelope to book as returned; <c>reason</c>: AddresseeUnknown, StorageExpired, Refused, Other.</summary>
public sealed record ReturnRequest(string Scan, string Reason);

/// <summary><c>action</c>: HandOver, Resend, Remind, Dispose.</summary>
public sealed record MailActionRequest(string Action, string? Note);

public sealed record PostedEnvelope(long BatchId, int EnvelopeNo, string RegisteredMailNumber);

/// <summary>/api/v1/mail: registered-mail numbers, returned envelopes and their handling (DOMAIN §3.3).</summary>
public static class MailApi
{
    public static void MapMailApi(this RouteGroupBuilder api)
    {
        var mail = api.MapGroup("/mail").WithTags("mail").RequirePermission(Permission.ResidentsRead);

        mail.MapPost("/posted", async Task<Results<Ok<int>, ProblemHttpResult>> (IReadOnlyList<PostedEnvelope> envelopes, MunicipalScope scope,
            MynaRuntime runtime, HttpContext http, CancellationToken ct) =>
        {
            try
            {
                return TypedResults.Ok(await runtime.MailTracking(scope.Code).RecordMailNumbersAsync(scope.Db,
                    envelopes.Select(e => (e.BatchId, e.EnvelopeNo, e.RegisteredMailNumber)).ToList(), scope.Actor, ct));
            }
            catch (MailRuleException e)
            {
                return ApiProblems.Refused(422, "mail-rule", "Nothing was recorded", e.Text, e.Field);
            }
        }).RequirePermission(Permission.MailRecord).WithName("RecordPostedEnvelopes").WithSummary("Record the registered-mail numbers of posted envelopes (all or nothing)");

        mail.MapPost("/returns", async Task<Results<Ok<EnvelopeDto>, ProblemHttpResult>> (ReturnRequest request, MunicipalScope scope,
            MynaRuntime runtime, HttpContext http, CancellationToken ct) =>
        {
            if (!Enum.TryParse<ReturnReason>(request.Reason, out var reason) || !Enum.IsDefined(reason))
            {
                return ApiProblems.Problem(400, "invalid-reason", "Unknown return reason", $"reason must be one of: {string.Join(", ", Enum.GetNames<ReturnReason>())}", "reason");
            }
            var found = await MailTracking.FindAsync(scope.Db, request.Scan, ct);
            if (found is null)
            {
                return ApiProblems.Problem(404, "envelope-not-found", "No envelope has this number", null, "scan");
            }
            try
            {
                var booked = await runtime.MailTracking(scope.Code).BookReturnAsync(scope.Db, found.Id, reason, scope.Actor, ct);
                var view = await runtime.MailTracking(scope.Code).CaseAsync(scope.Db, booked.Id, scope.Reader.MaySeeProtected, scope.Actor, ct);
                return TypedResults.Ok(EnvelopeDto.From(view!.Envelope));
            }
            catch (MailRuleException e)
            {
                return ApiProblems.Refused(409, "mail-state", "The envelope cannot be booked as returned", e.Text, e.Field);
            }
        }).RequirePermission(Permission.MailRecord).WithName("BookReturnedEnvelope").WithSummary("Book a returned envelope by its scanned registered-mail or envelope number; starts the 3-month storage");

        mail.MapGet("/envelopes/{id:long}", async Task<Results<Ok<EnvelopeCaseDto>, ProblemHttpResult>> (long id, MunicipalScope scope,
            MynaRuntime runtime, CancellationToken ct) =>
        {
            var c = await runtime.MailTracking(scope.Code).CaseAsync(scope.Db, id, scope.Reader.MaySeeProtected, scope.Actor, ct);
            return c is null ? ApiProblems.Problem(404, "envelope-not-found", "No envelope with this id") : TypedResults.Ok(ToDto(c));
        }).WithName("GetEnvelope").WithSummary("An envelope with the register check, the allowed actions and its history");

        mail.MapPost("/envelopes/{id:long}/actions", async Task<Results<Ok<EnvelopeCaseDto>, ProblemHttpResult>> (long id, MailActionRequest request,
            MunicipalScope scope, MynaRuntime runtime, HttpContext http, CancellationToken ct) =>
        {
            if (!Enum.TryParse<ReturnAction>(request.Action, out var action) || !Enum.IsDefined(action))
            {
                return ApiProblems.Problem(400, "invalid-action", "Unknown action", $"action must be one of: {string.Join(", ", Enum.GetNames<ReturnAction>())}", "action");
            }
            var tracking = runtime.MailTracking(scope.Code);
            try
            {
                await tracking.ActAsync(scope.Db, id, action, request.Note, scope.Actor, ct);
            }
            catch (MailRuleException e)
            {
                return e.Field == "envelope"
                    ? ApiProblems.Problem(404, "envelope-not-found", "No envelope with this id")
                    : ApiProblems.Refused(409, "mail-state", "The action is not allowed now", e.Text, e.Field);
            }
            return TypedResults.Ok(ToDto((await tracking.CaseAsync(scope.Db, id, scope.Reader.MaySeeProtected, scope.Actor, ct))!));
        }).RequirePermission(Permission.MailRecord).WithName("ActOnEnvelope").WithSummary("Hand over, re-send, remind or dispose of a returned envelope, as §3.3 allows");

        mail.MapGet("/due", async (MunicipalScope scope, MynaRuntime runtime, int? days, CancellationToken ct) =>
            TypedResults.Ok((await runtime.MailTracking(scope.Code).DueAsync(scope.Db, scope.Reader.MaySeeProtected, Math.Clamp(days ?? 7, 0, 92), scope.Actor, ct)).Select(EnvelopeDto.From).ToList()))
            .WithName("ReturnsDue").WithSummary("Returned envelopes whose 3-month storage ends within the given days (default 7)");
    }

    private static EnvelopeCaseDto ToDto(EnvelopeCase c) => new(EnvelopeDto.From(c.Envelope), c.People, c.Finding?.ToString(),
        c.Allowed.Select(a => a.ToString()).ToList(), c.History.Select(m => new MailEventDto(m.FromState.ToString(), m.ToState.ToString(), m.At, m.Actor, m.Note)).ToList());
}
