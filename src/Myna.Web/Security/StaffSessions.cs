using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Myna.Core.Identifiers;
using Myna.Core.Staff;
using Myna.Hosting;
using Myna.Storage.Staff;
using Myna.Web.Infrastructure;

namespace Myna.Web.Security;

/// <summary>
/// How long a staff session lasts, and the check that ends it early. Every request of a signed-in
/// person, by cookie or by bearer token, passes <see cref="IsCurrentAsync"/>: a session whose
/// account's security stamp changed (password, roles, lock, sign-out) is over at once.
/// </summary>
public static class StaffSessions
{
    /// <summary>A staff page session ends after this long without a request.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    /// <summary>…and this long after sign-in in any case (one working day), however active.</summary>
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(9);

    /// <summary>An API bearer token is valid this long; then the client asks for a new one.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(15);

    public const string StampClaim = "myna:stamp";
    public const string IssuedClaim = "myna:issued";

    /// <summary>The identity of a signed-in staff member: a municipality's staff carry its code; a J-LIS operator carries none.</summary>
    public static ClaimsPrincipal Principal(StaffAccount account, string? municipalityCode, string scheme, DateTimeOffset issued)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, account.UserName),
            new(MynaClaims.DisplayName, account.DisplayName),
            new(StampClaim, account.SecurityStamp),
            new(IssuedClaim, issued.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        };
        if (municipalityCode is not null)
        {
            claims.Add(new Claim(MynaClaims.Municipality, municipalityCode));
        }
        claims.AddRange(account.RoleList.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>
    /// Whether the signed-in person's session is still current (the one check every request passes):
    /// not older than a working day, and the account's stamp unchanged. A municipal session reads
    /// the stamp through the request's own store (<see cref="MunicipalScope"/>), which the page or
    /// endpoint then uses, so the check costs one indexed read and no extra connection.
    /// </summary>
    public static async Task<bool> IsCurrentAsync(ClaimsPrincipal user, MynaRuntime runtime, MunicipalScope? scope, CancellationToken ct)
    {
        var stamp = user.FindFirstValue(StampClaim);
        if (stamp is null
            || !long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || !long.TryParse(user.FindFirstValue(IssuedClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var issued)
            || runtime.Time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(issued) > AbsoluteLifetime)
        {
            return false;
        }
        var code = user.FindFirstValue(MynaClaims.Municipality);
        if (code is null)
        {
            await using var national = runtime.Stores.OpenNational();
            return await StaffSignIn.IsCurrentAsync(national, id, stamp, ct);
        }
        if (!MunicipalityCode.TryParse(code, out var municipality, out _) || !runtime.Stores.Serves(municipality))
        {
            return false;
        }
        if (scope is not null)
        {
            return await StaffSignIn.IsCurrentAsync(scope.Db, id, stamp, ct);
        }
        await using var db = runtime.Stores.OpenMunicipal(municipality);
        return await StaffSignIn.IsCurrentAsync(db, id, stamp, ct);
    }

    /// <summary>
    /// Middleware between authentication and authorization: a session that is over is treated as
    /// no session (its cookie is removed), so the request is challenged like any anonymous one.
    /// </summary>
    public static IApplicationBuilder UseStaffSessionCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            var runtime = context.RequestServices.GetRequiredService<MynaRuntime>();
            if (!await IsCurrentAsync(context.User, runtime, context.RequestServices.GetRequiredService<MunicipalScope>(), context.RequestAborted))
            {
                if (context.User.Identity.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme)
                {
                    await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                }
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
        }
        await next(context);
    });

    /// <summary>Signs the person out everywhere: the account's stamp changes, then the cookie goes.</summary>
    public static async Task SignOutAsync(HttpContext context)
    {
        var runtime = context.RequestServices.GetRequiredService<MynaRuntime>();
        if (long.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            if (context.User.FindFirstValue(MynaClaims.Municipality) is null)
            {
                await using var national = runtime.Stores.OpenNational();
                await new StaffSignIn(runtime.NationalAudit(), runtime.Time).EndSessionsAsync(national, id, context.RequestAborted);
            }
            else
            {
                var scope = context.RequestServices.GetRequiredService<MunicipalScope>();
                await new StaffSignIn(runtime.MunicipalAudit(scope.Code), runtime.Time).EndSessionsAsync(scope.Db, id, context.RequestAborted);
            }
        }
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
