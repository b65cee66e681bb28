using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Staff;
using Myna.Hosting;
using Myna.National;
using Myna.National.Verifiers;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Pages.National;

/// <summary>Verifier organisations (DOMAIN §7.5): register, renew a key, disable; the latest answers given to them.</summary>
[RequirePermission(Permission.NationalVerifiers)]
public sealed class VerifiersModel(MynaRuntime runtime, UiText text) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public VerifierKind Kind { get; set; } = VerifierKind.Signature;
    [BindProperty] public string? CorporateNumber { get; set; }

    public IReadOnlyList<Verifier> Verifiers { get; private set; } = [];
    public IReadOnlyList<VerifierAnswer> Answers { get; private set; } = [];
    public IReadOnlyDictionary<long, int> AnswerCounts { get; private set; } = new Dictionary<long, int>();
    /// <summary>A key just issued: shown on this response only.</summary>
    public (Verifier Verifier, string Key)? NewKey { get; private set; }
    public string? Error { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    [HandlerPermission(Permission.NationalVerifiers)]
    public async Task OnPostRegisterAsync(CancellationToken ct)
    {
        await TryAsync(async db => NewKey = await runtime.Verifiers().RegisterAsync(db, Name ?? "", Kind, CorporateNumber, User.Identity!.Name!, ct));
        if (NewKey is not null)
        {
            Name = CorporateNumber = null;
        }
        await LoadAsync(ct);
    }

    [HandlerPermission(Permission.NationalVerifiers)]
    public async Task OnPostRenewAsync(long id, CancellationToken ct)
    {
        await TryAsync(async db =>
        {
            var key = await runtime.Verifiers().RenewKeyAsync(db, id, User.Identity!.Name!, ct);
            NewKey = (await db.Verifiers.AsNoTracking().SingleAsync(v => v.Id == id, ct), key);
        });
        await LoadAsync(ct);
    }

    [HandlerPermission(Permission.NationalVerifiers)]
    public async Task OnPostDisableAsync(long id, bool disabled, CancellationToken ct)
    {
        await TryAsync(db => runtime.Verifiers().SetDisabledAsync(db, id, disabled, User.Identity!.Name!, ct));
        await LoadAsync(ct);
    }

    private async Task TryAsync(Func<NationalDb, Task> work)
    {
        try
        {
            await using var db = runtime.Stores.OpenNational();
            await work(db);
        }
        catch (VerifierException e)
        {
            Error = NationalWords.Refusal(text, e);
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await using var db = runtime.Stores.OpenNational();
        Verifiers = await db.Verifiers.AsNoTracking().OrderBy(v => v.Id).ToListAsync(ct);
        Answers = await db.VerifierAnswers.AsNoTracking().OrderByDescending(a => a.Id).Take(50).ToListAsync(ct);
        AnswerCounts = await db.VerifierAnswers.AsNoTracking().GroupBy(a => a.VerifierId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
    }
}
