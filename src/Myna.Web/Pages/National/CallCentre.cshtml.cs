using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Myna.Core.Calendar;
using Myna.Core.Staff;
using Myna.Data;
using Myna.Data.Cards;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Pages.National;

/// <summary>
/// The 24/365 call centre console (DOMAIN §8.3): the operator checks the caller against the four
/// information and suspends the card and its certificates at once; the caller is given the reference.
/// </summary>
[RequirePermission(Permission.NationalCallCentre)]
public sealed class CallCentreModel(MynaRuntime runtime, UiText text) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? BirthDate { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public int Sex { get; set; }
    [BindProperty] public string? Caller { get; set; } = "本人";
    [BindProperty] public bool Theft { get; set; }

    public IReadOnlyList<CallCentreCase> Suspended { get; private set; } = [];
    public IReadOnlyList<CallCentreCase> Cases { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Cases = await runtime.CallCentre().CasesAsync(ct: ct);

    [HandlerPermission(Permission.NationalCallCentre)]
    public async Task OnPostAsync(CancellationToken ct)
    {
        if (!JapaneseDate.TryParse(BirthDate, out var birth, out _))
        {
            Error = text["national.error.cc.birth-date"];
        }
        else
        {
            try
            {
                Suspended = await runtime.CallCentre().SuspendAsync(new LossReport(Name ?? "", birth, Address ?? "", Sex, Caller ?? "", Theft), User.Identity!.Name!, ct);
                Name = BirthDate = Address = null;
                Sex = 0;
            }
            catch (CallCentreException e)
            {
                Error = NationalWords.Refusal(text, e);
            }
        }
        Cases = await runtime.CallCentre().CasesAsync(ct: ct);
    }
}
