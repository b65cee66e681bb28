using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Myna.Core.Notices;
using Myna.Core.Staff;
using Myna.Hosting;
using Myna.Municipal.Notices;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Pages.Mail;

/// <summary>One envelope: who is in it, what the register says now, the allowed actions (DOMAIN §3.3) and every state change.</summary>
[RequirePermission(Permission.MailRecord)]
public sealed class EnvelopeModel(MynaRuntime runtime, MunicipalScope scope) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    public EnvelopeCase? Case { get; private set; }
    public string? Error { get; private set; }
    [BindProperty(SupportsGet = true)] public bool Done { get; set; }
    public bool MayAct => User.Has(Permission.MailRecord);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    [HandlerPermission(Permission.MailRecord)]
    public async Task<IActionResult> OnPostAsync(ReturnAction action, string? note, CancellationToken ct)
    {
        try
        {
            await runtime.MailTracking(scope.Code).ActAsync(scope.Db, Id, action, note, scope.Actor, ct);
        }
        catch (MailRuleException e)
        {
            Error = UiText.For(HttpContext)[e.Text];
            return await LoadAsync(ct) ? Page() : NotFound();
        }
        return RedirectToPage(new { id = Id, done = true });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Case = await runtime.MailTracking(scope.Code).CaseAsync(scope.Db, Id, scope.Reader.MaySeeProtected, scope.Actor, ct);
        return Case is not null;
    }
}
