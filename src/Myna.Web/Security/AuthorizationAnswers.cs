using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Myna.Web.Api;

namespace Myna.Web.Security;

/// <summary>
/// How a refusal looks. The API answers 401/403 as ProblemDetails naming the permission it lacks;
/// a page sends the anonymous to the sign-in page and shows the signed-in a 403 page (never a
/// redirect to sign-in, never a 500 — a J-LIS operator on a municipal page sees why).
/// </summary>
internal sealed class AuthorizationAnswers : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Succeeded || !IsApi(context))
        {
            await fallback.HandleAsync(next, context, policy, result);
            return;
        }
        if (result.Challenged || context.User.Identity?.IsAuthenticated != true)
        {
            await ApiProblems.Problem(401, "unauthenticated", "Sign in first: send a bearer token from /api/v1/auth/token").ExecuteAsync(context);
            return;
        }
        var needed = policy.Requirements.OfType<PermissionRequirement>().Select(r => r.Permission.ToString()).FirstOrDefault();
        var problem = ApiProblems.Problem(403, "forbidden-permission", "Your role does not have the permission this action needs",
            needed is null ? null : $"needs the permission {needed}");
        if (needed is not null)
        {
            problem.ProblemDetails.Extensions["permission"] = needed;
        }
        await problem.ExecuteAsync(context);
    }

    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal);
}
