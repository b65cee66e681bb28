using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Calendar;
using Myna.Core.Notices;
using Myna.Core.Staff;
using Myna.Hosting;
using Myna.Municipal.Notices;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Pages.Mail;

/// <summary>
/// The returned-mail desk (DOMAIN §3.3): scan the envelope's registered-mail barcode, press 1–4
/// for the reason, and the next envelope can be scanned. Below, what is due this week.
/// </summary>
[RequirePermission(Permission.MailRecord)]
public sealed class IndexModel(MynaRuntime runtime, MunicipalScope scope, UiText text) : PageModel
{
    [BindProperty] public string? Scan { get; set; }
    public NoticeEnvelope? Found { get; private set; }
    public string? Error { get; private set; }
    [BindProperty(SupportsGet = true)] public long? Booked { get; set; }
    public NoticeEnvelope? BookedEnvelope { get; private set; }
    public List<NoticeEnvelope> Due { get; private set; } = [];
    public NoticeBatch? OpenResend { get; private set; }
    public DateOnly Today => JapanClock.Today(runtime.Time);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>Step 1: the scanner types the number and Enter.</summary>
    [HandlerPermission(Permission.MailRecord)]
    public async Task OnPostFindAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (string.IsNullOrWhiteSpace(Scan))
        {
            Error = text["mail.scan.empty"];
            return;
        }
        Found = await MailTracking.FindAsync(scope.Db, Scan, ct);
        if (Found is null)
        {
            Error = text.Format("mail.scan.unknown", Scan.Trim());
        }
        else if (Found.State != MailState.Sent)
        {
            Error = text.Format("mail.scan.state", text["mail.state." + Found.State]);
        }
    }

    /// <summary>Step 2: the reason key books the return and the desk is ready for the next envelope.</summary>
    [HandlerPermission(Permission.MailRecord)]
    public async Task<IActionResult> OnPostBookAsync(long envelopeId, ReturnReason reason, CancellationToken ct)
    {
        try
        {
            await runtime.MailTracking(scope.Code).BookReturnAsync(scope.Db, envelopeId, reason, scope.Actor, ct);
        }
        catch (MailRuleException e)
        {
            await LoadAsync(ct);
            Error = UiText.For(HttpContext)[e.Text];
            return Page();
        }
        return RedirectToPage(new { booked = envelopeId });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Due = await runtime.MailTracking(scope.Code).DueAsync(scope.Db, scope.Reader.MaySeeProtected, 7, scope.Actor, ct);
        OpenResend = await scope.Db.NoticeBatches.AsNoTracking().FirstOrDefaultAsync(b => b.IsResend && b.FinishedAt == null, ct);
        if (Booked is { } id)
        {
            BookedEnvelope = await scope.Db.NoticeEnvelopes.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
        }
    }
}
