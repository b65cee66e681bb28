using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Myna.Core.Applications;
using Myna.Core.Staff;
using Myna.Municipal.Applications;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Pages.Applications;

/// <summary>Applications by status, oldest first; the review queue is the "received" tab.</summary>
[RequirePermission(Permission.ApplicationsRead)]
public sealed class IndexModel(MunicipalScope scope) : PageModel
{
    [BindProperty(SupportsGet = true)] public ApplicationStatus? Status { get; set; } = ApplicationStatus.Received;
    // "page" is Razor Pages' own route value (the page path), so the page number travels as "p".
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public List<ApplicationListItem> Items { get; private set; } = [];
    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A page number beyond the bounds shows the nearest page rather than an error.
        PageNumber = Math.Clamp(PageNumber, 1, Core.Text.Paging.MaxPage);
        (Items, Total) = await ApplicationQueries.ListAsync(scope.Db, Status, PageNumber, ct);
    }
}
