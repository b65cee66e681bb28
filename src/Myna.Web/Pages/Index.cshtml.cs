using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Myna.Core.Staff;
using Myna.Municipal.Residents;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Pages;

/// <summary>
/// Resident search. Name, birth date and address travel in the query string (bookmarkable);
/// the identifier field is posted, because an individual number must never appear in a URL
/// (DOMAIN §12).
/// </summary>
[RequirePermission(Permission.ResidentsRead)]
public sealed class IndexModel(ResidentServices services, MunicipalScope scope, Myna.Hosting.MynaRuntime runtime, UiText text) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Name { get; set; }
    [BindProperty(SupportsGet = true)] public string? BirthDate { get; set; }
    [BindProperty(SupportsGet = true)] public string? Address { get; set; }
    // "page" is Razor Pages' own route value (the page path), so the page number travels as "p".
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty] public string? Identifier { get; set; }

    public ResidentSearchResult? Result { get; private set; }
    public string? Error { get; private set; }
    /// <summary>The support-measure officer's reminder (DOMAIN §9): measures ending within a month, sharers not yet covered.</summary>
    public (int EndingSoon, int UncoveredSharers)? SupportReminder { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (User.Has(Permission.AddressProtection))
        {
            var today = Myna.Core.Calendar.JapanClock.Today(runtime.Time);
            SupportReminder = (await Myna.Municipal.SupportMeasures.SupportMeasureQueries.EndingSoonCountAsync(scope.Db, today, ct),
                await Myna.Municipal.SupportMeasures.SupportMeasureQueries.UncoveredSharerCountAsync(scope.Db, today, ct));
        }
        return await SearchAsync(null, ct);
    }

    [HandlerPermission(Permission.ResidentsRead)]
    public Task<IActionResult> OnPostAsync(CancellationToken ct) => SearchAsync(Identifier, ct);

    private async Task<IActionResult> SearchAsync(string? identifier, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(BirthDate) && string.IsNullOrWhiteSpace(Address) && string.IsNullOrWhiteSpace(identifier))
        {
            return Page();
        }
        try
        {
            Result = await services.Queries.SearchAsync(scope.Db, new ResidentSearchCriteria(Name, BirthDate, Address, identifier, PageNumber), scope.Reader, ct);
        }
        catch (SearchInputException e)
        {
            Error = Refusals.Say(text, e);
        }
        return Page();
    }

    public string PageUrl(int page) => QueryHelpers(page);

    private string QueryHelpers(int page)
    {
        var q = new Dictionary<string, string?> { ["name"] = Name, ["birthDate"] = BirthDate, ["address"] = Address, ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/", q.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}
