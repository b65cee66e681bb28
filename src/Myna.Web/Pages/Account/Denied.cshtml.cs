using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Myna.Web.Infrastructure;

namespace Myna.Web.Pages.Account;

/// <summary>
/// Where a signed-in person lands when their role lacks a page's or an action's permission: a 403
/// that says why, and the way home (a J-LIS operator on a municipal page learns that it is not theirs).
/// </summary>
[AllowAnonymous]
public sealed class DeniedModel : PageModel
{
    public bool SignedIn => User.Identity?.IsAuthenticated == true;
    public bool National => SignedIn && !User.HasClaim(c => c.Type == MynaClaims.Municipality);
    public string Home => National ? "/national" : "/";

    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
