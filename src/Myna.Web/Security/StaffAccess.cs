using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Myna.Web.Security;

/// <summary>
/// Who gets in and what they may do, registered in one place: sign-in by cookie (pages) or bearer
/// token (API), the permission model, the per-address sign-in limit and the handler filter.
/// </summary>
public static class StaffAccess
{
    private const string StaffScheme = "staff";

    public static IServiceCollection AddStaffAccess(this IServiceCollection services, IConfiguration configuration)
    {
        // One policy scheme picks cookie or bearer by the request, so the same endpoints serve both.
        services.AddAuthentication(StaffScheme)
            .AddPolicyScheme(StaffScheme, "cookie or bearer", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal)
                    ? BearerTokenDefaults.AuthenticationScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/account/login";
                o.AccessDeniedPath = "/account/denied";
                o.Cookie.Name = "myna-staff";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                // Idle sessions end; active ones end a working day after sign-in (checked with the stamp).
                o.ExpireTimeSpan = StaffSessions.IdleTimeout;
                o.SlidingExpiration = true;
                // The API's refusals never reach the cookie's redirects: AuthorizationAnswers writes them.
            })
            .AddBearerToken(o => o.BearerTokenExpiration = StaffSessions.TokenLifetime);

        // One permission model (DOMAIN §0.2): every page, handler and endpoint names its permission;
        // the host does not start while one names none, and a bare [Authorize] refuses everyone.
        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuthorizationAnswers>();
        services.AddAuthorization(o =>
        {
            o.DefaultPolicy = PermissionPolicyProvider.Undeclared;
            // What routing makes up itself (405, 415 answers) carries no metadata: signed-in people get the real status.
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            o.AddPolicy(PermissionPolicies.SignedIn, p => p.RequireAuthenticatedUser());
        });
        services.AddScoped<PermissionPageFilter>();
        services.Configure<MvcOptions>(o => o.Filters.Add(new ServiceFilterAttribute(typeof(PermissionPageFilter))));
        return services.AddSignInRateLimit(configuration);
    }
}
