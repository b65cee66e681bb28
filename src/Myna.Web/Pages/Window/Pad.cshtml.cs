using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Myna.Core.Contracts;
using Myna.Core.Staff;
using Myna.Hosting;
using Myna.Municipal.Issuance;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Pages.Window;

/// <summary>
/// The resident-facing PIN pad of a desk (DOMAIN §6.4 step 4, §6.6): the resident types each PIN
/// twice; the PINs go to the chip and are never shown again, stored or logged. A refusal explains
/// the §6.6 rule in words the resident understands. The clerk's screen only learns that the PINs are set.
/// </summary>
[RequirePermission(Permission.WindowIssue)]
public sealed class PadModel(MynaRuntime runtime, MunicipalScope scope, UiText text) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Desk { get; set; }
    public PadRequest? Waiting { get; private set; }
    public PinSetting? Outcome { get; private set; }
    public string? Error { get; private set; }
    /// <summary>A PIN reset waiting at this desk (DOMAIN §6.6), when no hand-over is.</summary>
    public (Core.Lifecycle.PinReset Reset, string FullName)? Reset { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Desk = IndexModel.DeskOf(Request, Desk);
        await LoadAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Waiting = await WindowDesk.PadRequestAsync(scope.Db, Desk, ct);
        Reset = Waiting is null ? await Myna.Municipal.Lifecycle.CardLifecycleDesk.PadResetAsync(scope.Db, Desk, ct) : null;
    }

    /// <summary>The holder's new PIN for a reset: checked on the national side, written to the chip, never shown again.</summary>
    [HandlerPermission(Permission.WindowIssue)]
    public async Task<IActionResult> OnPostResetAsync(long resetId, string? pin, string? pinAgain, CancellationToken ct)
    {
        Desk = IndexModel.DeskOf(Request, Desk);
        try
        {
            Outcome = await runtime.LifecycleDesk(scope.Code).SubmitPinResetAsync(scope.Db, resetId, pin ?? "", pinAgain ?? "", "pinpad:" + scope.Actor, ct);
        }
        catch (Myna.Municipal.Lifecycle.LifecycleException e)
        {
            Error = Refusals.Say(text, e);
        }
        await LoadAsync(ct);
        return Page();
    }

    [HandlerPermission(Permission.WindowIssue)]
    public async Task<IActionResult> OnPostAsync(long issuanceId, long? pinRequestId, string? pin, string? pinAgain, string? signaturePin, string? signaturePinAgain,
        string? inputAssistPin, string? inputAssistPinAgain, string? residentRegisterPin, string? residentRegisterPinAgain, CancellationToken ct)
    {
        Desk = IndexModel.DeskOf(Request, Desk);
        try
        {
            // A hand-over sets the PINs on the card now; an application at the window keeps them sealed until its card is set up.
            Outcome = pinRequestId is { } request
                ? await runtime.WindowApplications(scope.Code).StorePinsAsync(scope.Db, request, pin ?? "", pinAgain ?? "", signaturePin, signaturePinAgain, ct)
                : await runtime.WindowDesk(scope.Code).SubmitPinsAsync(scope.Db, issuanceId, new PadPins(pin ?? "", pinAgain ?? "", signaturePin, signaturePinAgain,
                    inputAssistPin, inputAssistPinAgain, residentRegisterPin, residentRegisterPinAgain), "pinpad:" + scope.Actor, ct);
        }
        catch (CardSafeException e)
        {
            Error = Refusals.Say(text, e);
        }
        await LoadAsync(ct);
        return Page();
    }
}
