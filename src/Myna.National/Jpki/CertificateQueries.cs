using Microsoft.EntityFrameworkCore;
using Myna.Core.Identifiers;
using Myna.Pki.Authorities;

namespace Myna.National.Jpki;

/// <summary>A line of the operators' certificate list.</summary>
public sealed record CertificateRow(long Id, CaKind Ca, string Serial, CertificateStatus Status, RevocationReason? Reason, DateTimeOffset? StatusAt,
    DateTimeOffset NotBefore, DateTimeOffset NotAfter, string MunicipalityCode);

/// <summary>A certificate with its history, for the operators' certificate page.</summary>
public sealed record CertificateDetail(CertificateRow Certificate, byte[]? Der, IReadOnlyList<CertificateEvent> History, IReadOnlyList<CertificateRow> SameHolder);

/// <summary>The national operators' view of the certificates (DOMAIN §7.4): by serial, by holder, and the latest changes.</summary>
public sealed class CertificateQueries(CertificateIssuance issuance)
{
    public const int PageSize = 50;

    /// <summary>
    /// Certificates whose serial starts with <paramref name="serial"/> (colons and spaces ignored), or those of
    /// the holder named by municipality and resident code; with neither, the latest status changes.
    /// </summary>
    public async Task<IReadOnlyList<CertificateRow>> SearchAsync(NationalDb db, string? serial, MunicipalityCode? municipality, ResidentCode? residentCode,
        CancellationToken ct = default)
    {
        var query = db.Certificates.AsNoTracking();
        var prefix = serial?.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
        if (!string.IsNullOrEmpty(prefix))
        {
            query = query.Where(c => c.Serial.StartsWith(prefix));
        }
        if (municipality is { } m && residentCode is { } r)
        {
            var holder = issuance.HolderHash(m, r);
            query = query.Where(c => c.HolderHash == holder);
        }
        if (string.IsNullOrEmpty(prefix) && municipality is null)
        {
            // The latest issuances and status changes, newest first, each certificate once.
            var recent = (await db.CertificateEvents.AsNoTracking().OrderByDescending(e => e.Id).Take(PageSize * 4).Select(e => e.CertificateId).ToListAsync(ct))
                .Distinct().Take(PageSize).ToList();
            var rows = await query.Where(c => recent.Contains(c.Id)).Select(AsRow).ToListAsync(ct);
            return [.. rows.OrderBy(r => recent.IndexOf(r.Id))];
        }
        return await query.OrderByDescending(c => c.Id).Take(PageSize).Select(AsRow).ToListAsync(ct);
    }

    public static async Task<CertificateDetail?> DetailAsync(NationalDb db, CaKind ca, string serial, CancellationToken ct = default)
    {
        var c = await db.Certificates.AsNoTracking().FirstOrDefaultAsync(x => x.Ca == (int)ca && x.Serial == serial, ct);
        if (c is null)
        {
            return null;
        }
        var history = await db.CertificateEvents.AsNoTracking().Where(e => e.CertificateId == c.Id).OrderBy(e => e.Id).ToListAsync(ct);
        var sameHolder = await db.Certificates.AsNoTracking().Where(x => x.HolderHash == c.HolderHash && x.Id != c.Id).OrderByDescending(x => x.Id).Take(20)
            .Select(AsRow).ToListAsync(ct);
        return new CertificateDetail(ToRow(c), c.Der, history, sameHolder);
    }

    private static readonly System.Linq.Expressions.Expression<Func<IssuedCertificate, CertificateRow>> AsRow = c =>
        new CertificateRow(c.Id, (CaKind)c.Ca, c.Serial, c.Status, c.Reason, c.StatusAt, c.NotBefore, c.NotAfter, c.MunicipalityCode);

    private static readonly Func<IssuedCertificate, CertificateRow> ToRow = AsRow.Compile();
}
