using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Myna.Core.Staff;
using Myna.Web.Infrastructure;

namespace Myna.Web.Account;

public static class AccountEndpoints
{
    /// <summary>
    /// The identity of a signed-in staff member, for the cookie and for API tokens: a
    /// municipality's staff carry its code; a J-LIS operator (no municipality) carries none.
    /// </summary>
    public static ClaimsPrincipal Principal(StaffAccount account, string? municipalityCode, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, account.UserName),
            new(MynaClaims.DisplayName, account.DisplayName),
        };
        if (municipalityCode is not null)
        {
            claims.Add(new Claim(MynaClaims.Municipality, municipalityCode));
        }
        claims.AddRange(account.RoleList.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    public static void MapAccount(this WebApplication app)
    {
        app.MapPost("/account/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/account/login");
        }).RequireAuthorization();

        // Language switch: a cookie, then back to the page the clerk was on.
        app.MapGet("/language/{lang}", (string lang, string? returnUrl, HttpContext context) =>
        {
            context.Response.Cookies.Append(UiText.CookieName, lang == "en" ? "en" : "ja",
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
            return Results.LocalRedirect(LocalUrls.OrDefault(context, returnUrl, "/"));
        }).AllowAnonymous();
    }
}
