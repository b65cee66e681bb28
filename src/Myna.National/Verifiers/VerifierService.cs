using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Identifiers;
using Myna.Core.Text.Messages;
using Myna.Core.Verifiers;
using Myna.National.Jpki;
using Myna.Pki.Authorities;
using Myna.Pki.Profiles;
using Myna.Pki.Verification;
using Myna.Storage;
using Myna.Storage.Audit;

namespace Myna.National.Verifiers;

/// <summary>A verifier request that cannot be served, with the reason and the HTTP status it maps to.</summary>
public sealed class VerifierException(int status, string code, string message) : InvalidOperationException(message), Core.Text.Messages.IMessageCarrier
{
    public int Status { get; } = status;
    public string Code { get; } = code;

    /// <summary>A refusal an operator can meet, from the message catalogue (ARCHITECTURE 6); <see cref="Code"/> stays the API's category.</summary>
    public VerifierException(int status, string code, Message text) : this(status, code, text.En) => Text = text;

    /// <summary>The catalogue message, when the refusal has one (the operators' refusals); the verifier API's own answers are English.</summary>
    public Message? Text { get; }

    /// <summary>The codes an operator can meet on the verifiers page (register, renew, disable), for the catalogue's completeness check.</summary>
    public static readonly IReadOnlyList<string> OperatorCodes = ["name", "kind", "corporate-number", "unknown-verifier"];
}

/// <summary>One certificate's status as told to a verifier.</summary>
public sealed record VerifierStatus(string Serial, string Status, DateTimeOffset? Since, string? Reason);

/// <summary>
/// The answer to "has the four information changed?" (DOMAIN §7.5). While the certificate is
/// valid it has not; once revoked, with the holder's consent, the verifier receives the four
/// information of the holder's current signature certificate and that certificate's serial to
/// keep instead.
/// </summary>
public sealed record FourInformationAnswer(string Serial, string Status, bool Changed, string? SuccessorSerial, DateTimeOffset? SuccessorNotAfter,
    FourInformation? FourInformation, string Explanation);

/// <summary>
/// Verifier organisations and what they may ask (DOMAIN §7.5): registration with an API key,
/// batches of statuses, consent records, and the consented four-information provision. Every
/// answer is logged (verifier, time, certificate, purpose).
/// </summary>
public sealed class VerifierService(AuditLog audit, TimeProvider time, Func<CaKind, Pki.Authorities.CertificateAuthority> authorities)
{
    public const int MaxBatch = 1000;
    private const string KeyPrefix = "myv_";

    public static byte[] HashKey(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Registers an organisation; returns it and its API key, which is shown this once and stored only hashed.</summary>
    public async Task<(Verifier Verifier, string Key)> RegisterAsync(NationalDb db, string name, VerifierKind kind, string? corporateNumber, string actor,
        CancellationToken ct = default)
    {
        name = name.Trim();
        if (name.Length is 0 or > 200)
        {
            throw new VerifierException(400, "name", VerifierRuleMessages.Name);
        }
        if (kind is not (VerifierKind.Signature or VerifierKind.UserAuthentication or VerifierKind.Both))
        {
            throw new VerifierException(400, "kind", VerifierRuleMessages.Kind);
        }
        if (corporateNumber is { Length: > 0 })
        {
            if (!CorporateNumber.TryParse(corporateNumber, out var number, out var problem))
            {
                throw new VerifierException(400, "corporate-number", VerifierRuleMessages.CorporateNumber.With(problem.Text));
            }
            corporateNumber = number.Value;
        }
        var key = NewKey();
        var verifier = new Verifier
        {
            Name = name, Kind = kind, CorporateNumber = corporateNumber is { Length: > 0 } ? corporateNumber : null,
            KeyHash = HashKey(key), KeyPrefix = key[..(KeyPrefix.Length + 6)], RegisteredAt = time.GetUtcNow(), RegisteredBy = actor,
        };
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        db.Verifiers.Add(verifier);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, AuditActions.VerifierRegistered, $"verifier:{verifier.Id}", detail: $"{verifier.Kind} {verifier.Name}", ct: ct);
        await tx.CommitAsync(ct);
        return (verifier, key);
    }

    /// <summary>Replaces a verifier's key (a lost or leaked key); the old one stops working at once.</summary>
    public async Task<string> RenewKeyAsync(NationalDb db, long verifierId, string actor, CancellationToken ct = default)
    {
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var verifier = await db.Verifiers.FirstOrDefaultAsync(v => v.Id == verifierId, ct)
            ?? throw new VerifierException(404, "unknown-verifier", VerifierRuleMessages.UnknownVerifier);
        var key = NewKey();
        verifier.KeyHash = HashKey(key);
        verifier.KeyPrefix = key[..(KeyPrefix.Length + 6)];
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, AuditActions.VerifierKeyRenewed, $"verifier:{verifier.Id}", ct: ct);
        await tx.CommitAsync(ct);
        return key;
    }

    public async Task SetDisabledAsync(NationalDb db, long verifierId, bool disabled, string actor, CancellationToken ct = default)
    {
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var verifier = await db.Verifiers.FirstOrDefaultAsync(v => v.Id == verifierId, ct)
            ?? throw new VerifierException(404, "unknown-verifier", VerifierRuleMessages.UnknownVerifier);
        verifier.DisabledAt = disabled ? time.GetUtcNow() : null;
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, disabled ? AuditActions.VerifierDisabled : AuditActions.VerifierEnabled, $"verifier:{verifier.Id}", ct: ct);
        await tx.CommitAsync(ct);
    }

    private static string NewKey() => KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The verifier holding this key, or null (unknown key or disabled organisation).</summary>
    public static async Task<Verifier?> AuthenticateAsync(NationalDb db, string? key, CancellationToken ct = default)
    {
        if (key is null || !key.StartsWith(KeyPrefix, StringComparison.Ordinal) || key.Length > 100)
        {
            return null;
        }
        var hash = HashKey(key);
        var verifier = await db.Verifiers.AsNoTracking().FirstOrDefaultAsync(v => v.KeyHash == hash, ct);
        return verifier is { DisabledAt: null } ? verifier : null;
    }

    /// <summary>Statuses of a batch of serials, of the CAs the verifier is registered for; a serial of another CA is "unknown".</summary>
    public async Task<IReadOnlyList<VerifierStatus>> StatusAsync(NationalDb db, Verifier verifier, IReadOnlyList<string> serials, string purpose,
        CancellationToken ct = default)
    {
        RequirePurpose(purpose);
        if (serials.Count is 0 or > MaxBatch)
        {
            throw new VerifierException(400, "batch-size", $"send 1 to {MaxBatch} serials per request");
        }
        var normalized = serials.Select(Normalize).ToList();
        if (normalized.Any(s => s is null))
        {
            throw new VerifierException(400, "serial", "every serial must be hexadecimal (colons and spaces are ignored)");
        }
        var cas = Cas(verifier.Kind);
        var distinct = normalized.Distinct(StringComparer.Ordinal).ToList();
        var found = new Dictionary<string, (CertificateStatus Status, DateTimeOffset? At, RevocationReason? Reason)>(StringComparer.Ordinal);
        foreach (var chunk in distinct.Chunk(500))
        {
            var rows = await db.Certificates.AsNoTracking().Where(c => chunk.Contains(c.Serial) && cas.Contains(c.Ca))
                .Select(c => new { c.Serial, c.Status, c.StatusAt, c.Reason }).ToListAsync(ct);
            foreach (var r in rows)
            {
                found[r.Serial] = (r.Status, r.StatusAt, r.Reason);
            }
        }
        var answers = normalized.Select(s => found.TryGetValue(s!, out var f)
            ? new VerifierStatus(s!, StatusName(f.Status), f.At, f.Status is CertificateStatus.Revoked or CertificateStatus.Suspended && f.Reason is { } r ? ReasonName(r) : null)
            : new VerifierStatus(s!, VerifierAnswerWords.Unknown, null, null)).ToList();
        await LogAsync(db, verifier, VerifierAnswerWords.Status, answers.Select(a => (a.Serial, a.Status)), purpose, ct);
        return answers;
    }

    /// <summary>
    /// Records the holder's consent to the four-information provision: <paramref name="evidence"/> is a
    /// CMS signature over the consent statement, made with the holder's signature certificate
    /// <paramref name="serial"/>, which must be valid now.
    /// </summary>
    public async Task<VerifierConsent> RecordConsentAsync(NationalDb db, Verifier verifier, string serial, string purpose, byte[] evidence,
        CancellationToken ct = default)
    {
        RequirePurpose(purpose);
        RequireSignatureVerifier(verifier);
        var normalized = Normalize(serial) ?? throw new VerifierException(400, "serial", "the serial must be hexadecimal");
        var certificate = await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.Serial == normalized && c.Ca == (int)CaKind.Signature, ct)
            ?? throw new VerifierException(404, "unknown-certificate", $"no signature certificate with serial {normalized}");
        var ca = authorities(CaKind.Signature);
        var report = await new CmsVerifier([ca.Certificate], new StoreRevocation(db), time).VerifyAsync(evidence, null, ct);
        if (!report.Valid)
        {
            await LogAsync(db, verifier, VerifierAnswerWords.Consent, [(normalized, VerifierAnswerWords.Refused(report.Failure.ToString()))], purpose, ct);
            throw new VerifierException(422, "consent-signature", "the consent's signature is not acceptable: " + report.Message);
        }
        if (!string.Equals(Serials.Of(report.Signer!), normalized, StringComparison.Ordinal))
        {
            throw new VerifierException(422, "consent-signer", "the consent is signed with another certificate than the one named");
        }
        var consent = new VerifierConsent
        {
            VerifierId = verifier.Id, HolderHash = certificate.HolderHash, Serial = normalized, Purpose = purpose.Trim(), ConsentedAt = time.GetUtcNow(),
            Evidence = evidence,
        };
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        db.VerifierConsents.Add(consent);
        await db.SaveChangesAsync(ct);
        db.VerifierAnswers.Add(Answer(verifier, VerifierAnswerWords.Consent, normalized, purpose, VerifierAnswerWords.Recorded));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return consent;
    }

    /// <summary>Withdraws the holder's consent (named by any of the holder's signature certificates); true when one was in force.</summary>
    public async Task<bool> WithdrawConsentAsync(NationalDb db, Verifier verifier, string serial, CancellationToken ct = default)
    {
        var normalized = Normalize(serial) ?? throw new VerifierException(400, "serial", "the serial must be hexadecimal");
        var holder = await HolderOfAsync(db, normalized, ct);
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var consents = await db.VerifierConsents.Where(c => c.VerifierId == verifier.Id && c.HolderHash == holder && c.WithdrawnAt == null).ToListAsync(ct);
        foreach (var c in consents)
        {
            c.WithdrawnAt = time.GetUtcNow();
        }
        db.VerifierAnswers.Add(Answer(verifier, VerifierAnswerWords.Consent, normalized, "withdrawal", consents.Count > 0 ? VerifierAnswerWords.Withdrawn : VerifierAnswerWords.NoneInForce));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return consents.Count > 0;
    }

    /// <summary>The consented four-information provision (基本4情報提供, DOMAIN §7.5).</summary>
    public async Task<FourInformationAnswer> FourInformationAsync(NationalDb db, Verifier verifier, string serial, string purpose, CancellationToken ct = default)
    {
        RequirePurpose(purpose);
        RequireSignatureVerifier(verifier);
        var normalized = Normalize(serial) ?? throw new VerifierException(400, "serial", "the serial must be hexadecimal");
        var certificate = await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.Serial == normalized && c.Ca == (int)CaKind.Signature, ct);
        if (certificate is null)
        {
            await LogAsync(db, verifier, VerifierAnswerWords.FourInformation, [(normalized, VerifierAnswerWords.Refused(VerifierAnswerWords.UnknownCertificate))], purpose, ct);
            throw new VerifierException(404, "unknown-certificate", $"no signature certificate with serial {normalized}");
        }
        var consented = await db.VerifierConsents.AsNoTracking()
            .AnyAsync(c => c.VerifierId == verifier.Id && c.HolderHash == certificate.HolderHash && c.WithdrawnAt == null, ct);
        if (!consented)
        {
            await LogAsync(db, verifier, VerifierAnswerWords.FourInformation, [(normalized, VerifierAnswerWords.Refused(VerifierAnswerWords.NoConsent))], purpose, ct);
            throw new VerifierException(403, "no-consent", "the holder has not consented to this verifier receiving the four information (or withdrew it)");
        }
        FourInformationAnswer answer;
        if (certificate.Status is CertificateStatus.Good or CertificateStatus.Suspended)
        {
            answer = new FourInformationAnswer(normalized, StatusName(certificate.Status), false, null, null, null,
                "the certificate has not been revoked: the four information has not changed");
        }
        else
        {
            var successor = await db.Certificates.AsNoTracking()
                .Where(c => c.HolderHash == certificate.HolderHash && c.Ca == (int)CaKind.Signature && c.Status == CertificateStatus.Good && c.Id > certificate.Id)
                .OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct);
            if (successor?.Der is null)
            {
                answer = new FourInformationAnswer(normalized, StatusName(certificate.Status), true, null, null, null,
                    "the certificate is revoked and the holder has no valid signature certificate now (not yet renewed, card returned, or deceased)");
            }
            else
            {
                using var x509 = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(successor.Der);
                answer = new FourInformationAnswer(normalized, StatusName(certificate.Status), true, successor.Serial, successor.NotAfter,
                    CmsVerifier.FourInformationOf(x509), "the certificate is revoked; here is the holder's current four information and the serial to keep instead");
            }
        }
        await LogAsync(db, verifier, VerifierAnswerWords.FourInformation, [(normalized, answer.FourInformation is null ? (answer.Changed ? VerifierAnswerWords.ChangedNoSuccessor : VerifierAnswerWords.Unchanged) : VerifierAnswerWords.Provided(answer.SuccessorSerial!))], purpose, ct);
        return answer;
    }

    private static async Task<byte[]> HolderOfAsync(NationalDb db, string serial, CancellationToken ct) =>
        await db.Certificates.AsNoTracking().Where(c => c.Serial == serial && c.Ca == (int)CaKind.Signature).Select(c => c.HolderHash).FirstOrDefaultAsync(ct)
        ?? throw new VerifierException(404, "unknown-certificate", $"no signature certificate with serial {serial}");

    private async Task LogAsync(NationalDb db, Verifier verifier, string kind, IEnumerable<(string Serial, string Outcome)> answers, string purpose,
        CancellationToken ct)
    {
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        foreach (var (serial, outcome) in answers)
        {
            db.VerifierAnswers.Add(Answer(verifier, kind, serial, purpose, outcome));
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private VerifierAnswer Answer(Verifier verifier, string kind, string serial, string purpose, string outcome) => new()
    {
        VerifierId = verifier.Id, At = time.GetUtcNow(), Kind = kind, Serial = serial, Purpose = purpose.Trim(), Outcome = outcome,
    };

    private static void RequirePurpose(string? purpose)
    {
        if (string.IsNullOrWhiteSpace(purpose) || purpose.Length > 200)
        {
            throw new VerifierException(400, "purpose", "state the purpose of the request (at most 200 characters): it is logged with the answer (DOMAIN §7.5)");
        }
    }

    private static void RequireSignatureVerifier(Verifier verifier)
    {
        if (!verifier.Kind.HasFlag(VerifierKind.Signature))
        {
            throw new VerifierException(403, "not-a-signature-verifier", "only signature verifiers (署名検証者) may receive the four information");
        }
    }

    private static int[] Cas(VerifierKind kind) =>
        [.. kind.HasFlag(VerifierKind.Signature) ? [(int)CaKind.Signature] : Array.Empty<int>(),
         .. kind.HasFlag(VerifierKind.UserAuthentication) ? [(int)CaKind.UserAuthentication] : Array.Empty<int>()];

    public static string? Normalize(string? serial)
    {
        if (serial is null)
        {
            return null;
        }
        var s = serial.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant().TrimStart('0');
        return s.Length > 0 && s.Length <= 40 && s.All(Uri.IsHexDigit) ? s : null;
    }

    public static string StatusName(CertificateStatus status) => status switch
    {
        CertificateStatus.Good => "good",
        CertificateStatus.Suspended => "suspended",
        CertificateStatus.Revoked => "revoked",
        _ => "revoked", // never issued (a pending record) is, for a verifier, not usable
    };

    public static string ReasonName(RevocationReason reason) => CmsVerifier.ReasonName((int)reason);
}
