using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Core.Text.Messages;
using Myna.Hosting.Network;
using Myna.National.NationalApi;

namespace Myna.Web.NationalApi;

/// <summary>
/// How every national API endpoint answers (ARCHITECTURE principles 1–3): the caller is the client certificate's
/// municipality, a refusal is a problem with the contract's <c>code</c>, <c>notFound</c> and the catalogue message as
/// <see cref="StoredMessage"/> JSON (404 when nothing was found, 409 otherwise), and a state-changing call acts once per
/// idempotency key.
/// </summary>
public static class NationalCalls
{
    internal const string CallerItem = "myna.national.caller";

    public static MunicipalityCode Caller(HttpContext http) => (MunicipalityCode)http.Items[CallerItem]!;

    /// <summary>A call that changes nothing: answered from the contract each time.</summary>
    public static async Task<IResult> ReadAsync<T>(HttpContext http, Func<MunicipalityCode, CancellationToken, Task<T>> act)
    {
        try
        {
            var answer = await act(Caller(http), http.RequestAborted);
            return answer is null ? Results.NoContent() : Results.Json(answer, NationalWire.Json);
        }
        catch (ContractRefusedException e)
        {
            var (status, body) = Refusal(e);
            return Results.Text(body, "application/problem+json", statusCode: status);
        }
    }

    /// <summary>
    /// A state-changing call: its body read, the municipality it names (if any) checked against the caller, then acted on once
    /// per idempotency key. <paramref name="keepAnswer"/> is false for answers with individual numbers (never kept at rest).
    /// </summary>
    public static async Task<IResult> ChangeAsync<TBody>(HttpContext http, string operation, Func<MunicipalityCode, TBody, CancellationToken, Task<object?>> act,
        Func<TBody, string?>? namedMunicipality = null, bool keepAnswer = true)
    {
        var ct = http.RequestAborted;
        if (!Guid.TryParse(http.Request.Headers[NationalWire.IdempotencyHeader], out var key))
        {
            return Problem(StatusCodes.Status400BadRequest, NetworkProblems.IdempotencyKeyMissing, $"a state-changing call needs an {NationalWire.IdempotencyHeader} header (a GUID)");
        }
        TBody? body;
        try
        {
            body = await http.Request.ReadFromJsonAsync<TBody>(NationalWire.Json, ct);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            // The reason is not echoed: it could quote a malformed number.
            return Problem(StatusCodes.Status400BadRequest, NetworkProblems.BadBody, "the body is not the operation's JSON");
        }
        if (body is null)
        {
            return Problem(StatusCodes.Status400BadRequest, NetworkProblems.BadBody, "the body is empty");
        }
        var caller = Caller(http);
        if (namedMunicipality?.Invoke(body) is { } named && named != caller.Value)
        {
            // Principle 1: a municipality acts for itself only; its identity is its certificate, never what the body says.
            return Problem(StatusCodes.Status403Forbidden, NetworkProblems.MunicipalityMismatch, "the body names another municipality than the client certificate");
        }
        var keys = http.RequestServices.GetRequiredService<IdempotencyKeys>();
        var fingerprint = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body, NationalWire.Json));
        switch (await keys.BeginAsync(key, caller, operation, fingerprint, ct))
        {
            case KeyedCall.Answered(var status, var answer):
                return Stored(status, answer);
            case KeyedCall.InProgress:
                http.Response.Headers.RetryAfter = "1";
                return Problem(StatusCodes.Status503ServiceUnavailable, NetworkProblems.InProgress, "a call with this idempotency key is being served");
            case KeyedCall.Reused:
                return Problem(StatusCodes.Status422UnprocessableEntity, NetworkProblems.IdempotencyKeyReused, "this idempotency key was used for another call");
            case KeyedCall.AskAgain:
                return await ActAsync(null);
            default:
                return await ActAsync(key);
        }

        async Task<IResult> ActAsync(Guid? begun)
        {
            int status;
            string answer;
            try
            {
                var result = await act(caller, body, ct);
                (status, answer) = result is null ? (StatusCodes.Status204NoContent, "") : (StatusCodes.Status200OK, JsonSerializer.Serialize(result, result.GetType(), NationalWire.Json));
            }
            catch (ContractRefusedException e)
            {
                (status, answer) = Refusal(e);
            }
            catch when (begun is { } k)
            {
                await keys.AbandonAsync(k);
                throw;
            }
            if (begun is { } done)
            {
                await keys.CompleteAsync(done, status, keepAnswer || status != StatusCodes.Status200OK ? answer : null, CancellationToken.None);
            }
            return Stored(status, answer);
        }
    }

    private static IResult Stored(int status, string answer) => status switch
    {
        StatusCodes.Status204NoContent => Results.NoContent(),
        StatusCodes.Status200OK => Results.Text(answer, "application/json", statusCode: status),
        _ => Results.Text(answer, "application/problem+json", statusCode: status),
    };

    /// <summary>The problem answer of a contract refusal: what the client rebuilds the same exception from.</summary>
    public static (int Status, string Body) Refusal(ContractRefusedException e)
    {
        var status = e.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict;
        var problem = new JsonObject
        {
            ["type"] = "https://myna.invalid/problems/" + e.Code,
            ["title"] = e.NotFound ? "not found" : "refused",
            ["status"] = status,
            ["detail"] = e.Text?.En ?? e.Message,
            ["code"] = e.Code,
            ["notFound"] = e.NotFound,
            ["message"] = e.Text is { } text ? StoredMessage.Write(text) : null,
        };
        return (status, problem.ToJsonString());
    }

    public static IResult Problem(int status, string code, string detail) =>
        Results.Problem(detail: detail, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = code });
}
