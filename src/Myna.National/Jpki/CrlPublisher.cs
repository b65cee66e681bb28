using System.Numerics;
using Microsoft.EntityFrameworkCore;
using Myna.Pki.Authorities;
using Myna.Pki.Revocation;
using Myna.Storage;

namespace Myna.National.Jpki;

/// <summary>A published CRL (national store).</summary>
public sealed class PublishedCrl
{
    public long Id { get; set; }
    public int Ca { get; set; }
    public long Number { get; set; }
    public DateTimeOffset ThisUpdate { get; set; }
    public DateTimeOffset NextUpdate { get; set; }
    public int Entries { get; set; }
    /// <summary>The CA's status version the CRL was built from (<see cref="CaState"/>).</summary>
    public long SourceVersion { get; set; }
    public required byte[] Der { get; set; }
}

/// <summary>Counts the status changes of a CA's certificates, so a CRL knows when it is out of date.</summary>
public sealed class CaState
{
    public int Ca { get; set; }
    public long Version { get; set; }
}

/// <summary>
/// Keeps each CA's CRL current (DOMAIN §7.4: within 15 minutes of a change, at least daily): the
/// published CRL is reused while no status changed after it and it is younger than a day;
/// otherwise a new one is built (CRL number + 1) and stored. Suspended certificates appear with
/// reason certificateHold; expired ones drop off.
/// </summary>
public sealed class CrlPublisher(Func<CaKind, CertificateAuthority> authorities, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public async Task<PublishedCrl> CurrentAsync(NationalDb db, CaKind kind, CancellationToken ct = default)
    {
        var latest = await LatestAsync(db, kind, ct);
        if (latest is not null && !await StaleAsync(db, kind, latest, ct))
        {
            return latest;
        }
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        latest = await LatestAsync(db, kind, ct); // another request may have published meanwhile
        if (latest is not null && !await StaleAsync(db, kind, latest, ct))
        {
            return latest;
        }
        var now = time.GetUtcNow();
        var version = await VersionAsync(db, kind, ct);
        var revoked = (await db.Certificates.AsNoTracking()
            .Where(c => c.Ca == (int)kind && (c.Status == CertificateStatus.Revoked || c.Status == CertificateStatus.Suspended))
            .OrderBy(c => c.Id)
            .Select(c => new { c.Serial, c.StatusAt, c.Reason, c.NotAfter })
            .ToListAsync(ct)).Where(c => c.NotAfter > now).ToList();
        var ca = authorities(kind); // shared by the host: not disposed here
        var number = (latest?.Number ?? 0) + 1;
        var der = CrlBuilder.Build(ca.Certificate, ca.Key, new BigInteger(number), now, now + Lifetime,
            revoked.Select(r => new RevokedEntry(Convert.FromHexString(r.Serial), r.StatusAt ?? now, r.Reason is { } reason and not RevocationReason.Unspecified ? (int)reason : null)).ToList());
        var crl = new PublishedCrl
        {
            Ca = (int)kind, Number = number, ThisUpdate = now, NextUpdate = now + Lifetime, Entries = revoked.Count, SourceVersion = version, Der = der,
        };
        db.Crls.Add(crl);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return crl;
    }

    private static Task<PublishedCrl?> LatestAsync(NationalDb db, CaKind kind, CancellationToken ct) =>
        db.Crls.AsNoTracking().Where(c => c.Ca == (int)kind).OrderByDescending(c => c.Number).FirstOrDefaultAsync(ct);

    private async Task<bool> StaleAsync(NationalDb db, CaKind kind, PublishedCrl crl, CancellationToken ct) =>
        time.GetUtcNow() - crl.ThisUpdate >= Lifetime || await VersionAsync(db, kind, ct) != crl.SourceVersion;

    private static async Task<long> VersionAsync(NationalDb db, CaKind kind, CancellationToken ct) =>
        await db.CaStates.AsNoTracking().Where(s => s.Ca == (int)kind).Select(s => (long?)s.Version).FirstOrDefaultAsync(ct) ?? 0;
}
