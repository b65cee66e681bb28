using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Myna.Core.Staff;
using Myna.Hosting;
using Myna.Municipal.Applications;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Pages.Applications;

/// <summary>勤務先企業等による一括申請: the employer's CSV and photo zip, checked row by row, taken whole or not at all.</summary>
[RequestSizeLimit(512L * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 512L * 1024 * 1024)]
[RequirePermission(Permission.ApplicationsTake)]
public sealed class BulkModel(MunicipalScope scope, MynaRuntime runtime, UiText text) : PageModel
{
    [BindProperty] public string? Employer { get; set; }
    [BindProperty] public IFormFile? Csv { get; set; }
    [BindProperty] public IFormFile? Zip { get; set; }
    public BulkResult? Result { get; private set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    [HandlerPermission(Permission.ApplicationsTake)]
    public async Task OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Employer) || Csv is null || Zip is null)
        {
            Error = text["bulk.required"];
            return;
        }
        try
        {
            await using var csv = Csv.OpenReadStream();
            await using var zip = Zip.OpenReadStream();
            Result = await BulkImport.RunAsync(runtime, scope, Employer.Trim(), csv, zip, ct);
        }
        catch (InvalidDataException)
        {
            Error = text["bulk.not-zip"];
        }
    }
}
