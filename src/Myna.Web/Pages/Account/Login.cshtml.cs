using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Myna.Core.Identifiers;
using Myna.Core.Municipalities;
using Myna.Hosting;
using Myna.Storage.Staff;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Pages.Account;

[AllowAnonymous]
[EnableRateLimiting(SignInRateLimit.Policy)]
public sealed class LoginModel(MynaRuntime runtime, UiText text) : PageModel
{
    [BindProperty] public string? Municipality { get; set; }
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    /// <summary>The value of the sign-in choice for J-LIS operators (the national store).</summary>
    public const string NationalScope = "national";

    public IReadOnlyList<Municipality> Municipalities => runtime.Stores.Municipalities.ToList();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            Error = text["signin.required"];
            return Page();
        }
        Myna.Storage.Staff.SignInResult result;
        string? municipality = null;
        if (Municipality == NationalScope)
        {
            await using var national = runtime.Stores.OpenNational();
            result = await new StaffSignIn(runtime.NationalAudit(), runtime.Time).SignInAsync(national, UserName, Password, ct);
        }
        else if (MunicipalityCode.TryParse(Municipality, out var code, out _) && runtime.Stores.Serves(code))
        {
            await using var db = runtime.Stores.OpenMunicipal(code);
            result = await StaffServices.SignIn(runtime, code).SignInAsync(db, UserName, Password, ct);
            municipality = code.Value;
        }
        else
        {
            Error = text["signin.failed"];
            return Page();
        }
        switch (result.Outcome)
        {
            case SignInOutcome.Succeeded:
                await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
                    StaffSessions.Principal(result.Account!, municipality, CookieAuthenticationDefaults.AuthenticationScheme, runtime.Time.GetUtcNow()));
                var home = municipality is null ? "/national" : "/";
                return LocalRedirect(ReturnUrl is { Length: > 0 } && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : home);
            case SignInOutcome.LockedOut:
                Error = text.Format("signin.locked", Display.Time(result.LockedUntil!.Value, text));
                return Page();
            default:
                Error = text["signin.failed"];
                return Page();
        }
    }
}
