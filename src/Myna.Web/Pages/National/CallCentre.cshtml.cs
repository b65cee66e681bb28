using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Myna.Core.Calendar;
using Myna.Core.Lifecycle;
using Myna.Core.Staff;
using Myna.Core.Text.Messages;
using Myna.Hosting;
using Myna.National.Cards;
using Myna.Web.Security;

namespace Myna.Web.Pages.National;

/// <summary>
/// The 24/365 call centre console (DOMAIN §8.3): the operator checks the caller against the four
/// information and suspends the card and its certificates at once; the caller is given the reference.
/// </summary>
[RequirePermission(Permission.NationalCallCentre)]
public sealed class CallCentreModel(MynaRuntime runtime) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? BirthDate { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public int Sex { get; set; }
    [BindProperty] public string? Caller { get; set; } = "本人";
    [BindProperty] public bool Theft { get; set; }

    public IReadOnlyList<CallCentreCase> Suspended { get; private set; } = [];
    public IReadOnlyList<CallCentreCase> Cases { get; private set; } = [];
    /// <summary>Which item to ask again (DOMAIN §8.3), in the catalogue's words; never what a card holds.</summary>
    public Message? Error { get; private set; }
    /// <summary>The form field the error is about: marked, and given the focus so the operator can correct it.</summary>
    public string? ErrorField { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Cases = await runtime.CallCentre().CasesAsync(ct: ct);

    [HandlerPermission(Permission.NationalCallCentre)]
    public async Task OnPostAsync(CancellationToken ct)
    {
        if (!JapaneseDate.TryParse(BirthDate, out var birth, out _))
        {
            (Error, ErrorField) = (CallCentreMessages.BirthDateUnreadable, "birthDate");
        }
        else
        {
            try
            {
                Suspended = await runtime.CallCentre().SuspendAsync(new LossReport(Name ?? "", birth, Address ?? "", Sex, Caller ?? "", Theft), User.Identity!.Name!, ct);
                // Done: the form is cleared for the next call (the posted values would otherwise be written back into it).
                ModelState.Clear();
                Name = BirthDate = Address = null;
                Sex = 0;
                Caller = "本人";
                Theft = false;
            }
            catch (CallCentreException e)
            {
                (Error, ErrorField) = (e.Text, e.Field);
            }
        }
        Cases = await runtime.CallCentre().CasesAsync(ct: ct);
    }

    /// <summary>Whether <paramref name="field"/> is the one to correct.</summary>
    public bool Invalid(string field) => ErrorField == field;
}
