using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Myna.Pki.Verification;

namespace Myna.National.Jpki;

/// <summary>The national side's own view of a certificate's status: the store itself, no network round trip.</summary>
public sealed class StoreRevocation(NationalDb db) : IRevocationSource
{
    public async Task<RevocationAnswer> CheckAsync(X509Certificate2 certificate, X509Certificate2 issuer, CancellationToken ct = default)
    {
        var serial = Pki.Profiles.Serials.Of(certificate);
        var row = await db.Certificates.AsNoTracking().Where(c => c.Serial == serial)
            .Select(c => new { c.Status, c.StatusAt, c.Reason }).FirstOrDefaultAsync(ct);
        var state = row?.Status switch
        {
            CertificateStatus.Good => RevocationState.Good,
            CertificateStatus.Suspended => RevocationState.Suspended,
            CertificateStatus.Revoked => RevocationState.Revoked,
            _ => RevocationState.Undetermined,
        };
        return new RevocationAnswer(state, row?.StatusAt, row?.Reason is { } r ? (int)r : null, "national store",
            row is null ? ["no such certificate on record"] : []);
    }
}
