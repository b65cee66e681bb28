using Microsoft.EntityFrameworkCore;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Pki.Authorities;

namespace Myna.National.Jpki;

/// <summary>The in-process national side of <see cref="ICertificateEvents"/>: it opens only the national store.</summary>
public sealed class NationalCertificateEvents(NationalStore stores, CertificateIssuance issuance, CertificateStatusService status) : ICertificateEvents
{
    public const string Actor = "register";

    public async Task<int> HolderChangedAsync(MunicipalityCode municipality, ResidentCode code, HolderChange change, string note, CancellationToken ct = default)
    {
        await using var db = stores.OpenNational();
        var holder = issuance.HolderHash(municipality, code);
        if (change == HolderChange.FourInformationChanged)
        {
            return await status.RevokeSignatureCertificatesAsync(db, holder, RevocationReason.AffiliationChanged, Actor, note, ct);
        }
        var live = await db.Certificates.AsNoTracking()
            .Where(c => c.HolderHash == holder && c.Status != CertificateStatus.Revoked)
            .Select(c => new { c.Ca, c.Serial }).ToListAsync(ct);
        foreach (var c in live)
        {
            await status.RevokeAsync(db, (CaKind)c.Ca, c.Serial, RevocationReason.CessationOfOperation, Actor, note, ct);
        }
        return live.Count;
    }
}
