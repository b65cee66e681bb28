using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Calendar;
using Myna.Core.Staff;
using Myna.Core.Statistics;
using Myna.Core.Text.Messages;
using Myna.Hosting;
using Myna.Municipal.Reports;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Pages.Reports;

/// <summary>
/// Reports (DOMAIN §11): the operations report of a period, printable in the state's layout; issuance
/// rates and rankings of imported figures with a ranking chart and CSV export, beside this
/// municipality's own rate; the issuance planner with its what-ifs side by side and a chart.
/// </summary>
[RequirePermission(Permission.ReportsRead)]
public sealed class IndexModel(MynaRuntime runtime, MunicipalScope scope, UiText text) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public int? Windows { get; set; }
    [BindProperty(SupportsGet = true)] public double? ServiceMinutes { get; set; }
    [BindProperty(SupportsGet = true)] public double? HoursPerDay { get; set; }
    [BindProperty(SupportsGet = true)] public int? DaysPerWeek { get; set; }
    [BindProperty(SupportsGet = true)] public int? Backlog { get; set; }
    /// <summary>The show-up rate in percent, as the recorded summary shows it (§11.3).</summary>
    [BindProperty(SupportsGet = true)] public double? ShowUpPercent { get; set; }
    [BindProperty(SupportsGet = true)] public int TargetWaitDays { get; set; } = 14;

    /// <summary>What the records say (sessions, measured service time, backlog, show-up rate): the planner's defaults.</summary>
    public PlannerInputs? Recorded { get; private set; }
    public string? Message { get; private set; }

    /// <summary>Today's wave of issuance notices, sized by the plan (§6.2, §11.3).</summary>
    [HandlerPermission(Permission.NoticesSend)]
    public async Task<IActionResult> OnPostWaveAsync(int notices, CancellationToken ct)
    {
        var letters = await runtime.IssuanceNotices(scope.Code).SendWaveAsync(scope.Db, Today, scope.Actor, Math.Max(1, notices), ct);
        Message = $"{letters.Count}";
        await LoadAsync(ct);
        return Page();
    }

    public OperationsFigures? Operations { get; private set; }
    public string? OperationsText { get; private set; }
    public RatedArea? OwnRate { get; private set; }
    public List<RatedArea> Rates { get; private set; } = [];
    public List<RatedArea> HostRates { get; private set; } = [];
    public List<(string Name, IssuancePlan Plan)> Plans { get; private set; } = [];
    public string? Error { get; private set; }
    public DateOnly Today => JapanClock.Today(runtime.Time);

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    /// <summary>Rates of an uploaded figures file; <paramref name="format"/> csv downloads them instead.</summary>
    [HandlerPermission(Permission.ReportsRead)]
    public async Task<IActionResult> OnPostRatesAsync(IFormFile? figures, string? format, CancellationToken ct)
    {
        if (figures is null || figures.Length == 0)
        {
            Error = text[RatesFileMessages.ChooseFile];
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
                    Rates.Add(IssuanceRates.TotalLine(areas));
                }
                if (RatesFile(Rates, format, scope.Municipality.Name) is { } file)
                {
                    return file;
                }
            }
            catch (FormatException e)
            {
                Error = Refusals.Say(text, e);
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The rates as a download: CSV, an Excel workbook or the printable PDF (chart and table); null for the page.</summary>
    internal static IActionResult? RatesFile(IReadOnlyList<RatedArea> rates, string? format, string author) => format switch
    {
        "csv" => new FileContentResult(Encoding.UTF8.GetBytes(IssuanceRates.ToCsv(rates)), "text/csv; charset=utf-8") { FileDownloadName = "issuance-rates.csv" },
        "xlsx" => new FileContentResult(Documents.Reports.IssuanceRatesReport.Xlsx(rates), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            { FileDownloadName = "issuance-rates.xlsx" },
        "pdf" => new InlinePdf(Documents.Reports.IssuanceRatesReport.Pdf(rates, author), "issuance-rates.pdf"),
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
        if (ReportPeriod.Check(from, to) is { } problem)
        {
            // §11.2: a period that cannot be reported shows this month instead, with the reason.
            Error = text[problem.Text];
            (from, to) = (new DateOnly(Today.Year, Today.Month, 1), Today);
        }
        (From, To) = (JapaneseDate.Format(from), JapaneseDate.Format(to));
        Operations = await OperationsReport.ComputeAsync(scope.Db, from, to, ct);
        OperationsText = OperationsReport.ToText(Operations, scope.Municipality.Name);

        // The system's own counts (§11.1): cards issued to date ÷ people in the register today, here and across the host.
        var own = await OwnCounts.OfAsync(scope.Db, scope.Municipality, ct);
        OwnRate = own.Population == 0 ? null : IssuanceRates.Rank([own]).Single();
        HostRates = await OwnCounts.HostAsync(runtime.Stores.Municipalities, runtime.Stores.OpenMunicipal, ct);

        // The planner (§11.3): by default what the records say.
        Recorded = await PlannerData.ReadAsync(scope.Db, runtime.Time, ct);
        Windows ??= Recorded.Capacity.Windows;
        ServiceMinutes ??= Recorded.Capacity.ServiceMinutes;
        HoursPerDay ??= Recorded.Capacity.HoursPerDay;
        DaysPerWeek ??= Recorded.Capacity.DaysPerWeek;
        Backlog ??= Recorded.Backlog;
        ShowUpPercent ??= Math.Round(Recorded.ShowUpRate * 100);
        try
        {
            var (w, m, h, d, b, show) = (Windows.Value, ServiceMinutes.Value, HoursPerDay.Value, DaysPerWeek.Value, Backlog.Value, ShowUpPercent.Value / 100);
            IssuancePlan Plan(WindowCapacity c) => IssuancePlanner.Plan(c, b, Today, show, TargetWaitDays);
            Plans =
            [
                ("plan.base", Plan(new WindowCapacity(w, m, h, d))),
                ("plan.more-windows", Plan(new WindowCapacity(w * 2, m, h, d))),
                ("plan.weekends", Plan(new WindowCapacity(w, m, h, Math.Min(7, d + 2)))),
                ("plan.faster", Plan(new WindowCapacity(w, Math.Max(1, Math.Round(m * 2 / 3, 1)), h, d))),
            ];
        }
        catch (MessageException e)
        {
            Error = text[e.Text];
        }
    }
}
