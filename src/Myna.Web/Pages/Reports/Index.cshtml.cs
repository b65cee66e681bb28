using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Calendar;
using Myna.Core.Statistics;
using Myna.Data;
using Myna.Data.Reports;
using Myna.Web.Infrastructure;

namespace Myna.Web.Pages.Reports;

/// <summary>
/// Reports (DOMAIN §11): the operations report of a period, printable in the state's layout; issuance
/// rates and rankings of imported figures with a ranking chart and CSV export, beside this
/// municipality's own rate; the issuance planner with its what-ifs side by side and a chart.
/// </summary>
public sealed class IndexModel(MynaRuntime runtime, MunicipalScope scope) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public int Windows { get; set; } = 2;
    [BindProperty(SupportsGet = true)] public double ServiceMinutes { get; set; }
    [BindProperty(SupportsGet = true)] public double HoursPerDay { get; set; } = 7;
    [BindProperty(SupportsGet = true)] public int DaysPerWeek { get; set; } = 5;
    [BindProperty(SupportsGet = true)] public int? Backlog { get; set; }

    public OperationsFigures? Operations { get; private set; }
    public string? OperationsText { get; private set; }
    public RatedArea? OwnRate { get; private set; }
    public List<RatedArea> Rates { get; private set; } = [];
    public List<(string Name, IssuancePlan Plan)> Plans { get; private set; } = [];
    public string? Error { get; private set; }
    public DateOnly Today => JapanClock.Today(runtime.Time);

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    /// <summary>Rates of an uploaded figures file; <paramref name="format"/> csv downloads them instead.</summary>
    public async Task<IActionResult> OnPostRatesAsync(IFormFile? figures, string? format, CancellationToken ct)
    {
        if (figures is null || figures.Length == 0)
        {
            Error = "choose a figures CSV (name, population…, cards_issued…)";
        }
        else
        {
            try
            {
                using var reader = new StreamReader(figures.OpenReadStream(), Encoding.UTF8);
                var areas = IssuanceRates.ReadCsv(reader);
                Rates = IssuanceRates.Rank(areas);
                if (!areas.Any(a => a.Name == IssuanceRates.Nation))
                {
                    Rates.Add(IssuanceRates.Rank([IssuanceRates.Total(areas)]).Single());
                }
                if (RatesFile(Rates, format, scope.Municipality.Name) is { } file)
                {
                    return file;
                }
            }
            catch (FormatException e)
            {
                Error = e.Message;
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The rates as a download: CSV, an Excel workbook or the printable PDF (chart and table); null for the page.</summary>
    internal static FileContentResult? RatesFile(IReadOnlyList<RatedArea> rates, string? format, string author) => format switch
    {
        "csv" => new FileContentResult(Encoding.UTF8.GetBytes(IssuanceRates.ToCsv(rates)), "text/csv; charset=utf-8") { FileDownloadName = "issuance-rates.csv" },
        "xlsx" => new FileContentResult(Documents.Reports.IssuanceRatesReport.Xlsx(rates), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            { FileDownloadName = "issuance-rates.xlsx" },
        "pdf" => new FileContentResult(Documents.Reports.IssuanceRatesReport.Pdf(rates, author), "application/pdf") { FileDownloadName = "issuance-rates.pdf" },
        _ => null,
    };

    /// <summary>Cards handed over per month, the last twelve months (from the recorded hand-overs).</summary>
    public List<(string Month, int Issued)> IssuedByMonth { get; private set; } = [];

    private async Task LoadAsync(CancellationToken ct)
    {
        var firstMonth = new DateOnly(Today.Year, Today.Month, 1).AddMonths(-11);
        var issuedAt = await scope.Db.CardEvents.AsNoTracking().Where(e => e.State == Core.Issuance.CardState.Issued).Select(e => e.At).ToListAsync(ct);
        IssuedByMonth = Enumerable.Range(0, 12).Select(i => firstMonth.AddMonths(i)).Select(m => (m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            issuedAt.Count(at => DateOnly.FromDateTime(JapanClock.ToJapan(at).DateTime) is var d && d.Year == m.Year && d.Month == m.Month))).ToList();

        var from = JapaneseDate.TryParse(From, out var f, out _) ? f : new DateOnly(Today.Year, Today.Month, 1);
        var to = JapaneseDate.TryParse(To, out var t, out _) ? t : Today;
        (From, To) = (JapaneseDate.Format(from), JapaneseDate.Format(to));
        if (to < from)
        {
            Error = "the period ends before it starts";
            (from, to) = (to, from);
        }
        Operations = await OperationsReport.ComputeAsync(scope.Db, from, to, ct);
        OperationsText = OperationsReport.ToText(Operations, scope.Municipality.Name);

        // This municipality's own rate (§11.1): valid cards held ÷ people in the register today.
        var population = await scope.Db.Residents.CountAsync(r => r.Status == Core.Residents.ResidentStatus.Active, ct);
        var held = await scope.Db.HeldCards.CountAsync(h => h.State == Core.Lifecycle.HeldCardState.Valid, ct);
        OwnRate = population == 0 ? null : IssuanceRates.Rank([new AreaFigures(scope.Municipality.Prefecture + scope.Municipality.Name, population, held)]).Single();

        // The planner (§11.3): by default the measured median service time and the cards waiting in the safe.
        if (ServiceMinutes <= 0)
        {
            var measured = await OperationsReport.ComputeAsync(scope.Db, Today.AddDays(-90), Today, ct);
            ServiceMinutes = measured.MedianServiceMinutes is { } m && m >= 1 ? Math.Round(m, 1) : 30;
        }
        Backlog ??= (await Data.Issuance.CardSafe.InventoryAsync(scope.Db, ct)).Where(s => s.Key is Core.Issuance.CardState.InSafe or Core.Issuance.CardState.Ready
            or Core.Issuance.CardState.NoticeSent).Sum(s => s.Value);
        try
        {
            var b = Backlog.Value;
            Plans =
            [
                ("plan.base", IssuancePlanner.Plan(new WindowCapacity(Windows, ServiceMinutes, HoursPerDay, DaysPerWeek), b, Today)),
                ("plan.more-windows", IssuancePlanner.Plan(new WindowCapacity(Windows * 2, ServiceMinutes, HoursPerDay, DaysPerWeek), b, Today)),
                ("plan.weekends", IssuancePlanner.Plan(new WindowCapacity(Windows, ServiceMinutes, HoursPerDay, Math.Min(7, DaysPerWeek + 2)), b, Today)),
                ("plan.faster", IssuancePlanner.Plan(new WindowCapacity(Windows, Math.Max(1, Math.Round(ServiceMinutes * 2 / 3, 1)), HoursPerDay, DaysPerWeek), b, Today)),
            ];
        }
        catch (ArgumentException e)
        {
            Error = e.Message;
        }
    }
}
