using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Applications;
using Myna.Core.Calendar;
using Myna.Core.Contracts;
using Myna.Core.Issuance;
using Myna.Core.Staff;
using Myna.Core.Text.Messages;
using Myna.Documents.Issuance;
using Myna.Hosting;
using Myna.Municipal.Issuance;
using Myna.Municipal.Lifecycle;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Pages.Window;

/// <summary>
/// One hand-over on one screen (DOMAIN §6.4): the holder and the application photo at the top,
/// then identity (a checklist the §6.5 engine evaluates, naming what is missing), the checks, the
/// PIN pad's progress (never a PIN), and the hand-over. Nothing the system already knows is typed. An unticked check
/// only says which; stopping the hand-over is its own step with a reason and a confirmation. While the PIN pad is in use
/// the page asks for the status (<see cref="OnGetStatusAsync"/>) instead of reloading, so nothing typed is lost.
/// </summary>
[RequirePermission(Permission.WindowIssue)]
public sealed class IssuanceModel(MynaRuntime runtime, MunicipalScope scope, UiText text) : PageModel
{
    public WindowCase Case { get; private set; } = null!;
    public long ApplicationRowId { get; private set; }
    public string? Error { get; private set; }
    public VerificationResult? Result { get; private set; }
    /// <summary>The checks left unticked by the last submit (nothing was recorded); the page marks them and keeps the ticked ones.</summary>
    public IReadOnlyList<WindowCheck> Unticked { get; private set; } = [];
    /// <summary>The stop form as the clerk filled it (kept after an error, a confirmation or "back").</summary>
    public IssuanceStopReason? StopReason { get; private set; }
    public string? StopNote { get; private set; }
    public Message? StopError { get; private set; }
    /// <summary>The stop form's field <see cref="StopError"/> is about: <c>reason</c> or <c>note</c>.</summary>
    public string? StopErrorField { get; private set; }
    /// <summary>The stop form is shown open (an error, or back from the confirmation).</summary>
    public bool StopOpen { get; private set; }
    /// <summary>The confirmation step: the stop is checked and shown with the bookings it would release, not yet stored.</summary>
    public bool ConfirmingStop { get; private set; }
    public IReadOnlyList<string> BookingsToRelease { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await TryLoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>Step 2: the checklist as posted becomes a §6.5 case; the engine decides.</summary>
    [HandlerPermission(Permission.WindowIssue)]
    public async Task<IActionResult> OnPostVerifyAsync(long id, bool byProxy, string? proxyName, string? proxyReason, CancellationToken ct)
    {
        var verification = IdentityChecklist.Read(Request.Form, byProxy, JapanClock.Today(runtime.Time));
        return await StepAsync(id, async desk => Result = await desk.VerifyIdentityAsync(scope.Db, id, verification, VerificationCaseJson.Write(verification),
            proxyName, proxyReason, ct), redirect: false, ct);
    }

    /// <summary>Step 2–3: the photo against the person, the card face, the register against the documents; an unticked one is only named.</summary>
    [HandlerPermission(Permission.WindowIssue)]
    public Task<IActionResult> OnPostChecksAsync(long id, bool photo, bool face, bool register, CancellationToken ct) =>
        StepAsync(id, async _ => Unticked = (await WindowDesk.RecordChecksAsync(scope.Db, id, photo, face, register, ct)).Unticked, redirect: false, ct);

    /// <summary>Steps 5–6: the hand-over.</summary>
    [HandlerPermission(Permission.WindowIssue)]
    public Task<IActionResult> OnPostCompleteAsync(long id, bool alternativeCharacters, bool juki, bool notificationCard, CancellationToken ct) =>
        StepAsync(id, desk => desk.CompleteAsync(scope.Db, id, alternativeCharacters, juki, notificationCard, scope.Actor, ct), redirect: true, ct);

    /// <summary>
    /// Stopping the hand-over, in two posts: the reason and note are checked and shown for confirmation with the booking
    /// the stop releases (nothing stored); only <paramref name="confirmed"/> stores the stop. <paramref name="edit"/> goes
    /// back to the form as filled.
    /// </summary>
    [HandlerPermission(Permission.WindowIssue)]
    public async Task<IActionResult> OnPostStopAsync(long id, string? reason, string? note, bool confirmed, bool edit, CancellationToken ct)
    {
        StopReason = Enum.TryParse<IssuanceStopReason>(reason, out var chosen) && Enum.IsDefined(chosen) ? chosen : null;
        StopNote = note;
        if (edit)
        {
            StopOpen = true;
            return await TryLoadAsync(id, ct) ? Page() : NotFound();
        }
        try
        {
            WindowIssuance.CheckStop(StopReason, note);
            if (confirmed)
            {
                return await StepAsync(id, desk => desk.StopAsync(scope.Db, id, StopReason, note, scope.Actor, ct), redirect: true, ct);
            }
        }
        catch (MessageException e)
        {
            (StopError, StopErrorField, StopOpen) = (e.Text, e.Field, true);
            return await TryLoadAsync(id, ct) ? Page() : NotFound();
        }
        if (!await TryLoadAsync(id, ct))
        {
            return NotFound();
        }
        ConfirmingStop = Case.Issuance.Outcome == IssuanceOutcome.InProgress;
        BookingsToRelease = await WindowDesk.BookingsToReleaseAsync(scope.Db, Case.Card.Id, ct);
        return Page();
    }

    /// <summary>
    /// Where the hand-over stands, for the page's poll while the resident is at the PIN pad: the status words in the
    /// reader's language and whether the hand-over may go on — never a PIN, and no address (nothing to audit).
    /// </summary>
    public async Task<IActionResult> OnGetStatusAsync(long id, CancellationToken ct)
    {
        WindowCase c;
        try
        {
            c = await WindowDesk.CaseAsync(scope.Db, id, ct);
        }
        catch (CardSafeException)
        {
            return NotFound();
        }
        var i = c.Issuance;
        var pinsSet = i.PinsSetAt is not null;
        var ended = i.Outcome != IssuanceOutcome.InProgress;
        return new JsonResult(new
        {
            pinsSet,
            ended,
            status = ended ? text["window.pins.ended"] : pinsSet ? text["window.pins.done"] : text.Format("window.pins.waiting", i.Desk),
            refusals = i.PinRefusals > 0 ? text.Format("window.pins.refusals", i.PinRefusals) : null,
        });
    }

    /// <summary>One step: a refusal is shown on the same screen; a finished hand-over is reloaded so a refresh does not post again.</summary>
    private async Task<IActionResult> StepAsync(long id, Func<WindowDesk, Task> step, bool redirect, CancellationToken ct)
    {
        try
        {
            await step(runtime.WindowDesk(scope.Code));
            if (redirect)
            {
                return Redirect($"/window/{id}");
            }
        }
        catch (CardSafeException e)
        {
            Error = Refusals.Say(text, e);
        }
        catch (MessageException e)
        {
            (StopError, StopErrorField, StopOpen) = (e.Text, e.Field, true);
        }
        return await TryLoadAsync(id, ct) ? Page() : NotFound();
    }

    /// <summary>The PIN memo sheet: which PINs the card has and blank boxes for the resident to write them in — never the PINs.</summary>
    public async Task<IActionResult> OnGetMemoAsync(long id, [FromServices] ICardLifecycle national, CancellationToken ct)
    {
        if (!await TryLoadAsync(id, ct))
        {
            return NotFound();
        }
        // §7.2: the certificates' expiry as the national side issued them (CertificateProfiles owns the rule), never recomputed here.
        var standing = await national.StandingAsync(scope.Code, Case.Card.Serial, ct);
        var pdf = PinMemoPdf.Render(new PinMemo(Case.Card.FullName, Case.Card.Expiry, CardLifecycleDesk.CertificatesExpiry(standing),
            Case.Card.SignatureCertificate, scope.Municipality.Name));
        return new InlinePdf(pdf, $"pin-memo-{id}.pdf");
    }

    /// <summary>Loads the hand-over; false when there is none with this id (an old link, a typed address).</summary>
    private async Task<bool> TryLoadAsync(long id, CancellationToken ct)
    {
        try
        {
            await LoadAsync(id, ct);
            return true;
        }
        catch (CardSafeException)
        {
            return false;
        }
    }

    private async Task LoadAsync(long id, CancellationToken ct)
    {
        Case = await runtime.WindowDesk(scope.Code).ShowAsync(scope.Db, id, scope.Reader, ct);
        ApplicationRowId = await scope.Db.Cards.AsNoTracking().Where(c => c.Id == Case.Card.Id).Select(c => c.CardApplicationId).FirstAsync(ct);
        if (Result is null && Case.Issuance.VerificationMethod is { } method)
        {
            Result = new VerificationResult(true, method, []);
        }
    }

    public bool Under15 => ApplicationRules.IsUnder15(Case.Card.BirthDate, JapanClock.Today(runtime.Time));
}
