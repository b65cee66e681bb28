using System.Globalization;
using System.Threading.RateLimiting;

namespace Myna.Web.Security;

/// <summary>Limits of the per-address sign-in rate limiter (<c>Myna:SignInRateLimit</c>).</summary>
public sealed class SignInRateLimitOptions
{
    /// <summary>Sign-in attempts (page and token endpoint together) one address may make per window.</summary>
    public int PermitsPerWindow { get; set; } = 20;

    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// A per-address limit on the sign-in page and the token endpoint (ASP.NET Core's rate limiter):
/// the account lockout stops guessing one account's password, this stops one address from
/// guessing across many accounts. Refusals are 429 with Retry-After.
/// </summary>
public static class SignInRateLimit
{
    public const string Policy = "sign-in";

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = new SignInRateLimitOptions();
        configuration.GetSection("Myna:SignInRateLimit").Bind(limits);
        if (limits.PermitsPerWindow < 1 || limits.WindowSeconds < 1)
        {
            throw new InvalidOperationException("Myna:SignInRateLimit: PermitsPerWindow and WindowSeconds must be at least 1");
        }
        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Only attempts count: showing the sign-in page is free.
            o.AddPolicy(Policy, context => HttpMethods.IsGet(context.Request.Method) ? RateLimitPartition.GetNoLimiter("page") : RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PermitsPerWindow,
                    Window = TimeSpan.FromSeconds(limits.WindowSeconds),
                    QueueLimit = 0,
                }));
            o.OnRejected = async (context, ct) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(limits.WindowSeconds);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Api.ApiProblems.Problem(429, "rate-limited", "Too many sign-in attempts from this address; try again later")
                    .ExecuteAsync(context.HttpContext);
            };
        });
    }
}
