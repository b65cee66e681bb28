using Microsoft.EntityFrameworkCore;
using Myna.Core.Applications;
using Myna.Core.Residents;
using Myna.Municipal.Residents;
using Myna.Municipal.SupportMeasures;

namespace Myna.Municipal.Applications;

public sealed record ApplicationListItem(long Id, string ApplicationId, string ReceiptNumber, long ResidentId, string FullName, string FullNameKana,
    DateOnly BirthDate, ApplicationChannel Channel, ApplicationStatus Status, DateTimeOffset ReceivedAt);

public sealed record PhotoInfo(long Id, int Width, int Height, int Bytes, DateOnly? TakenOn, DateTimeOffset UploadedAt, PhotoReview Review,
    string? ReviewReasons, string? ReviewedBy);

public sealed record ApplicationDetails(CardApplication Application, ResidentSummary Resident, IReadOnlyList<PhotoInfo> Photos,
    IReadOnlyList<ApplicationEvent> History, string? PostalCode);

/// <summary>Reads for the staff screens and the API; addresses follow the reader's rights (DOMAIN §9).</summary>
public static class ApplicationQueries
{
    public const int PageSize = 50;

    public static async Task<(List<ApplicationListItem> Items, int Total)> ListAsync(MunicipalDb db, ApplicationStatus? status, int page,
        CancellationToken ct = default)
    {
        if (Core.Text.Paging.Check(page) is { } paging)
        {
            throw new ArgumentOutOfRangeException(paging.Field, page, paging.Message);
        }
        var query = db.CardApplications.AsNoTracking().Where(a => status == null || a.Status == status);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(a => a.ReceivedOn).ThenBy(a => a.Id).Skip((page - 1) * PageSize).Take(PageSize)
            .Join(db.Residents.AsNoTracking(), a => a.ResidentId, r => r.Id, (a, r) => new ApplicationListItem(a.Id, a.ApplicationId, a.ReceiptNumber,
                r.Id, r.FamilyName + "\u3000" + r.GivenName, r.FamilyNameKana + "\u3000" + r.GivenNameKana, r.BirthDate, a.Channel, a.Status, a.ReceivedAt))
            .ToListAsync(ct);
        return (items, total);
    }

    /// <remarks>
    /// §9: the applicant's address follows the one rule (<see cref="AddressRule"/>): withheld from all but the officer, the
    /// flag carried in <see cref="ResidentSummary.AddressWithheld"/>, and a withheld read logged with <paramref name="where"/>.
    /// </remarks>
    public static async Task<ApplicationDetails?> GetAsync(MunicipalDb db, long id, AddressRule rule, Reader reader, string where,
        CancellationToken ct = default)
    {
        var application = await db.CardApplications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (application is null)
        {
            return null;
        }
        var r = await db.Residents.AsNoTracking().FirstAsync(x => x.Id == application.ResidentId, ct);
        var withheld = await rule.IsWithheldAsync(db, r.Id, ct);
        var hidden = withheld && (await rule.HiddenFromAsync(db, reader, [r.Id], where, ct)).Count > 0;
        var resident = new ResidentSummary(r.Id, r.ResidentCode, r.FullName, r.FullNameKana, r.BirthDate, r.Sex,
            hidden ? AddressProtection.Hidden : r.Address, r.Status, null, withheld);
        var photos = await db.ApplicationPhotos.AsNoTracking().Where(p => p.CardApplicationId == id).OrderByDescending(p => p.Id)
            .Select(p => new PhotoInfo(p.Id, p.Width, p.Height, p.Jpeg.Length, p.TakenOn, p.UploadedAt, p.Review, p.ReviewReasons, p.ReviewedBy))
            .ToListAsync(ct);
        var history = await db.ApplicationEvents.AsNoTracking().Where(e => e.CardApplicationId == id).OrderBy(e => e.Id).ToListAsync(ct);
        return new ApplicationDetails(application, resident, photos, history, hidden ? null : r.PostalCode);
    }

    public static Task<byte[]?> PhotoAsync(MunicipalDb db, long applicationId, long? photoId, CancellationToken ct = default) =>
        db.ApplicationPhotos.AsNoTracking().Where(p => p.CardApplicationId == applicationId && (photoId == null || p.Id == photoId))
            .OrderByDescending(p => p.Id).Select(p => p.Jpeg).FirstOrDefaultAsync(ct);
}
