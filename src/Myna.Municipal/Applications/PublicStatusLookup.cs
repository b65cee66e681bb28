using Microsoft.EntityFrameworkCore;
using Myna.Core.Applications;
using Myna.Core.Residents;
using Myna.Core.Text;

namespace Myna.Municipal.Applications;

/// <summary>What the public status page may show: the status in plain words and whose application it is, the given name masked.</summary>
public sealed record PublicApplicationStatus(ApplicationStatus Status, string MaskedName);

/// <summary>
/// The public status page's lookup (DOMAIN §4.1): by the 12-digit receipt number (受付番号) the application page gave the
/// resident, or by the 23-digit application ID (申請書ID) printed on the form, either with the birth date. A wrong pair and
/// an unknown number give the same answer (null), so the page cannot be used to probe.
/// </summary>
public static class PublicStatusLookup
{
    public const int ReceiptDigits = 12;

    /// <summary>Whether the cleaned input has the receipt number's shape (the application ID has 23 digits).</summary>
    public static bool IsReceiptNumber(string cleaned) => cleaned.Length == ReceiptDigits && cleaned.All(char.IsAsciiDigit);

    public static async Task<PublicApplicationStatus?> ByReceiptAsync(MunicipalDb db, string? receiptNumber, DateOnly birthDate, CancellationToken ct = default)
    {
        var number = PublicInput.Number(receiptNumber);
        if (!IsReceiptNumber(number))
        {
            return null;
        }
        return await FindAsync(db, db.CardApplications.AsNoTracking().Where(a => a.ReceiptNumber == number), birthDate, ct);
    }

    public static async Task<PublicApplicationStatus?> ByApplicationIdAsync(MunicipalDb db, string? applicationId, DateOnly birthDate,
        CancellationToken ct = default)
    {
        if (!Core.Identifiers.ApplicationId.TryParse(PublicInput.Number(applicationId), out var id, out _))
        {
            return null;
        }
        return await FindAsync(db, db.CardApplications.AsNoTracking().Where(a => a.ApplicationId == id.Value), birthDate, ct);
    }

    private static async Task<PublicApplicationStatus?> FindAsync(MunicipalDb db, IQueryable<CardApplication> applications, DateOnly birthDate,
        CancellationToken ct)
    {
        var found = await applications
            .Join(db.Residents.AsNoTracking(), a => a.ResidentId, r => r.Id, (a, r) => new { a.Id, a.Status, r.BirthDate, r.FamilyName, r.GivenName })
            // The latest application under the number (a resubmission after a deficiency keeps the ID).
            .Where(x => x.BirthDate == birthDate).OrderByDescending(x => x.Id).FirstOrDefaultAsync(ct);
        return found is null ? null : new PublicApplicationStatus(found.Status, MaskedName.Of(found.FamilyName, found.GivenName));
    }
}
