using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Myna.Core.Applications;
using Myna.Core.Staff;
using Myna.Data.Applications;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Pages.Applications;

/// <summary>Applications by status, oldest first; the review queue is the "received" tab.</summary>
[RequirePermission(Permission.ApplicationsRead)]
public sealed class IndexModel(MunicipalScope scope) : PageModel
{
    [BindProperty(SupportsGet = true)] public ApplicationStatus? Status { get; set; } = ApplicationStatus.Received;
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    public List<ApplicationListItem> Items { get; private set; } = [];
    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => (Items, Total) = await ApplicationQueries.ListAsync(scope.Db, Status, PageNumber, ct);
}
