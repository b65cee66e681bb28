using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Myna.Web.Pages.Errors;

/// <summary>
/// What a person sees for an address with no page (a mistyped staff URL, an old link) or another
/// answer without a body: a page in their language with the way home, never a bare status or
/// JSON. Reached by re-executing the request (Program.cs); machine endpoints keep ProblemDetails.
/// </summary>
[AllowAnonymous]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }
    public bool NotFoundPage => Code == StatusCodes.Status404NotFound;
    /// <summary>The address the person asked for (not this page's).</summary>
    public string? Requested { get; private set; }
    public bool National => User.Identity?.IsAuthenticated == true && !User.HasClaim(c => c.Type == Infrastructure.MynaClaims.Municipality);
    public string Home => National ? "/national" : "/";

    public void OnGet(int code)
    {
        Code = code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound;
        Requested = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath;
        Response.StatusCode = Code;
    }
}
