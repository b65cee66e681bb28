using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Myna.Core.Applications;
using Myna.Core.Calendar;
using Myna.Hosting;
using Myna.Web.Infrastructure;

namespace Myna.Web.Pages.Public;

/// <summary>
/// 申請状況の確認: either number the resident holds (the receipt number /apply gave them, or the application ID on the
/// form) and the birth date give the status in plain words and whose application it is, the given name masked.
/// </summary>
[AllowAnonymous]
public sealed class StatusModel(PublicApplications applications, MynaRuntime runtime, UiText text) : PageModel
{
    /// <summary>The receipt number (受付番号, 12 digits) or the application ID (申請書ID, 23 digits).</summary>
    [BindProperty] public string? ApplicationId { get; set; }
    [BindProperty] public string? BirthDate { get; set; }
    public ApplicationStatus? Status { get; private set; }
    public string? MaskedName { get; private set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    /// <summary>Every handler starts with the host's municipality as the heading; a found application narrows it to its own.</summary>
    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context) =>
        PublicPages.SetHeading(ViewData, runtime, null, text);

    public async Task OnPostAsync(CancellationToken ct)
    {
        if (!JapaneseDate.TryParse(BirthDate, out var birth, out var error))
        {
            Error = text["status.birth.invalid"] + (text.IsEnglish ? " (" + text[error] + ")" : "（" + text[error] + "）");
            return;
        }
        var found = await applications.StatusAsync(ApplicationId, birth, ct);
        if (found is not { } f)
        {
            Error = text["status.not.found.either"];
            return;
        }
        Status = f.Status.Status;
        MaskedName = f.Status.MaskedName;
        PublicPages.SetHeading(ViewData, runtime, f.Municipality, text);
    }
}
