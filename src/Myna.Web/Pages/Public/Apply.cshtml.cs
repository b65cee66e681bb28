using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Myna.Core.Applications;
using Myna.Core.Text;
using Myna.Hosting;
using Myna.Municipal.Applications;
using Myna.Web.Infrastructure;

namespace Myna.Web.Pages.Public;

/// <summary>
/// The online application (DOMAIN §4.1–§4.3): the application ID from the form (typed, or in the
/// link its QR code opens), a photo checked at once with precise messages, contact and
/// certificate wishes. The resident's data is never shown here: knowing an ID proves nothing.
/// </summary>
[RequestSizeLimit(12 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 12 * 1024 * 1024)]
[AllowAnonymous]
public sealed class ApplyModel(PublicApplications applications, MynaRuntime runtime, UiText text) : PageModel
{
    /// <summary>Headed by the municipality the typed application ID names, or the host's before one is typed.</summary>
    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context) =>
        PublicPages.SetHeading(ViewData, runtime, applications.MunicipalityOf(PublicInput.Number(ApplicationId)) is { } code ? runtime.Municipality(code) : null,
            text);

    [BindProperty(SupportsGet = true, Name = "id")] public string? ApplicationId { get; set; }
    [BindProperty] public IFormFile? Photo { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public bool SignatureCertificate { get; set; } = true;
    [BindProperty] public bool UserCertificate { get; set; } = true;
    [BindProperty] public bool Braille { get; set; }
    [BindProperty] public string? LegalRepresentative { get; set; }
    [BindProperty] public bool Consent { get; set; }

    public List<ApplicationProblem> Problems { get; } = [];
    public ApplicationReceipt? Receipt { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var photo = await PublicApplications.ReadPhotoAsync(Photo, ct);
        try
        {
            Receipt = await applications.SubmitAsync(new ApplicationInput(ApplicationId ?? "", ApplicationChannel.Online, photo, Email, Phone,
                SignatureCertificate, UserCertificate, Braille, Consent, LegalRepresentative), ct);
        }
        catch (ApplicationRejectedException e)
        {
            Problems.AddRange(e.Problems);
        }
        return Page();
    }
}
