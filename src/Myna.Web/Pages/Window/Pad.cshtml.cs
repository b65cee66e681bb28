using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Myna.Core.Contracts;
using Myna.Data;
using Myna.Data.Issuance;
using Myna.Web.Infrastructure;

namespace Myna.Web.Pages.Window;

/// <summary>
/// The resident-facing PIN pad of a desk (DOMAIN §6.4 step 4, §6.6): the resident types each PIN
/// twice; the PINs go to the chip and are never shown again, stored or logged. A refusal explains
/// the §6.6 rule in words the resident understands. The clerk's screen only learns that the PINs are set.
/// </summary>
public sealed class PadModel(MynaRuntime runtime, MunicipalScope scope) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Desk { get; set; }
    public PadRequest? Waiting { get; private set; }
    public PinSetting? Outcome { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Desk = IndexModel.DeskOf(Request, Desk);
        Waiting = await WindowDesk.PadRequestAsync(scope.Db, Desk, ct);
    }

    public async Task<IActionResult> OnPostAsync(long issuanceId, long? pinRequestId, string? pin, string? pinAgain, string? signaturePin, string? signaturePinAgain,
        CancellationToken ct)
    {
        Desk = IndexModel.DeskOf(Request, Desk);
        try
        {
            // A hand-over sets the PINs on the card now; an application at the window keeps them sealed until its card is set up.
            Outcome = pinRequestId is { } request
                ? await runtime.WindowApplications(scope.Code).StorePinsAsync(scope.Db, request, pin ?? "", pinAgain ?? "", signaturePin, signaturePinAgain, ct)
                : await runtime.WindowDesk(scope.Code).SubmitPinsAsync(scope.Db, issuanceId, pin ?? "", pinAgain ?? "", signaturePin, signaturePinAgain,
                    "pinpad:" + scope.Actor, ct);
        }
        catch (CardSafeException e)
        {
            Error = e.Message;
        }
        Waiting = await WindowDesk.PadRequestAsync(scope.Db, Desk, ct);
        return Page();
    }
}
