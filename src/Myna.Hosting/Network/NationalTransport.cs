using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Core.Text.Messages;

namespace Myna.Hosting.Network;

/// <summary>
/// One call to the national API and the mapping of its answer (ARCHITECTURE principles 2 and 3): a refusal (404 or 409 with a
/// <c>code</c>) becomes the <see cref="ContractRefusedException"/> the in-process side would have thrown, with the same code and
/// catalogue message; anything else that is not a success (no answer, 5xx, 403 …) is a <see cref="NationalUnavailableException"/>,
/// which the outbox retries.
/// </summary>
public sealed class NationalTransport(NationalConnections connections)
{
    public async Task<T> SendAsync<T>(MunicipalityCode caller, HttpMethod method, string path, object? body, Guid? idempotencyKey, CancellationToken ct)
    {
        using var response = await SendRawAsync(caller, method, path, body, idempotencyKey, ct);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return default!;
        }
        return await response.Content.ReadFromJsonAsync<T>(NationalWire.Json, ct)
            ?? throw new NationalUnavailableException($"{method} {path}: empty answer");
    }

    public async Task SendAsync(MunicipalityCode caller, HttpMethod method, string path, object? body, Guid? idempotencyKey, CancellationToken ct)
    {
        using var response = await SendRawAsync(caller, method, path, body, idempotencyKey, ct);
    }

    private async Task<HttpResponseMessage> SendRawAsync(MunicipalityCode caller, HttpMethod method, string path, object? body, Guid? idempotencyKey,
        CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: NationalWire.Json);
        }
        if (idempotencyKey is { } key)
        {
            request.Headers.Add(NationalWire.IdempotencyHeader, key.ToString("D"));
        }
        HttpResponseMessage response;
        try
        {
            response = await connections.For(caller).SendAsync(request, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new NationalUnavailableException($"{method} {path}: the national host did not answer ({e.GetType().Name})", e);
        }
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict && await RefusalAsync(response, ct) is { } refusal)
            {
                throw refusal;
            }
            throw new NationalUnavailableException($"{method} {path}: the national host answered {(int)response.StatusCode} {await ProblemCodeAsync(response, ct)}");
        }
    }

    /// <summary>The contract refusal in a problem answer, or null when the answer is not one (a 404 of a wrong address).</summary>
    private static async Task<ContractRefusedException?> RefusalAsync(HttpResponseMessage response, CancellationToken ct)
    {
        using var problem = await ReadProblemAsync(response, ct);
        if (problem is null || !problem.RootElement.TryGetProperty("code", out var code) || code.GetString() is not { Length: > 0 } text)
        {
            return null;
        }
        var root = problem.RootElement;
        var notFound = root.TryGetProperty("notFound", out var nf) && nf.ValueKind == JsonValueKind.True;
        if (root.TryGetProperty("message", out var stored) && StoredMessage.TryRead(stored.GetString(), out var message))
        {
            return new ContractRefusedException(text, message, notFound);
        }
        var detail = root.TryGetProperty("detail", out var d) ? d.GetString() : null;
        return new ContractRefusedException(text, detail ?? text, notFound);
    }

    private static async Task<string> ProblemCodeAsync(HttpResponseMessage response, CancellationToken ct)
    {
        using var problem = await ReadProblemAsync(response, ct);
        return problem?.RootElement.TryGetProperty("code", out var code) == true ? code.GetString() ?? "" : "";
    }

    private static async Task<JsonDocument?> ReadProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
