using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Calendar;
using Myna.Core.Contracts;
using Myna.Core.Lifecycle;
using Myna.Core.Staff;
using Myna.Core.Text.Messages;
using Myna.Hosting;
using Myna.Municipal.Lifecycle;
using Myna.Municipal.Residents;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Api;

/// <summary>
/// A move-abroad notification (国外転出届, DOMAIN §8.6); dates in ISO or era form. <c>ContinuedUse</c>: continued use abroad
/// (国外継続利用), for a Japanese national with a valid card, asked for at the latest the day before the move date.
/// </summary>
public sealed record AbroadMoveRequest(string MovesOn, string? NotifiedOn, string Country, bool ContinuedUse = false, bool SignatureAbroad = false);

/// <summary>A move abroad as the API shows it: scheduled until its move date, then completed with what happened to the card.</summary>
public sealed record AbroadMoveDto(long Id, long ResidentId, string Country, DateOnly MovesOn, DateOnly NotifiedOn, bool ContinuedUse, bool SignatureAbroad,
    string? CardSerial, string? ResponsibleMunicipality, string State, DateTimeOffset? CompletedAt, string? CardOutcome, MessageJson? CardOutcomeMessage,
    DateOnly? CardReturnedOn, DateOnly? FreeReissueUntil)
{
    public static AbroadMoveDto Of(AbroadMove m) => new(m.Id, m.ResidentId, m.Country, m.MovesOn, m.NotifiedOn, m.ContinuedUse, m.SignatureAbroad, m.CardSerial,
        m.ResponsibleMunicipality, m.State.ToString(), m.CompletedAt, StoredMessage.English(m.CardOutcome), StoredMessage.Json(m.CardOutcome), m.CardReturnedOn,
        m.CardSerial is not null && !m.ContinuedUse ? AbroadMoveRules.FreeReissueUntil(m.MovesOn) : null);
}

/// <summary>What the dated processing did.</summary>
public sealed record AbroadMovesDoneDto(DateOnly Day, int Completed, IReadOnlyList<string> Problems);

/// <summary>/api/v1: moves abroad (DOMAIN §8.6) — the notification, the list, the dated processing and the return of a lapsed card.</summary>
public static class AbroadMovesApi
{
    public static void MapAbroadMovesApi(this RouteGroupBuilder api)
    {
        var residents = api.MapGroup("/residents/{id:long}/abroad-moves").WithTags("lifecycle");
        residents.MapGet("", ListAsync).RequirePermission(Permission.ResidentsRead).WithName("ResidentAbroadMoves")
            .WithSummary("The resident's moves abroad (国外転出), newest first");
        residents.MapPost("", NotifyAsync).RequirePermission(Permission.ResidentsRecord).WithName("NotifyAbroadMove")
            .WithSummary("Record a move abroad (国外転出届), with continued use of the card abroad (国外継続利用) when asked for by the day before the move date");

        var moves = api.MapGroup("/lifecycle/abroad-moves").WithTags("lifecycle");
        moves.MapPost("/complete", CompleteAsync).RequirePermission(Permission.LifecycleBatches).WithName("CompleteAbroadMoves")
            .WithSummary("The dated processing: carry out every move abroad whose move date has come (safe to repeat)");
        moves.MapPost("/{moveId:long}/return", ReturnAsync).RequirePermission(Permission.LifecycleAct).WithName("ReturnLapsedCard")
            .WithSummary("Record the return (返納) of a card that lapsed on moving abroad");
    }

    private static async Task<Results<Ok<IReadOnlyList<AbroadMoveDto>>, ProblemHttpResult>> ListAsync(long id, MunicipalScope scope, CancellationToken ct)
    {
        if (!await scope.Db.Residents.AnyAsync(r => r.Id == id, ct))
        {
            return ApiProblems.Problem(404, "resident-not-found", "No resident with this id");
        }
        return TypedResults.Ok<IReadOnlyList<AbroadMoveDto>>((await AbroadMoveDesk.OfResidentAsync(scope.Db, id, ct)).Select(AbroadMoveDto.Of).ToList());
    }

    private static async Task<Results<Created<AbroadMoveDto>, ProblemHttpResult>> NotifyAsync(long id, AbroadMoveRequest request, MunicipalScope scope,
        MynaRuntime runtime, CancellationToken ct)
    {
        if (!JapaneseDate.TryParse(request.MovesOn, out var movesOn, out var error))
        {
            return ApiProblems.Refused(400, "invalid-date", "The move date could not be read", error, "movesOn");
        }
        var notifiedOn = JapanClock.Today(runtime.Time);
        if (!string.IsNullOrWhiteSpace(request.NotifiedOn) && !JapaneseDate.TryParse(request.NotifiedOn, out notifiedOn, out error))
        {
            return ApiProblems.Refused(400, "invalid-date", "The notification date could not be read", error, "notifiedOn");
        }
        try
        {
            var move = await runtime.AbroadMoveDesk(scope.Code).NotifyAsync(scope.Db, id,
                new AbroadMoveNotice(movesOn, notifiedOn, request.Country ?? "", request.ContinuedUse, request.SignatureAbroad), scope.Actor, ct);
            return TypedResults.Created($"/api/v1/residents/{id}/abroad-moves", AbroadMoveDto.Of(move));
        }
        catch (RegisterRuleException e)
        {
            return e.Field == "id"
                ? ApiProblems.Refused(404, "resident-not-found", "No resident with this id", e.Text, e.Message, e.Field)
                : ApiProblems.Refused(422, e.Field == "continuedUse" ? "continued-use-refused" : "register-rule", "The move abroad breaks a register rule", e.Text, e.Message,
                    e.Field);
        }
        catch (Exception e) when (e is LifecycleException or ContractRefusedException)
        {
            return ApiProblems.Refused(422, "lifecycle-rule", "The card cannot be endorsed", Refusals.MessageOf(e), english: e.Message);
        }
    }

    private static async Task<Results<Ok<AbroadMovesDoneDto>, ProblemHttpResult>> CompleteAsync(string? date, MunicipalScope scope, MynaRuntime runtime,
        CancellationToken ct)
    {
        var day = JapanClock.Today(runtime.Time);
        if (!string.IsNullOrWhiteSpace(date) && (!JapaneseDate.TryParse(date, out day, out _) || day > JapanClock.Today(runtime.Time)))
        {
            return ApiProblems.Problem(400, "invalid-date", "Give a day that is not in the future", "the dated processing runs for today or a past day", "date");
        }
        var done = await runtime.AbroadMoveDesk(scope.Code).CompleteDueAsync(scope.Db, day, scope.Actor, ct);
        return TypedResults.Ok(new AbroadMovesDoneDto(day, done.Completed, done.Problems));
    }

    private static async Task<Results<Ok<AbroadMoveDto>, ProblemHttpResult>> ReturnAsync(long moveId, string? returnedOn, MunicipalScope scope,
        MynaRuntime runtime, CancellationToken ct)
    {
        var day = JapanClock.Today(runtime.Time);
        if (!string.IsNullOrWhiteSpace(returnedOn) && !JapaneseDate.TryParse(returnedOn, out day, out var error))
        {
            return ApiProblems.Refused(400, "invalid-date", "The return date could not be read", error, "returnedOn");
        }
        try
        {
            return TypedResults.Ok(AbroadMoveDto.Of(await runtime.AbroadMoveDesk(scope.Code).RecordReturnAsync(scope.Db, moveId, day, scope.Actor, ct)));
        }
        catch (LifecycleException e)
        {
            return ApiProblems.Refused(422, "lifecycle-rule", "The return cannot be recorded", e.Text, english: e.Message);
        }
    }
}
