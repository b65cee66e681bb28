using System.Security.Claims;
using Myna.Core.Staff;

namespace Myna.Web.Security;

/// <summary>A menu entry: its address, access key (Alt+key), text key, and the permission its page requires.</summary>
public sealed record MenuSection(string Href, string Key, string Label, Permission Permission);

/// <summary>
/// The staff menu. Each entry shows only to those who hold the permission its page requires —
/// the same permission the page declares (a test holds the two together), from the same table.
/// </summary>
public static class StaffMenu
{
    public static readonly IReadOnlyList<MenuSection> Sections =
    [
        new("/", "s", "search", Permission.ResidentsRead),
        new("/applications", "a", "applications", Permission.ApplicationsRead),
        new("/mail", "m", "mail", Permission.MailRecord),
        new("/cards", "k", "cards", Permission.CardsRead),
        new("/appointments", "b", "appointments", Permission.AppointmentsBook),
        new("/window", "w", "window", Permission.WindowIssue),
        new("/lifecycle", "l", "lifecycle", Permission.LifecycleAct),
        new("/support-measures", "p", "supportmeasures", Permission.AddressProtection),
        new("/dashboard", "d", "dashboard", Permission.ReportsRead),
        new("/reports", "r", "reports", Permission.ReportsRead),
        new("/national", "c", "national.certificates", Permission.NationalCertificates),
        new("/national/verifiers", "v", "national.verifiers", Permission.NationalVerifiers),
        new("/national/call-centre", "t", "national.callcentre", Permission.NationalCallCentre),
    ];

    public static IEnumerable<MenuSection> For(ClaimsPrincipal user) => Sections.Where(s => user.Has(s.Permission));

    /// <summary>The section a page belongs to: the longest entry its path starts with; the search owns the resident pages.</summary>
    public static string? Current(string path) => path.StartsWith("/residents", StringComparison.Ordinal) ? "/"
        : Sections.Select(s => s.Href).Where(h => path == h || path.StartsWith(h + "/", StringComparison.Ordinal)).MaxBy(h => h.Length);
}
