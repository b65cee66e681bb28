using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Myna.Pki.Profiles;

namespace Myna.Pki.Verification;

/// <summary>Why a signature was not accepted: one value per check of DOMAIN §7.6, in the order they run.</summary>
public enum SignatureFailure
{
    None,
    NotCms,
    ContentMissing,
    SignerCount,
    SignerCertificateMissing,
    SignatureMismatch,
    NotASignatureCertificate,
    Untrusted,
    /// <summary>The certificate was not valid at the verification time (the present, or a trusted time-stamp).</summary>
    NotValidAtSigningTime,
    Revoked,
    Suspended,
    RevocationUndetermined,
}

/// <summary>
/// The outcome of verifying one signed document; <see cref="Message"/> says precisely what failed.
/// <see cref="SigningTime"/> is what the signer stated (or null): shown, never relied on.
/// <see cref="VerifiedAt"/> is the time the certificate was judged at and <see cref="TimeBasis"/> why:
/// "present time", or "time-stamped at … by …" when a trusted RFC 3161 token proves an earlier time.
/// </summary>
public sealed record SignatureReport(SignatureFailure Failure, string Message, X509Certificate2? Signer, DateTimeOffset? SigningTime,
    bool SigningTimeAsserted, RevocationAnswer? Revocation, FourInformation? FourInformation)
{
    public bool Valid => Failure == SignatureFailure.None;
    public DateTimeOffset? VerifiedAt { get; init; }
    public string? TimeBasis { get; init; }
    /// <summary>Why a time-stamp token in the signature was not used, when there was one.</summary>
    public string? TimestampProblem { get; init; }
}

/// <summary>
/// Verifies a CMS (PKCS#7) signature made with a JPKI signature certificate (DOMAIN §7.6): the
/// signature over the content; that the signer's certificate is a signature certificate and
/// chains to a configured trust anchor; its validity at the verification time; its revocation
/// status now (OCSP, falling back to the CRL); and the holder's four information from the certificate.
/// The verification time is the present, unless a trusted RFC 3161 time-stamp token over the
/// signature proves an earlier one (<see cref="TrustedTimestamp"/>). The signer's own signingTime
/// attribute is never relied on: a holder whose certificate expired or was revoked could write any
/// earlier date into it.
/// </summary>
public sealed class CmsVerifier(IReadOnlyList<X509Certificate2> anchors, IRevocationSource revocation, TimeProvider time,
    IReadOnlyList<X509Certificate2>? timestampAnchors = null)
{
    private const string SigningTimeOid = "1.2.840.113549.1.9.5";

    public async Task<SignatureReport> VerifyAsync(byte[] signature, byte[]? content, CancellationToken ct = default)
    {
        DateTimeOffset? verifiedAt = null;
        string? basis = null, timestampProblem = null;
        var der = Unwrap(signature);
        bool detached;
        try
        {
            detached = IsDetached(der);
        }
        catch (AsnContentException e)
        {
            return Fail(SignatureFailure.NotCms, "the file is not a CMS (PKCS#7) signed-data structure: " + e.Message);
        }
        var cms = detached && content is not null ? new SignedCms(new ContentInfo(content), detached: true) : new SignedCms();
        try
        {
            cms.Decode(der);
        }
        catch (CryptographicException e)
        {
            return Fail(SignatureFailure.NotCms, "the file is not a CMS (PKCS#7) signed-data structure: " + e.Message);
        }
        if (detached && content is null)
        {
            return Fail(SignatureFailure.ContentMissing, "the signature is detached: give the signed content too (--content FILE)");
        }
        if (!detached && content is not null && !cms.ContentInfo.Content.AsSpan().SequenceEqual(content))
        {
            return Fail(SignatureFailure.SignatureMismatch, "the content given differs from the content inside the signature");
        }
        if (cms.SignerInfos.Count != 1)
        {
            return Fail(SignatureFailure.SignerCount, $"expected exactly one signer, found {cms.SignerInfos.Count}");
        }
        var signer = cms.SignerInfos[0];
        var certificate = signer.Certificate;
        if (certificate is null)
        {
            return Fail(SignatureFailure.SignerCertificateMissing, "the signer's certificate is not in the signature");
        }
        try
        {
            signer.CheckSignature(verifySignatureOnly: true);
        }
        catch (CryptographicException e)
        {
            return Fail(SignatureFailure.SignatureMismatch, "the signature does not match the content: " + e.Message, certificate);
        }

        var asserted = SigningTime(signer);
        var now = time.GetUtcNow();
        var stamped = TrustedTimestamp.Check(signer, timestampAnchors ?? [], out timestampProblem);
        verifiedAt = stamped?.At ?? now;
        basis = stamped is { } t
            ? string.Create(CultureInfo.InvariantCulture, $"time-stamped at {t.At:u} by {t.Authority}")
            : "present time" + (asserted is { } said && said < now - TimeSpan.FromMinutes(5)
                ? string.Create(CultureInfo.InvariantCulture, $"; the signer's stated signing time {said:u} is not evidence without a trusted time-stamp")
                : "");
        var policies = certificate.Extensions[JpkiOids.CertificatePolicies]?.RawData;
        var usage = certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault()?.KeyUsages ?? X509KeyUsageFlags.None;
        if (!usage.HasFlag(X509KeyUsageFlags.NonRepudiation) || policies is null || !HasPolicy(policies, JpkiOids.SignaturePolicy))
        {
            return Fail(SignatureFailure.NotASignatureCertificate,
                "the signer's certificate is not a signature certificate (署名用電子証明書): documents are signed with the signature certificate, never the user-authentication one",
                certificate, asserted);
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(anchors.ToArray());
        chain.ChainPolicy.ExtraStore.AddRange(cms.Certificates);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // revocation is checked below, with OCSP then CRL
        chain.ChainPolicy.VerificationTime = verifiedAt.Value.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (!chain.Build(certificate))
        {
            var statuses = chain.ChainStatus.Select(s => s.Status).ToList();
            if (statuses.Contains(X509ChainStatusFlags.NotTimeValid))
            {
                return Fail(SignatureFailure.NotValidAtSigningTime, string.Create(CultureInfo.InvariantCulture,
                    $"the certificate was not valid at {verifiedAt.Value:u} ({basis}); it is valid {certificate.NotBefore.ToUniversalTime():u} to {certificate.NotAfter.ToUniversalTime():u}"),
                    certificate, asserted);
            }
            return Fail(SignatureFailure.Untrusted, "the certificate does not chain to a trusted JPKI signature CA: "
                + string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).DefaultIfEmpty(string.Join(",", statuses))),
                certificate, asserted);
        }
        var issuer = chain.ChainElements.Count > 1 ? chain.ChainElements[1].Certificate : certificate;

        var status = await revocation.CheckAsync(certificate, issuer, ct);
        var info = FourInformationOf(certificate);
        var revokedAt = status.RevokedAt is { } at ? at.ToString("u", CultureInfo.InvariantCulture) : "?";
        // A revocation after a trusted time-stamp does not reach back over it (the signature provably existed
        // before), except for key compromise: the key may have been in other hands before the reported time.
        var revokedAfterStamp = stamped is not null && status.RevokedAt > stamped.At && status.Reason != 1;
        return status.State switch
        {
            RevocationState.Good => Report(SignatureFailure.None, "valid"),
            RevocationState.Revoked when revokedAfterStamp => Report(SignatureFailure.None,
                $"valid: the certificate was revoked (reason {ReasonName(status.Reason)}, at {revokedAt}; {status.Source}) after the signature was {basis}"),
            RevocationState.Suspended => Report(SignatureFailure.Suspended,
                $"the certificate is suspended (一時停止, since {revokedAt}; {status.Source})"),
            RevocationState.Revoked => Report(SignatureFailure.Revoked,
                $"the certificate is revoked (reason {ReasonName(status.Reason)}, at {revokedAt}; {status.Source})"
                + (stamped is null
                    ? asserted is { } said2 && status.RevokedAt > said2
                        ? "; the signer's stated signing time is earlier, but without a trusted time-stamp nothing proves it"
                        : ""
                    : $"; the signature was {basis}, after the revocation" + (status.Reason == 1 ? " or with the key compromised" : ""))),
            _ => Report(SignatureFailure.RevocationUndetermined,
                "the revocation status could not be determined: " + string.Join("; ", status.Problems)),
        };

        SignatureReport Report(SignatureFailure failure, string message) =>
            new(failure, message, certificate, asserted, asserted is not null, status, info)
            {
                VerifiedAt = verifiedAt, TimeBasis = basis, TimestampProblem = timestampProblem,
            };

        SignatureReport Fail(SignatureFailure failure, string message, X509Certificate2? signerCertificate = null, DateTimeOffset? stated = null) =>
            new(failure, message, signerCertificate, stated, stated is not null, null, null)
            {
                VerifiedAt = verifiedAt, TimeBasis = basis, TimestampProblem = timestampProblem,
            };
    }

    /// <summary>The four information as the certificate carries it (§7.2), or null when it has none.</summary>
    public static FourInformation? FourInformationOf(X509Certificate2 certificate)
    {
        var names = CertificateProfiles.ReadSubjectAltName(certificate);
        if (!names.TryGetValue(JpkiOids.Name, out var name) || !names.TryGetValue(JpkiOids.BirthDate, out var birth) || birth.Length != 9
            || !DateOnly.TryParseExact(birth[1..], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birthDate))
        {
            return null;
        }
        return new FourInformation(name, names.GetValueOrDefault(JpkiOids.NameAltFlags),
            int.TryParse(names.GetValueOrDefault(JpkiOids.Sex), NumberStyles.None, CultureInfo.InvariantCulture, out var sex) ? sex : 0,
            birthDate, names.GetValueOrDefault(JpkiOids.Address) ?? "", names.GetValueOrDefault(JpkiOids.AddressAltFlags));
    }

    public static string ReasonName(int? reason) => reason switch
    {
        null or 0 => "unspecified",
        1 => "keyCompromise",
        3 => "affiliationChanged",
        4 => "superseded",
        5 => "cessationOfOperation",
        6 => "certificateHold",
        var r => r.Value.ToString(CultureInfo.InvariantCulture),
    };

    private static DateTimeOffset? SigningTime(SignerInfo signer)
    {
        foreach (var attribute in signer.SignedAttributes)
        {
            if (attribute.Oid.Value == SigningTimeOid && attribute.Values.Count == 1)
            {
                return new Pkcs9SigningTime(attribute.Values[0].RawData).SigningTime;
            }
        }
        return null;
    }

    private static bool HasPolicy(byte[] policies, string oid)
    {
        var list = new AsnReader(policies, AsnEncodingRules.DER).ReadSequence();
        while (list.HasData)
        {
            if (list.ReadSequence().ReadObjectIdentifier() == oid)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True when SignedData's encapContentInfo carries no eContent (RFC 5652 §5.2): the content travels separately.</summary>
    private static bool IsDetached(byte[] der)
    {
        var contentInfo = new AsnReader(der, AsnEncodingRules.BER).ReadSequence();
        if (contentInfo.ReadObjectIdentifier() != "1.2.840.113549.1.7.2")
        {
            throw new AsnContentException("the content type is not signed-data");
        }
        var signedData = contentInfo.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)).ReadSequence();
        signedData.ReadInteger();
        signedData.ReadSetOf();
        var encapsulated = signedData.ReadSequence();
        encapsulated.ReadObjectIdentifier();
        return !encapsulated.HasData;
    }

    /// <summary>Accepts DER, or PEM with a PKCS7 or CMS label.</summary>
    private static byte[] Unwrap(byte[] file)
    {
        var text = file.Length < 1_000_000 && file.AsSpan().IndexOf("-----BEGIN "u8) >= 0 ? Encoding.ASCII.GetString(file) : null;
        if (text is not null && PemEncoding.TryFind(text, out var fields))
        {
            return Convert.FromBase64String(text[fields.Base64Data]);
        }
        return file;
    }
}
