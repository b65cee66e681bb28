using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Calendar;
using Myna.Core.Contracts;
using Myna.Core.Lifecycle;
using Myna.Core.Staff;
using Myna.Hosting;
using Myna.Municipal.Lifecycle;
using Myna.Municipal.Residents;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Pages.Lifecycle;

/// <summary>
/// The card lifecycle's desk work (DOMAIN §8): move-ins announced by other municipalities (continue the
/// card), this municipality's move-outs and their answers, the monthly expiry notices, the daily 90-day
/// invalidation, and the fee ledger.
/// </summary>
[RequirePermission(Permission.LifecycleAct)]
public sealed class IndexModel(MynaRuntime runtime, MunicipalScope scope, UiText text) : PageModel
{
    /// <summary>§9: a destination is an address; each list comes through the address rule.</summary>
    public List<IncomingMove> Incoming { get; private set; } = [];
    public List<OutgoingMove> Outgoing { get; private set; } = [];
    public List<(string Month, int Count)> NoticeMonths { get; private set; } = [];
    public DateOnly Today => JapanClock.Today(runtime.Time);
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    public MoveInOutcome? MovedIn { get; private set; }
    public bool MayAct => User.Has(Permission.LifecycleAct);

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    [HandlerPermission(Permission.LifecycleAct)]
    public async Task<IActionResult> OnPostMoveInAsync(long incomingId, string? postalCode, string? town, string? block, string? building, string? householdCode,
        string? movedInOn, string? notifiedOn, CancellationToken ct)
    {
        if (!JapaneseDate.TryParse(movedInOn, out var moved, out var error) || !JapaneseDate.TryParse(notifiedOn, out var notified, out error))
        {
            Error = text[error];
        }
        else
        {
            try
            {
                MovedIn = await runtime.MoveDesk(scope.Code).MoveInAsync(scope.Db, incomingId,
                    new MoveInAddress(postalCode, town ?? "", block ?? "", building, householdCode), moved, notified, scope.Actor, ct);
            }
            catch (Exception e) when (e is RegisterRuleException or LifecycleException or ContractRefusedException)
            {
                Error = Refusals.Say(text, e);
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    [HandlerPermission(Permission.LifecycleBatches)]
    public Task<IActionResult> OnPostExpiryNoticesAsync(CancellationToken ct) =>
        BatchAsync(() => runtime.ExpiryNotices(scope.Code).RunAsync(scope.Db, Today, scope.Actor, ct), "life.expiry.made", ct);

    [HandlerPermission(Permission.LifecycleBatches)]
    public Task<IActionResult> OnPostInvalidateAsync(CancellationToken ct) =>
        BatchAsync(() => runtime.MoveDesk(scope.Code).InvalidateOverdueAsync(scope.Db, Today, scope.Actor, ct), "life.invalidated", ct);

    /// <summary>The dated processing of moves abroad (DOMAIN §8.6), run now; it also runs in the background.</summary>
    [HandlerPermission(Permission.LifecycleBatches)]
    public Task<IActionResult> OnPostAbroadMovesAsync(CancellationToken ct) =>
        BatchAsync(async () => (await runtime.AbroadMoveDesk(scope.Code).CompleteDueAsync(scope.Db, Today, scope.Actor, ct)).Completed, "abroad.done", ct);

    /// <summary>Runs one of the lifecycle batches now (they are safe to repeat) and says how many it did.</summary>
    private async Task<IActionResult> BatchAsync(Func<Task<int>> batch, string message, CancellationToken ct)
    {
        Message = text.Format(message, await batch());
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>A batch month's letters: print data (CSV) or the PDF.</summary>
    [HandlerPermission(Permission.LifecycleBatches)]
    public async Task<IActionResult> OnGetNoticesAsync(string month, string format, CancellationToken ct)
    {
        var letters = await runtime.ExpiryNotices(scope.Code).LettersAsync(scope.Db, month, scope.Actor, ct);
        if (format == "csv")
        {
            return File(Encoding.UTF8.GetBytes(ExpiryNoticeBatch.PrintCsv(letters)), "text/csv; charset=utf-8", $"expiry-notices-{scope.Code.Value}-{month}.csv");
        }
        var pdf = Documents.Lifecycle.LifecycleDocuments.ExpiryNotices(letters.Select(l => new Documents.Lifecycle.ExpiryLetter(l.FullName, l.PostalCode, l.Address,
            l.HeldAtOffice, l.Subject == ExpirySubject.Certificates, l.Expiry, l.RenewalFrom)).ToList(), scope.Municipality.Prefecture + scope.Municipality.Name);
        return new InlinePdf(pdf, $"expiry-notices-{scope.Code.Value}-{month}.pdf");
    }

    /// <summary>The fee ledger of a period as CSV (DOMAIN §8.4).</summary>
    [HandlerPermission(Permission.ReportsRead)]
    public async Task<IActionResult> OnGetFeesAsync(string? from, string? to, CancellationToken ct)
    {
        string? error = null;
        var fromRead = JapaneseDate.TryParse(from, out var start, out var fromError);
        var toRead = JapaneseDate.TryParse(to, out var end, out var toError);
        if (!fromRead || !toRead)
        {
            error = text[(fromError ?? toError)!];
        }
        else if (ReportPeriod.Check(start, end) is { } problem)
        {
            error = text[problem.Text];
        }
        if (error is not null)
        {
            Error = error;
            await LoadAsync(ct);
            return Page();
        }
        var csv = FeeLedger.Csv(await FeeLedger.LinesAsync(scope.Db, start, end, ct));
        return File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"fees-{scope.Code.Value}-{start:yyyyMMdd}-{end:yyyyMMdd}.csv");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var rule = runtime.AddressRule(scope.Code);
        Incoming = await MoveLists.IncomingAsync(scope.Db, rule, runtime.MunicipalAudit(scope.Code), scope.Reader, ct);
        Outgoing = await MoveLists.OutgoingAsync(scope.Db, rule, scope.Reader, 50, ct);
        NoticeMonths = (await scope.Db.ExpiryNotices.AsNoTracking().GroupBy(n => n.BatchMonth).Select(g => new { g.Key, Count = g.Count() })
                .OrderByDescending(g => g.Key).Take(12).ToListAsync(ct))
            .Select(g => (g.Key, g.Count)).ToList();
    }
}
