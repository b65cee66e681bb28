using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Myna.Core.Identifiers;
using Myna.Core.Staff;
using Myna.Hosting;
using Myna.National.Jpki;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Pages.National;

/// <summary>J-LIS operators: find certificates by serial or by holder (municipality + resident code); by default the latest changes.</summary>
[RequirePermission(Permission.NationalCertificates)]
public sealed class IndexModel(MynaRuntime runtime, UiText text) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Serial { get; set; }
    [BindProperty(SupportsGet = true)] public string? Municipality { get; set; }
    [BindProperty(SupportsGet = true)] public string? ResidentCode { get; set; }

    public IReadOnlyList<CertificateRow> Rows { get; private set; } = [];
    public string? Error { get; private set; }
    public bool Searched { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        MunicipalityCode? municipality = null;
        ResidentCode? code = null;
        if (!string.IsNullOrWhiteSpace(Municipality) || !string.IsNullOrWhiteSpace(ResidentCode))
        {
            if (!MunicipalityCode.TryParse(Municipality, out var m, out var mp))
            {
                Error = NationalWords.Identifier(text, "national.holder.municipality", mp);
                return;
            }
            if (!Core.Identifiers.ResidentCode.TryParse(ResidentCode, out var r, out var rp))
            {
                Error = NationalWords.Identifier(text, "national.holder.code", rp);
                return;
            }
            (municipality, code) = (m, r);
        }
        Searched = municipality is not null || !string.IsNullOrWhiteSpace(Serial);
        await using var db = runtime.Stores.OpenNational();
        Rows = await runtime.CertificateQueries().SearchAsync(db, Serial, municipality, code, ct);
    }
}
