using Microsoft.AspNetCore.Http.HttpResults;
using Myna.Core.Calendar;
using Myna.Core.Issuance;
using Myna.Hosting;
using Myna.Web.Infrastructure;

using Myna.Core.Staff;
using Myna.Web.Security;

namespace Myna.Web.Api;

/// <summary>
/// POST /api/v1/identity-verification/evaluate (DOMAIN §6.5): a case in the JSON form of
/// docs/identity-verification.md, or an array of cases, answered with
/// <c>{"verified","method","missing","messages"}</c> per case (an array for an array). Nothing is stored:
/// the window records its verification with the issuance.
/// </summary>
public static class IdentityVerificationApi
{
    public static void MapIdentityVerificationApi(this RouteGroupBuilder api)
    {
        api.MapPost("/identity-verification/evaluate", async Task<Results<Ok<VerificationAnswer>, Ok<VerificationAnswer[]>, ProblemHttpResult>> (
            HttpRequest request, MynaRuntime runtime, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync(ct);
            try
            {
                var cases = VerificationCaseJson.ReadAll(text, JapanClock.Today(runtime.Time));
                var results = cases.Select(c => IdentityVerification.Evaluate(c).ToAnswer()).ToArray();
                return text.TrimStart().StartsWith('[') ? TypedResults.Ok(results) : TypedResults.Ok(results[0]);
            }
            catch (VerificationCaseFormatException e)
            {
                return ApiProblems.Problem(400, "invalid-case", "The case description cannot be read", e.Message, e.Path);
            }
        }).RequirePermission(Permission.IdentityVerify).WithBodyLimit(1024 * 1024).WithTags("identity-verification").WithName("EvaluateIdentityVerification")
            .WithSummary("Which §6.5 method holds for the documents and measures described, or exactly what is missing")
            .Accepts<object>("application/json");
    }
}
