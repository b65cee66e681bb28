using Microsoft.AspNetCore.Mvc.RazorPages;
using Myna.Core.Staff;
using Myna.Data;
using Myna.Data.Reports;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Pages.Reports;

/// <summary>The supervisor's dashboard: today's numbers, each linking to the list it counts.</summary>
[RequirePermission(Permission.ReportsRead)]
public sealed class DashboardModel(MynaRuntime runtime, MunicipalScope scope) : PageModel
{
    public DashboardFigures? Figures { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Figures = await Dashboard.ComputeAsync(scope.Db, runtime, scope.Code, ct);
}
