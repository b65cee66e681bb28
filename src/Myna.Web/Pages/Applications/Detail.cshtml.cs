using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Applications;
using Myna.Core.Calendar;
using Myna.Core.Issuance;
using Myna.Core.Staff;
using Myna.Hosting;
using Myna.Municipal.Applications;
using Myna.Municipal.Issuance;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Pages.Applications;

/// <summary>One application: register data at hand, the photo for the human checks (§4.3), history, deficiency notice.</summary>
[RequirePermission(Permission.ApplicationsRead)]
public sealed class DetailModel(MunicipalScope scope, MynaRuntime runtime, UiText text) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    public ApplicationDetails? Details { get; private set; }
    public string? Error { get; private set; }
    public bool MayReview => User.Has(Permission.ApplicationsReview);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    /// <summary>Where the PINs of a window application stand, for the page's poll while the resident is at the pad (never a PIN).</summary>
    public async Task<IActionResult> OnGetPinStatusAsync(CancellationToken ct)
    {
        var pins = await scope.Db.PinRequests.AsNoTracking().Where(r => r.CardApplicationId == Id).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        if (pins is null)
        {
            return NotFound();
        }
        return new JsonResult(new
        {
            ended = pins.EnteredAt is not null,
            status = pins.EnteredAt is null ? text.Format("window.pins.waiting", pins.Desk)
                : "✓ " + text[pins.AppliedAt is null ? "winapp.pins.sealed" : "winapp.pins.applied"],
        });
    }

    [HandlerPermission(Permission.ApplicationsReview)]
    public async Task<IActionResult> OnPostReviewAsync(bool pass, string[]? reasons, string? note, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        try
        {
            await runtime.ApplicationDesk(scope.Code).ReviewAsync(scope.Db, scope.Code, Id, pass, reasons ?? [], note, scope.Actor, ct);
        }
        catch (ApplicationRejectedException e)
        {
            Error = string.Join(" ", e.Problems.Select(p => text[p.Text]));
            return await LoadAsync(ct) ? Page() : NotFound();
        }
        // Straight on to the next application waiting for review, confirming at the top what was
        // recorded, with the deficiency letter to print (a failed photo) or the application (a pass).
        var (next, _) = await ApplicationQueries.ListAsync(scope.Db, ApplicationStatus.Received, 1, ct);
        var name = Details?.Resident.FullName ?? "";
        var outcome = text.Format(pass ? "flash.review.pass" : "flash.review.fail", name) + " " + text[next.Count > 0 ? "flash.review.next" : "flash.review.empty"];
        this.Confirm(outcome, pass ? $"/applications/{Id}" : $"/api/v1/applications/{Id}/deficiency-notice",
            text[pass ? "flash.review.open" : "deficiency.pdf"], document: !pass, testId: "review-saved");
        return next.Count > 0 ? RedirectToPage(new { id = next[0].Id }) : RedirectToPage("Index", new { status = ApplicationStatus.Received });
    }

    /// <summary>申請時来庁方式 (§4.1): the applicant's identity by the §6.5 checklist, and whether the card goes by restricted-delivery mail.</summary>
    [HandlerPermission(Permission.ApplicationsTake)]
    public async Task<IActionResult> OnPostIdentityAsync(bool mailCard, CancellationToken ct)
    {
        var verification = IdentityChecklist.Read(Request.Form, byProxy: false, JapanClock.Today(runtime.Time));
        try
        {
            Identity = await runtime.WindowApplications(scope.Code).VerifyAsync(scope.Db, Id, verification, VerificationCaseJson.Write(verification), mailCard,
                scope.Actor, ct);
        }
        catch (CardSafeException e)
        {
            Error = Refusals.Say(text, e);
        }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    /// <summary>Opens the desk's PIN pad for the applicant: the PINs are kept sealed until the card is set up.</summary>
    [HandlerPermission(Permission.ApplicationsTake)]
    public async Task<IActionResult> OnPostPinsAsync(CancellationToken ct)
    {
        try
        {
            await runtime.WindowApplications(scope.Code).RequestPinsAsync(scope.Db, Id, Window.IndexModel.DeskOf(Request, 0), ct);
        }
        catch (CardSafeException e)
        {
            Error = Refusals.Say(text, e);
        }
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public VerificationResult? Identity { get; private set; }
    public PinRequest? Pins { get; private set; }
    public int Desk => Window.IndexModel.DeskOf(Request, 0);

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Details = await ApplicationQueries.GetAsync(scope.Db, Id, runtime.AddressRule(scope.Code), scope.Reader, "application page", ct);
        Pins = await scope.Db.PinRequests.AsNoTracking().Where(r => r.CardApplicationId == Id).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        return Details is not null;
    }
}
