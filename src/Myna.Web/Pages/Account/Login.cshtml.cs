using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Myna.Core.Identifiers;
using Myna.Core.Municipalities;
using Myna.Data;
using Myna.Data.Staff;
using Myna.Web.Account;
using Myna.Web.Infrastructure;

namespace Myna.Web.Pages.Account;

public sealed class LoginModel(MynaRuntime runtime, UiText text) : PageModel
{
    [BindProperty] public string? Municipality { get; set; }
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

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
        if (!MunicipalityCode.TryParse(Municipality, out var code, out _) || !runtime.Stores.Serves(code))
        {
            Error = text["signin.failed"];
            return Page();
        }
        await using var db = runtime.Stores.OpenMunicipal(code);
        var result = await StaffServices.SignIn(runtime, code).SignInAsync(db, UserName, Password, ct);
        switch (result.Outcome)
        {
            case SignInOutcome.Succeeded:
                await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
                    AccountEndpoints.Principal(result.Account!, code.Value, CookieAuthenticationDefaults.AuthenticationScheme));
                return LocalRedirect(ReturnUrl is { Length: > 0 } && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
            case SignInOutcome.LockedOut:
                Error = text.Format("signin.locked", Display.Time(result.LockedUntil!.Value, text));
                return Page();
            default:
                Error = text["signin.failed"];
                return Page();
        }
    }
}
