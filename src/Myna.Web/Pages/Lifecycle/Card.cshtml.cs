using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Calendar;
using Myna.Core.Contracts;
using Myna.Core.Issuance;
using Myna.Core.Lifecycle;
using Myna.Core.Residents;
using Myna.Core.Staff;
using Myna.Hosting;
using Myna.Municipal.Lifecycle;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Pages.Lifecycle;

/// <summary>
/// A resident's card at the window (DOMAIN §8): its standing on the national side (suspension,
/// certificates), and the steps a clerk takes — lift a loss suspension after identity verification,
/// abolish a lost card with the police report and start its reissue, start a reissue or a renewal with
/// its fee and receipt, renew the certificates, reset a PIN on the desk's pad, or take a card back.
/// </summary>
[RequirePermission(Permission.ResidentsRead)]
public sealed class CardModel(MynaRuntime runtime, MunicipalScope scope, UiText text) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }
    [BindProperty(SupportsGet = true)] public long? ResetId { get; set; }

    public Resident? Resident { get; private set; }
    public HeldCard? Held { get; private set; }
    public CardStanding? Standing { get; private set; }
    public List<HeldCard> Cards { get; private set; } = [];
    public List<Replacement> Replacements { get; private set; } = [];
    public PinReset? Reset { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<Myna.Core.Text.Messages.Message> Missing { get; private set; } = [];
    public DateOnly Today => JapanClock.Today(runtime.Time);
    public bool MayAct => User.Has(Permission.LifecycleAct);

    private CardLifecycleDesk Desk => runtime.LifecycleDesk(scope.Code);

    /// <summary>
    /// What the clerk typed in a field of the form posted to one of <paramref name="handlers"/>, when the page is shown again
    /// after that post was refused (nothing typed is lost); null on a first showing or after another form.
    /// </summary>
    public string? Posted(string name, params string[] handlers) =>
        Request.HasFormContentType && handlers.Contains((string?)Request.Query["handler"], StringComparer.OrdinalIgnoreCase) ? Request.Form[name].FirstOrDefault() : null;

    /// <summary>Whether the form of one of <paramref name="handlers"/> was posted (its unticked boxes are then unticked on purpose).</summary>
    public bool WasPosted(params string[] handlers) =>
        Request.HasFormContentType && handlers.Contains((string?)Request.Query["handler"], StringComparer.OrdinalIgnoreCase);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    /// <summary>
    /// Where a PIN reset stands, for the page's poll while the holder is at the pad: the status words in the reader's
    /// language — never a PIN. Only a reset of this resident's card is answered.
    /// </summary>
    public async Task<IActionResult> OnGetResetStatusAsync(long resetId, CancellationToken ct)
    {
        var reset = await CardLifecycleDesk.ResetAsync(scope.Db, resetId, ct);
        if (reset is null || !await scope.Db.HeldCards.AnyAsync(h => h.Id == reset.HeldCardId && h.ResidentId == Id, ct))
        {
            return NotFound();
        }
        var text = UiText.For(HttpContext);
        var ended = reset.DoneAt is not null || reset.Cancelled;
        return new JsonResult(new
        {
            ended,
            status = reset.DoneAt is { } at ? "✓ " + text.Format("life.pin.reset.done", Display.Time(at, text))
                : reset.Cancelled ? text["life.pin.reset.cancelled"] : text.Format("life.pin.reset.waiting", reset.Desk),
            refusals = reset.Refusals > 0 ? text.Format("life.pin.reset.refusals", reset.Refusals) : null,
        });
    }

    [HandlerPermission(Permission.LifecycleAct)]
    public Task<IActionResult> OnPostLiftAsync(CancellationToken ct) =>
        ActAsync(async held => await Desk.LiftSuspensionAsync(scope.Db, held.Id, IdentityChecklist.Read(Request.Form, false, Today), scope.Actor, ct), "lifted", ct);

    [HandlerPermission(Permission.LifecycleAct)]
    public Task<IActionResult> OnPostAbolishLostAsync(string? policeReport, ReissueCause cause, CancellationToken ct) =>
        ActAsync(async held => await Desk.AbolishLostAsync(scope.Db, held.Id, policeReport ?? "", cause, scope.Actor, ct), "abolished", ct);

    [HandlerPermission(Permission.LifecycleAct)]
    public Task<IActionResult> OnPostReturnAsync(string? reason, CancellationToken ct) =>
        ActAsync(async held =>
        {
            if (string.IsNullOrWhiteSpace(reason))
            {
                throw new LifecycleException(text["life.return.reason.required"]);
            }
            await Desk.ReturnAsync(scope.Db, held.Id, reason, scope.Actor, ct);
        }, "returned", ct);

    [HandlerPermission(Permission.LifecycleAct)]
    public Task<IActionResult> OnPostReplacementAsync(ReplacementKind kind, ReissueCause cause, string? note, CancellationToken ct) =>
        ActAsync(async _ => await Desk.StartReplacementAsync(scope.Db, Id, kind, cause, scope.Actor, note, ct: ct), "replacement", ct, needsCard: false);

    [HandlerPermission(Permission.LifecycleAct)]
    public Task<IActionResult> OnPostRenewCertificatesAsync(bool signature, CancellationToken ct) =>
        ActAsync(async held =>
        {
            var needsPin = await Desk.RenewCertificatesAsync(scope.Db, held.Id, IdentityChecklist.Read(Request.Form, false, Today), signature, scope.Actor, ct);
            Done = needsPin ? "renewed-set-pin" : "renewed";
        }, null, ct);

    [HandlerPermission(Permission.LifecycleAct)]
    public async Task<IActionResult> OnPostPinResetAsync(PinKind kind, int desk, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        try
        {
            var held = Held ?? throw new LifecycleException(text["life.none"]);
            var reset = await Desk.RequestPinResetAsync(scope.Db, held.Id, kind, desk, IdentityChecklist.Read(Request.Form, false, Today), scope.Actor, ct);
            return RedirectToPage(new { id = Id, resetId = reset.Id });
        }
        catch (LifecycleException e)
        {
            (Error, Missing) = (Refusals.Say(text, e), e.Missing);
            return Page();
        }
    }

    /// <summary>The fee receipt of a reissue or renewal (§8.4), as a PDF.</summary>
    [HandlerPermission(Permission.LifecycleAct)]
    public async Task<IActionResult> OnGetReceiptAsync(long replacementId, CancellationToken ct)
    {
        var r = await scope.Db.Replacements.AsNoTracking().FirstOrDefaultAsync(x => x.Id == replacementId && x.ResidentId == Id, ct);
        var resident = await scope.Db.Residents.AsNoTracking().FirstOrDefaultAsync(x => x.Id == Id, ct);
        if (r is null || resident is null)
        {
            return NotFound();
        }
        var pdf = Documents.Lifecycle.LifecycleDocuments.Receipt(new Documents.Lifecycle.FeeReceipt(r.ReceiptNumber, r.ChargedOn, resident.FullName,
            r.Kind == ReplacementKind.Renewal ? "マイナンバーカードの更新" : "マイナンバーカードの再交付", ReissueFees.Japanese(r.Cause), r.CardFeeYen,
            r.CertificateFeeYen, r.SubsidyEligible, r.ApplicationId, scope.Municipality.Name));
        return new InlinePdf(pdf, r.ReceiptNumber + ".pdf");
    }

    private async Task<IActionResult> ActAsync(Func<HeldCard, Task> act, string? done, CancellationToken ct, bool needsCard = true)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if (!MayAct)
        {
            Error = text["event.forbidden"];
            return Page();
        }
        try
        {
            await act(Held ?? (needsCard ? throw new LifecycleException(text["life.none"]) : null!));
        }
        catch (Exception e) when (e is LifecycleException or ContractRefusedException)
        {
            (Error, Missing) = (Refusals.Say(text, e), e is LifecycleException l ? l.Missing : []);
            return Page();
        }
        return RedirectToPage(new { id = Id, done = done ?? Done });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Resident = await scope.Db.Residents.AsNoTracking().FirstOrDefaultAsync(r => r.Id == Id, ct);
        if (Resident is null)
        {
            return false;
        }
        Cards = await scope.Db.HeldCards.AsNoTracking().Where(h => h.ResidentId == Id).OrderByDescending(h => h.Id).ToListAsync(ct);
        Held = Cards.FirstOrDefault(h => h.State == HeldCardState.Valid);
        Standing = Held is null ? null : await runtime.CardLifecycle().StandingAsync(scope.Code, Held.Serial, ct);
        Replacements = await scope.Db.Replacements.AsNoTracking().Where(r => r.ResidentId == Id).OrderByDescending(r => r.Id).ToListAsync(ct);
        Reset = ResetId is { } resetId ? await CardLifecycleDesk.ResetAsync(scope.Db, resetId, ct) : null;
        return true;
    }
}
