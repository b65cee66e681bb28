using Myna.Hosting;
using Myna.National;
using Myna.National.Verifiers;
using Myna.Web.Infrastructure;

namespace Myna.Web.Api;

/// <summary>
/// /api/v1/verifier: the status API and the consented four-information provision for registered
/// verifier organisations (DOMAIN §7.5). A verifier authenticates with its API key:
/// <c>Authorization: Bearer myv_…</c>. Every answer is logged.
/// </summary>
public static class VerifierApi
{
    public sealed record StatusRequest(IReadOnlyList<string>? Serials, string? Purpose);

    public sealed record ConsentRequest(string? Serial, string? Purpose, string? Consent);

    public sealed record FourInformationRequest(string? Serial, string? Purpose);

    public sealed record FourInformationBody(string Name, string? NameAltFlags, int Sex, DateOnly BirthDate, string Address, string? AddressAltFlags);

    public static void MapVerifierApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/verifier").WithTags("verifier").AllowAnonymous().DisableAntiforgery()
            .AddEndpointFilter(async (context, next) =>
            {
                var http = context.HttpContext;
                var header = http.Request.Headers.Authorization.ToString();
                var key = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..].Trim() : null;
                var runtime = http.RequestServices.GetRequiredService<MynaRuntime>();
                await using var db = runtime.Stores.OpenNational();
                if (await VerifierService.AuthenticateAsync(db, key, http.RequestAborted) is not { } verifier)
                {
                    http.Response.Headers.WWWAuthenticate = "Bearer realm=\"myna-verifier\"";
                    return ApiProblems.Problem(401, "verifier-key", "A registered verifier's API key is required", "send Authorization: Bearer myv_…");
                }
                http.Items[typeof(Verifier)] = verifier;
                return await next(context);
            });

        group.MapPost("/status", async (StatusRequest request, HttpContext http, MynaRuntime runtime, CancellationToken ct) =>
            await Serve(http, runtime, async (db, verifier) =>
                Results.Ok(new { answers = await runtime.Verifiers().StatusAsync(db, verifier, request.Serials ?? [], request.Purpose ?? "", ct) })))
            .WithName("VerifierStatus")
            .WithSummary($"Statuses (good, suspended, revoked, unknown) of up to {VerifierService.MaxBatch} certificate serials of the CAs the verifier is registered for");

        group.MapPost("/consents", async (ConsentRequest request, HttpContext http, MynaRuntime runtime, CancellationToken ct) =>
            await Serve(http, runtime, async (db, verifier) =>
            {
                byte[] evidence;
                try
                {
                    evidence = Convert.FromBase64String(request.Consent ?? "");
                }
                catch (FormatException)
                {
                    return ApiProblems.Problem(400, "consent", "The consent must be a base64 CMS signature", field: "consent");
                }
                var consent = await runtime.Verifiers().RecordConsentAsync(db, verifier, request.Serial ?? "", request.Purpose ?? "", evidence, ct);
                return Results.Created($"/api/v1/verifier/consents/{consent.Serial}", new { consent.Id, consent.Serial, consent.ConsentedAt, consent.Purpose });
            }))
            .WithBodyLimit(256 * 1024).WithName("VerifierConsentRecord")
            .WithSummary("Records the holder's consent to the four-information provision: a CMS signature over the consent statement made with the holder's signature certificate");

        group.MapDelete("/consents/{serial}", async (string serial, HttpContext http, MynaRuntime runtime, CancellationToken ct) =>
            await Serve(http, runtime, async (db, verifier) =>
                await runtime.Verifiers().WithdrawConsentAsync(db, verifier, serial, ct)
                    ? Results.NoContent()
                    : ApiProblems.Problem(404, "no-consent", "No consent in force for this holder")))
            .WithName("VerifierConsentWithdraw").WithSummary("Withdraws the holder's consent (named by any of the holder's signature certificates)");

        group.MapPost("/four-information", async (FourInformationRequest request, HttpContext http, MynaRuntime runtime, CancellationToken ct) =>
            await Serve(http, runtime, async (db, verifier) =>
            {
                var a = await runtime.Verifiers().FourInformationAsync(db, verifier, request.Serial ?? "", request.Purpose ?? "", ct);
                return Results.Ok(new
                {
                    a.Serial, a.Status, a.Changed, a.SuccessorSerial, a.SuccessorNotAfter, a.Explanation,
                    FourInformation = a.FourInformation is { } f ? new FourInformationBody(f.Name, f.NameAltFlags, f.Sex, f.BirthDate, f.Address, f.AddressAltFlags) : null,
                });
            }))
            .WithName("VerifierFourInformation")
            .WithSummary("Has the holder's four information changed? With consent, a revoked signature certificate's holder's current four information and new serial");
    }

    private static async Task<IResult> Serve(HttpContext http, MynaRuntime runtime, Func<NationalDb, Verifier, Task<IResult>> work)
    {
        var verifier = (Verifier)http.Items[typeof(Verifier)]!;
        await using var db = runtime.Stores.OpenNational();
        try
        {
            return await work(db, verifier);
        }
        catch (VerifierException e)
        {
            return ApiProblems.Problem(e.Status, e.Code, e.Message);
        }
    }
}
