using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Account;

public static class AccountEndpoints
{
    public static void MapAccount(this WebApplication app)
    {
        // Sign-out ends the session everywhere (DOMAIN §0.2 staff and J-LIS operators alike): the
        // account's stamp changes, so a copied cookie or a token of the same account is over too.
        app.MapPost("/account/logout", async (HttpContext context) =>
        {
            await StaffSessions.SignOutAsync(context);
            return Results.LocalRedirect("/account/login");
        }).RequireSignedIn();

        // Language switch: a cookie, then back to the page the clerk was on.
        app.MapGet("/language/{lang}", (string lang, string? returnUrl, HttpContext context) =>
        {
            context.Response.Cookies.Append(UiText.CookieName, lang == "en" ? "en" : "ja",
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
            return Results.LocalRedirect(LocalUrls.OrDefault(context, returnUrl, "/"));
        }).AllowAnonymous();
    }
}
