using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Myna.Core.Identifiers;
using Myna.Hosting;
using Myna.Storage.Staff;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Api;

public sealed record TokenRequest(string Municipality, string UserName, string Password);

public static class AuthApi
{
    /// <summary>POST /api/v1/auth/token: a staff account's bearer token for the API (same lockout as the sign-in page).</summary>
    /// <remarks>A token lasts <see cref="StaffSessions.TokenLifetime"/> and ends at once when the account's password, roles or lock change, or on sign-out.</remarks>
    public static void MapAuthApi(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", async Task<Results<SignInHttpResult, ProblemHttpResult>> (TokenRequest request, MynaRuntime runtime, CancellationToken ct) =>
        {
            if (request.Municipality == Pages.Account.LoginModel.NationalScope)
            {
                // A J-LIS operator's token, for the national services (the call centre, DOMAIN §8.3).
                await using var national = runtime.Stores.OpenNational();
                return Outcome(await new Myna.Storage.Staff.StaffSignIn(runtime.NationalAudit(), runtime.Time).SignInAsync(national, request.UserName ?? "", request.Password ?? "", ct),
                    null, runtime.Time);
            }
            if (!MunicipalityCode.TryParse(request.Municipality, out var code, out var problem))
            {
                return ApiProblems.Refused(400, "invalid-municipality", "The municipality code is not valid", problem.Text, "municipality");
            }
            if (!runtime.Stores.Serves(code))
            {
                return ApiProblems.Problem(400, "unknown-municipality", "This host does not serve that municipality", null, "municipality");
            }
            await using var db = runtime.Stores.OpenMunicipal(code);
            return Outcome(await StaffServices.SignIn(runtime, code).SignInAsync(db, request.UserName ?? "", request.Password ?? "", ct), code.Value, runtime.Time);
        }).AllowAnonymous().RequireRateLimiting(SignInRateLimit.Policy).WithBodyLimit(RequestBodyLimits.SignIn).WithName("CreateToken").WithTags("auth");
    }

    private static Results<SignInHttpResult, ProblemHttpResult> Outcome(Myna.Storage.Staff.SignInResult result, string? municipality, TimeProvider time) => result.Outcome switch
    {
        SignInOutcome.Succeeded => TypedResults.SignIn(
            StaffSessions.Principal(result.Account!, municipality, BearerTokenDefaults.AuthenticationScheme, time.GetUtcNow()),
            authenticationScheme: BearerTokenDefaults.AuthenticationScheme),
        SignInOutcome.LockedOut => ApiProblems.Problem(423, "account-locked", "The account is locked after repeated failures",
            $"locked until {result.LockedUntil:O}"),
        _ => ApiProblems.Problem(401, "invalid-credentials", "The user name or password is not correct"),
    };
}
