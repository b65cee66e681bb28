using Microsoft.AspNetCore.Mvc.RazorPages;
using Myna.Core.Staff;
using Myna.Hosting;
using Myna.Municipal.Reports;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Pages.Reports;

/// <summary>The supervisor's dashboard: today's numbers, each linking to the list it counts.</summary>
[RequirePermission(Permission.ReportsRead)]
public sealed class DashboardModel(MynaRuntime runtime, MunicipalScope scope) : PageModel
{
    public DashboardFigures? Figures { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Figures = await runtime.DashboardAsync(scope.Db, scope.Code, ct);
}
