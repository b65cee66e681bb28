using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Calendar;
using Myna.Core.Protection;
using Myna.Core.Staff;
using Myna.Data;
using Myna.Data.Residents;
using Myna.Web.Infrastructure;

namespace Myna.Web.Pages.Residents;

/// <summary>
/// A resident's page: register data, household, history, and the masked number. A clerk may
/// show the number in full by choosing a registered purpose; the display is audited before the
/// page is sent (DOMAIN §12), and the number is rendered into this response only.
/// </summary>
public sealed class DetailModel(ResidentServices services, MunicipalScope scope, MynaRuntime runtime, UiText text) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }

    public ResidentDetails? Details { get; private set; }
    public Dictionary<long, string> Relationships { get; private set; } = [];
    public string? Revealed { get; private set; }
    public string? RevealedPurpose { get; private set; }
    public string? Error { get; private set; }
    public DateOnly Today => JapanClock.Today(runtime.Time);
    public IReadOnlyList<NumberPurpose> Purposes => runtime.Purposes.All;
    public bool MayReveal => StaffRoles.MayRevealNumbers.Any(User.IsInRole);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRevealAsync(string? purpose, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if (!MayReveal)
        {
            Error = text["number.forbidden"];
            return Page();
        }
        if (!runtime.Purposes.TryGet(purpose, out var p))
        {
            Error = text["number.purpose.choose"];
            return Page();
        }
        var number = await services.Queries.RevealAsync(scope.Db, Id, p.Code, scope.Actor, ct);
        Revealed = number.FormatFull();
        RevealedPurpose = text.IsEnglish ? p.NameEn : p.NameJa;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Details = await ResidentQueries.GetAsync(scope.Db, Id, ct);
        if (Details is null)
        {
            return false;
        }
        var ids = Details.Household.Select(h => h.Id).ToList();
        Relationships = await scope.Db.Residents.AsNoTracking().Where(r => ids.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, r => r.Relationship, ct);
        return true;
    }
}
