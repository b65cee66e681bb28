using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Myna.Core.Applications;
using Myna.Core.Staff;
using Myna.Hosting;
using Myna.Municipal.Applications;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Pages.Applications;

/// <summary>
/// Staff intake (DOMAIN §4.1): scan the form's QR code (the scanner types the application ID and
/// Enter), the register fills in the person, the clerk records the channel, attaches the photo
/// (mailed, from a booth, or taken on the spot with the tablet) and the wishes.
/// </summary>
[RequestSizeLimit(12 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 12 * 1024 * 1024)]
[RequirePermission(Permission.ApplicationsTake)]
public sealed class IntakeModel(MunicipalScope scope, MynaRuntime runtime) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ApplicationId { get; set; }
    [BindProperty] public ApplicationChannel Channel { get; set; } = ApplicationChannel.Mail;
    [BindProperty] public IFormFile? Photo { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public bool SignatureCertificate { get; set; } = true;
    [BindProperty] public bool UserCertificate { get; set; } = true;
    [BindProperty] public bool Braille { get; set; }
    [BindProperty] public string? LegalRepresentative { get; set; }

    public FormPrefill? Form { get; private set; }
    public List<ApplicationProblem> Problems { get; } = [];
    public ApplicationReceipt? Receipt { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(ApplicationId))
        {
            await FindAsync(ct);
        }
    }

    /// <summary>Step 1: the scanned application ID.</summary>
    [HandlerPermission(Permission.ApplicationsTake)]
    public async Task OnPostFindAsync(CancellationToken ct) => await FindAsync(ct);

    /// <summary>Step 2: the application itself.</summary>
    [HandlerPermission(Permission.ApplicationsTake)]
    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken ct)
    {
        await FindAsync(ct);
        if (Form is null)
        {
            return Page();
        }
        if (!Core.Applications.StaffChannels.All.Contains(Channel))
        {
            Problems.Add(new("channel", ApplicationMessages.Channel));
            return Page();
        }
        var photo = await PublicApplications.ReadPhotoAsync(Photo, ct);
        try
        {
            Receipt = await runtime.ApplicationDesk(scope.Code).SubmitAsync(scope.Db, scope.Code, new ApplicationInput(Form.ApplicationId, Channel, photo,
                Email, Phone, SignatureCertificate, UserCertificate, Braille, Consent: true, LegalRepresentative), scope.Actor, ct);
        }
        catch (ApplicationRejectedException e)
        {
            Problems.AddRange(e.Problems);
        }
        return Page();
    }

    private async Task FindAsync(CancellationToken ct)
    {
        var (form, problem) = await runtime.ApplicationDesk(scope.Code).FindFormAsync(scope.Db, scope.Code, ApplicationId?.Trim(),
            scope.Reader.MaySeeProtected, scope.Actor, ct);
        Form = form;
        if (problem is not null)
        {
            Problems.Add(problem);
        }
    }
}
