using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Certificates;
using Myna.Core.Text.Messages;
using Myna.Pki.Authorities;
using Myna.Storage;
using Myna.Storage.Audit;

namespace Myna.National.Jpki;

/// <summary>
/// Revocation, suspension and release (DOMAIN §7.4). Each change is an event and an audit record
/// in one transaction; CRLs and OCSP read the new status from the store at once.
/// </summary>
public sealed class CertificateStatusService(AuditLog audit, TimeProvider time)
{
    public async Task<IssuedCertificate> RevokeAsync(NationalDb db, CaKind ca, string serial, RevocationReason reason, string actor, string? note = null,
        CancellationToken ct = default)
    {
        if (reason == RevocationReason.CertificateHold)
        {
            throw new IssuanceException(CertificateRuleMessages.HoldIsNotRevocation, IssuanceException.HoldIsNotRevocation);
        }
        return await ChangeAsync(db, ca, serial, CertificateStatus.Revoked, reason, actor, note,
            c => c.Status == CertificateStatus.Revoked ? (CertificateRuleMessages.AlreadyRevoked, IssuanceException.AlreadyRevoked) : null, ct);
    }

    public Task<IssuedCertificate> SuspendAsync(NationalDb db, CaKind ca, string serial, string actor, string? note = null, CancellationToken ct = default) =>
        ChangeAsync(db, ca, serial, CertificateStatus.Suspended, RevocationReason.CertificateHold, actor, note,
            c => c.Status != CertificateStatus.Good ? (CertificateRuleMessages.NotGood.With(StatusWord(c.Status)), IssuanceException.NotGood) : null, ct);

    public Task<IssuedCertificate> ReleaseAsync(NationalDb db, CaKind ca, string serial, string actor, string? note = null, CancellationToken ct = default) =>
        ChangeAsync(db, ca, serial, CertificateStatus.Good, null, actor, note,
            c => c.Status != CertificateStatus.Suspended ? (CertificateRuleMessages.NotSuspended.With(StatusWord(c.Status)), IssuanceException.NotSuspended) : null, ct);

    /// <summary>
    /// A register event changed the holder's four information (§7.4): every signature certificate
    /// of the holder is revoked; user-authentication certificates stay valid.
    /// </summary>
    public async Task<int> RevokeSignatureCertificatesAsync(NationalDb db, byte[] holderHash, RevocationReason reason, string actor, string note,
        CancellationToken ct = default)
    {
        var serials = await db.Certificates.AsNoTracking()
            .Where(c => c.HolderHash == holderHash && c.Ca == (int)CaKind.Signature && c.Status != CertificateStatus.Revoked)
            .Select(c => c.Serial).ToListAsync(ct);
        foreach (var serial in serials)
        {
            await RevokeAsync(db, CaKind.Signature, serial, reason, actor, note, ct);
        }
        return serials.Count;
    }

    /// <summary>A certificate's status as a refusal names it, in the reader's language.</summary>
    private static MessageText StatusWord(CertificateStatus status) => status switch
    {
        CertificateStatus.Good => CertificateRuleMessages.Good,
        CertificateStatus.Suspended => CertificateRuleMessages.Suspended,
        CertificateStatus.Revoked => CertificateRuleMessages.Revoked,
        _ => CertificateRuleMessages.Pending,
    };

    private async Task<IssuedCertificate> ChangeAsync(NationalDb db, CaKind ca, string serial, CertificateStatus to, RevocationReason? reason, string actor,
        string? note, Func<IssuedCertificate, (Message Why, string Code)?> refuse, CancellationToken ct)
    {
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var normalized = serial.Replace(":", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
        var certificate = await db.Certificates.FirstOrDefaultAsync(c => c.Ca == (int)ca && c.Serial == normalized, ct)
            ?? throw new IssuanceException(CertificateRuleMessages.NoCertificate.With(normalized), IssuanceException.NoCertificate);
        if (refuse(certificate) is { } refusal)
        {
            throw new IssuanceException(refusal.Why, refusal.Code);
        }
        var now = time.GetUtcNow();
        certificate.Status = to;
        certificate.Reason = reason;
        certificate.StatusAt = now;
        db.CertificateEvents.Add(new CertificateEvent { CertificateId = certificate.Id, Status = to, Reason = reason, At = now, Actor = actor, Note = note });
        // Tells the CRL publisher its list is out of date.
        var state = await db.CaStates.FirstOrDefaultAsync(s => s.Ca == (int)ca, ct);
        if (state is null)
        {
            db.CaStates.Add(new CaState { Ca = (int)ca, Version = 1 });
        }
        else
        {
            state.Version++;
        }
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, AuditActions.CertificateStatusChanged, $"certificate:{CaKinds.Slug(ca)}:{normalized}",
            detail: string.Create(CultureInfo.InvariantCulture, $"{to} {reason}"), ct: ct);
        await tx.CommitAsync(ct);
        return certificate;
    }
}
