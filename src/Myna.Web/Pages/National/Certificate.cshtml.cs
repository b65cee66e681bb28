using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Myna.Core.Staff;
using Myna.Hosting;
using Myna.National;
using Myna.National.Jpki;
using Myna.Pki.Authorities;
using Myna.Pki.Profiles;
using Myna.Pki.Verification;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Pages.National;

/// <summary>One certificate for J-LIS operators: its data, status history, and revoke / suspend / release (DOMAIN §7.4).</summary>
[RequirePermission(Permission.NationalCertificates)]
public sealed class CertificateModel(MynaRuntime runtime, UiText text) : PageModel
{
    /// <summary>The reasons an operator may choose; certificateHold is a suspension, not a revocation.</summary>
    public static readonly IReadOnlyList<RevocationReason> OperatorReasons =
        [RevocationReason.KeyCompromise, RevocationReason.AffiliationChanged, RevocationReason.Superseded, RevocationReason.CessationOfOperation, RevocationReason.Unspecified];

    [BindProperty(SupportsGet = true)] public string Ca { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Serial { get; set; } = "";
    [BindProperty] public RevocationReason? Reason { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public bool Confirm { get; set; }

    public CertificateDetail? Detail { get; private set; }
    public CaKind Kind { get; private set; }
    public string? Subject { get; private set; }
    public FourInformation? FourInformation { get; private set; }
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    [HandlerPermission(Permission.NationalCertificates)]
    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        if (Reason is not { } reason || !OperatorReasons.Contains(reason) || !Confirm)
        {
            Error = text[Reason is { } r && OperatorReasons.Contains(r) ? "national.confirm.required" : "national.reason.required"];
            return await LoadAsync(ct) ? Page() : NotFound();
        }
        return await ChangeAsync("national.done.revoked", (s, db, kind) => s.RevokeAsync(db, kind, Serial, reason, User.Identity!.Name!, Note, ct), ct);
    }

    [HandlerPermission(Permission.NationalCertificates)]
    public Task<IActionResult> OnPostSuspendAsync(CancellationToken ct) =>
        ChangeAsync("national.done.suspended", (s, db, kind) => s.SuspendAsync(db, kind, Serial, User.Identity!.Name!, Note, ct), ct);

    [HandlerPermission(Permission.NationalCertificates)]
    public Task<IActionResult> OnPostReleaseAsync(CancellationToken ct) =>
        ChangeAsync("national.done.released", (s, db, kind) => s.ReleaseAsync(db, kind, Serial, User.Identity!.Name!, Note, ct), ct);

    private async Task<IActionResult> ChangeAsync(string doneKey, Func<CertificateStatusService, NationalDb, CaKind, Task<IssuedCertificate>> change, CancellationToken ct)
    {
        if (!CaKinds.TryParseSlug(Ca, out var kind))
        {
            return NotFound();
        }
        try
        {
            await using var db = runtime.Stores.OpenNational();
            await change(runtime.CertificateStatus(), db, kind);
            Done = text[doneKey];
        }
        catch (IssuanceException e)
        {
            Error = NationalWords.Refusal(text, e);
        }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!CaKinds.TryParseSlug(Ca, out var kind))
        {
            return false;
        }
        Kind = kind;
        await using var db = runtime.Stores.OpenNational();
        Detail = await CertificateQueries.DetailAsync(db, kind, Serial.ToUpperInvariant(), ct);
        if (Detail?.Der is { } der)
        {
            using var x509 = X509CertificateLoader.LoadCertificate(der);
            Subject = Myna.Pki.Profiles.JpkiNames.Display(x509.SubjectName);
            FourInformation = CmsVerifier.FourInformationOf(x509);
        }
        return Detail is not null;
    }
}
