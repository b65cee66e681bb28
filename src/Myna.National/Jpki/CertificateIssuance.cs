using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Identifiers;
using Myna.Pki.Authorities;
using Myna.Pki.Profiles;
using Myna.Storage;
using Myna.Storage.Audit;

namespace Myna.National.Jpki;

/// <summary>
/// A certificate request or status change that cannot be served, with the reason; <see cref="Refusal"/> is
/// stable for the refusals an operator can meet on the national pages (<see cref="StatusCodes"/>), and the
/// contract's code is <c>certificate.</c> followed by it.
/// </summary>
public sealed class IssuanceException : Core.Contracts.ContractRefusedException
{
    public const string Other = "other";
    public const string HoldIsNotRevocation = "hold-is-not-revocation", NoCertificate = "no-certificate", AlreadyRevoked = "already-revoked",
        NotGood = "not-good", NotSuspended = "not-suspended";

    /// <summary>The codes of the status changes (DOMAIN §7.4), for the catalogue's completeness check.</summary>
    public static readonly IReadOnlyList<string> StatusCodes = [HoldIsNotRevocation, NoCertificate, AlreadyRevoked, NotGood, NotSuspended, Other];

    public IssuanceException(string message, string refusal = Other)
        : base(Core.Contracts.ContractRefusals.CertificatePrefix + refusal, message, notFound: refusal == NoCertificate) => Refusal = refusal;

    /// <summary>A refusal from the message catalogue, shown in the reader's language (ARCHITECTURE 6).</summary>
    public IssuanceException(Core.Text.Messages.Message text, string refusal)
        : base(Core.Contracts.ContractRefusals.CertificatePrefix + refusal, text, notFound: refusal == NoCertificate) => Refusal = refusal;

    /// <summary>The reason's short code (one of <see cref="StatusCodes"/>), the API's category.</summary>
    public string Refusal { get; }
}

/// <summary>Who the certificate is for, as the municipality knows them (the code is only ever stored as an HMAC).</summary>
/// <summary>Whose certificate it is; <paramref name="CardSerial"/> names the card whose chip holds the key, when there is one.</summary>
public sealed record Holder(MunicipalityCode Municipality, ResidentCode ResidentCode, DateOnly BirthDate, DateOnly CardExpiry, string? CardSerial = null);

/// <summary>
/// Issues certificates from requests whose keys were made elsewhere (the card, DOMAIN §7.3).
/// Order of work: the request is checked; serial and to-be-signed bytes are committed as a
/// pending record; the CA signs; the certificate is committed. A crash in between leaves a
/// pending record that can be revoked; a request (its key) never gets a second certificate
/// from the same CA (unique index).
/// </summary>
public sealed class CertificateIssuance(Func<CaKind, CertificateAuthority> authorities, byte[] holderKey, AuditLog audit, TimeProvider time, string? publicUrl)
{
    public byte[] HolderHash(MunicipalityCode municipality, ResidentCode code) =>
        HMACSHA256.HashData(holderKey, Encoding.ASCII.GetBytes(municipality.Value + ":" + code.Value));

    /// <summary>The issuing CA's certificate, written to the chip next to the holder's.</summary>
    public byte[] AuthorityCertificate(CaKind kind) => authorities(kind).Certificate.RawData;

    /// <summary>
    /// Keyed hash of a name and birth date (spaces and character widths ignored), so the call centre
    /// can find a card from what a caller says (DOMAIN §8.3) without a readable index of holders.
    /// </summary>
    public byte[] IdentityHash(string name, DateOnly birthDate) =>
        HMACSHA256.HashData(holderKey, Encoding.UTF8.GetBytes("identity:" + Cards.CallCentre.Comparable(name) + ":" + birthDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)));

    public async Task<(IssuedCertificate Record, X509Certificate2 Certificate)> IssueAsync(NationalDb db, CaKind kind, byte[] pkcs10, Holder holder,
        FourInformation? info, string actor, CancellationToken ct = default)
    {
        CertificateRequest request;
        try
        {
            request = CertificateRequest.LoadSigningRequest(pkcs10, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default);
        }
        catch (CryptographicException e)
        {
            throw new IssuanceException("the certificate request is not a valid PKCS#10 request with a correct self-signature: " + e.Message);
        }
        var keyHash = SHA256.HashData(request.PublicKey.ExportSubjectPublicKeyInfo());
        if (await db.Certificates.AsNoTracking().AnyAsync(c => c.Ca == (int)kind && c.KeyHash == keyHash, ct))
        {
            throw new IssuanceException("a certificate was already issued for this request's key");
        }
        var ca = authorities(kind); // shared by the host: not disposed here
        var now = time.GetUtcNow();
        PreparedCertificate prepared;
        try
        {
            prepared = CertificateProfiles.Prepare(kind, ca.Certificate, request.PublicKey, info, now, holder.CardExpiry, holder.BirthDate, publicUrl);
        }
        catch (ArgumentException e)
        {
            throw new IssuanceException(e.Message);
        }
        var record = new IssuedCertificate
        {
            Ca = (int)kind,
            Serial = Serials.ToHex(prepared.Serial),
            KeyHash = keyHash,
            ToBeSigned = prepared.ToBeSigned,
            NotBefore = prepared.NotBefore.ToUniversalTime(),
            NotAfter = prepared.NotAfter.ToUniversalTime(),
            Status = CertificateStatus.Pending,
            MunicipalityCode = holder.Municipality.Value,
            HolderHash = HolderHash(holder.Municipality, holder.ResidentCode),
            CardSerial = holder.CardSerial,
            CreatedAt = now,
        };
        await using (var tx = await Sql.BeginWriteAsync(db, ct))
        {
            db.Certificates.Add(record);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                await tx.RollbackAsync(ct); // PostgreSQL accepts no query in an aborted transaction
                if (await AlreadyIssuedAsync(db, kind, keyHash, ct))
                {
                    // Another issuance for the same key won the race; the unique index kept it to one.
                    throw new IssuanceException("a certificate was already issued for this request's key");
                }
                throw;
            }
            await tx.CommitAsync(ct);
        }

        var der = CertificateProfiles.Sign(prepared.ToBeSigned, ca.Key);
        await using (var tx = await Sql.BeginWriteAsync(db, ct))
        {
            record.Der = der;
            record.Status = CertificateStatus.Good;
            record.StatusAt = time.GetUtcNow();
            var issued = new CertificateEvent { CertificateId = record.Id, Status = CertificateStatus.Good, At = record.StatusAt.Value, Actor = actor };
            db.CertificateEvents.Add(issued);
            await db.SaveChangesAsync(ct);
            // A batch issues many certificates through one context: keep its change tracker from growing with them.
            db.Entry(record).State = EntityState.Detached;
            db.Entry(issued).State = EntityState.Detached;
            await audit.AppendAsync(db, actor, Core.Audit.AuditActions.CertificateIssued, $"certificate:{CaKinds.Slug(kind)}:{record.Serial}",
                detail: string.Create(CultureInfo.InvariantCulture, $"municipality={holder.Municipality.Value} notAfter={record.NotAfter:yyyy-MM-dd}"), ct: ct);
            await tx.CommitAsync(ct);
        }
        return (record, X509CertificateLoader.LoadCertificate(der));
    }

    private static async Task<bool> AlreadyIssuedAsync(NationalDb db, CaKind kind, byte[] keyHash, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await db.Certificates.AsNoTracking().AnyAsync(c => c.Ca == (int)kind && c.KeyHash == keyHash, ct);
    }
}
