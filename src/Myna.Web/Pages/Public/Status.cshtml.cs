using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Myna.Core.Applications;
using Myna.Core.Calendar;
using Myna.Web.Infrastructure;

namespace Myna.Web.Pages.Public;

/// <summary>申請状況の確認: application ID and birth date give the status in plain words, nothing else.</summary>
[AllowAnonymous]
public sealed class StatusModel(PublicApplications applications, UiText text) : PageModel
{
    [BindProperty] public string? ApplicationId { get; set; }
    [BindProperty] public string? BirthDate { get; set; }
    public ApplicationStatus? Status { get; private set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task OnPostAsync(CancellationToken ct)
    {
        if (!JapaneseDate.TryParse(BirthDate, out var birth, out var error))
        {
            Error = text["status.birth.invalid"] + (text.IsEnglish ? " (" + text[error] + ")" : "（" + text[error] + "）");
            return;
        }
        var found = await applications.StatusAsync(ApplicationId?.Trim(), birth, ct);
        if (found is null)
        {
            Error = text["status.not.found"];
            return;
        }
        Status = found.Status;
    }
}
