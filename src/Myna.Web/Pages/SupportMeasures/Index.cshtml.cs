using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Myna.Core.Calendar;
using Myna.Core.Staff;
using Myna.Hosting;
using Myna.Municipal.SupportMeasures;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Pages.SupportMeasures;

/// <summary>
/// The support-measure officer's desk (DOMAIN §9): the measures (in force, ending within a month, lifted or
/// ended, forwarded in), the people who share a protected address without being covered — each with one click
/// to extend the measure to them — and every withheld read of the audit log, filterable and paged.
/// </summary>
[RequirePermission(Permission.AddressProtection)]
public sealed class IndexModel(MynaRuntime runtime, MunicipalScope scope, UiText text) : PageModel
{
    [BindProperty(SupportsGet = true)] public SupportMeasureListState State { get; set; } = SupportMeasureListState.Active;
    [BindProperty(SupportsGet = true)] public bool Ending { get; set; }
    [BindProperty(SupportsGet = true)] public long? Resident { get; set; }
    // The withheld-read filters; "page" is Razor Pages' own route value, so the page number travels as "p".
    [BindProperty(SupportsGet = true)] public string? Who { get; set; }
    [BindProperty(SupportsGet = true)] public string? Path { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }

    public IReadOnlyList<SupportMeasureRow> Measures { get; private set; } = [];
    public IReadOnlyList<SharerPrompt> Prompts { get; private set; } = [];
    public WithheldReadPage? Reads { get; private set; }
    public IReadOnlyList<string> Paths { get; private set; } = [];
    public FieldError? Error { get; private set; }
    public DateOnly Today => JapanClock.Today(runtime.Time);

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    /// <summary>The prompt's one click: the measure now covers this person too (§9 併せて支援を求める者).</summary>
    [HandlerPermission(Permission.AddressProtection)]
    public async Task<IActionResult> OnPostExtendToAsync(long? measureId, long? residentId, CancellationToken ct)
    {
        try
        {
            await runtime.SupportMeasureDesk(scope.Code).AddMemberAsync(scope.Db, measureId ?? 0, residentId ?? 0, scope.Actor, ct);
        }
        catch (SupportMeasureException e)
        {
            Error = new FieldError(e.Field, SupportMeasureWords.Error(text, e));
            await LoadAsync(ct);
            return Page();
        }
        return Redirect(Link(new() { ["done"] = "member-added" }));
    }

    /// <summary>Where a received copy came from: the municipality's name with its code when this host serves it.</summary>
    public string Place(string code) => SupportMeasureWords.Place(runtime.Stores.Municipalities, code);

    /// <summary>This page's address with the current filters, changed by <paramref name="changes"/> (a null value drops the parameter).</summary>
    public string Link(Dictionary<string, string?> changes)
    {
        var q = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["state"] = State == SupportMeasureListState.Active ? null : State.ToString(),
            ["ending"] = Ending ? "true" : null,
            ["resident"] = Resident?.ToString(CultureInfo.InvariantCulture),
            ["who"] = Who, ["path"] = Path, ["from"] = From, ["to"] = To,
            ["p"] = PageNumber > 1 ? PageNumber.ToString(CultureInfo.InvariantCulture) : null,
        };
        foreach (var (k, v) in changes)
        {
            q[k] = v;
        }
        return QueryHelpers.AddQueryString("/support-measures", q.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var today = Today;
        Measures = await SupportMeasureQueries.ListAsync(scope.Db, new SupportMeasureFilter(Ending ? SupportMeasureListState.Active : State,
            Ending ? SupportMeasureQueries.ReminderDays : null, Resident), today, ct);
        Prompts = await SupportMeasureQueries.UncoveredSharersAsync(scope.Db, today, ct);
        Paths = await SupportMeasureQueries.WithheldPathsAsync(scope.Db, ct);
        DateOnly? from = null, to = null;
        try
        {
            from = SupportMeasureWords.Date(From, "from");
            to = SupportMeasureWords.Date(To, "to");
        }
        catch (SupportMeasureException e)
        {
            Error ??= new FieldError(e.Field, text.Format("sm.field", text["sm.reads." + e.Field], text[e.Text]));
        }
        Reads = await SupportMeasureQueries.WithheldReadsAsync(scope.Db, new WithheldReadFilter(Who, Path, from, to, Resident, Math.Max(1, PageNumber)), ct);
    }
}
