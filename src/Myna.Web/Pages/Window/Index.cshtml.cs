using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Calendar;
using Myna.Core.Issuance;
using Myna.Core.Staff;
using Myna.Hosting;
using Myna.Municipal.Issuance;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Pages.Window;

/// <summary>
/// The issuance window's start (DOMAIN §6.4 step 1): scan the notice's QR code (or type its number
/// or the application ID) and the hand-over opens. The desk number ties the clerk's screen to the
/// resident-facing PIN pad beside it; it is kept in a cookie per workstation.
/// </summary>
[RequirePermission(Permission.WindowIssue)]
public sealed class IndexModel(MynaRuntime runtime, MunicipalScope scope, UiText text) : PageModel
{
    public const string DeskCookie = "myna-desk";

    [BindProperty] public string? Scan { get; set; }
    [BindProperty(SupportsGet = true)] public int Desk { get; set; }
    public string? Error { get; private set; }
    public List<(WindowIssuance Issuance, string Name)> Today { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Desk = DeskOf(Request, Desk);
        await LoadAsync(ct);
    }

    [HandlerPermission(Permission.WindowIssue)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Desk = Math.Clamp(Desk, 1, 99);
        Response.Cookies.Append(DeskCookie, Desk.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, MaxAge = TimeSpan.FromDays(365) });
        try
        {
            var started = await runtime.WindowDesk(scope.Code).StartAsync(scope.Db, Scan ?? "", Desk, scope.Actor, ct);
            return Redirect($"/window/{started.Issuance.Id}");
        }
        catch (CardSafeException e)
        {
            Error = Refusals.Say(text, e);
            await LoadAsync(ct);
            return Page();
        }
    }

    public static int DeskOf(HttpRequest request, int given) =>
        given > 0 ? Math.Clamp(given, 1, 99)
            : request.Cookies.TryGetValue(DeskCookie, out var d) && int.TryParse(d, out var desk) ? Math.Clamp(desk, 1, 99) : 1;

    private async Task LoadAsync(CancellationToken ct)
    {
        var since = new DateTimeOffset(JapanClock.Today(runtime.Time).ToDateTime(TimeOnly.MinValue), JapanClock.Offset);
        var rows = await scope.Db.WindowIssuances.AsNoTracking()
            .Join(scope.Db.Cards, i => i.CardId, c => c.Id, (i, c) => new { i, c.ResidentId })
            .Join(scope.Db.Residents, x => x.ResidentId, r => r.Id, (x, r) => new { x.i, r.FamilyName, r.GivenName })
            .OrderByDescending(x => x.i.Id).Take(200).ToListAsync(ct);
        Today = rows.Where(x => x.i.StartedAt >= since).Select(x => (x.i, x.FamilyName + "\u3000" + x.GivenName)).ToList();
    }
}
