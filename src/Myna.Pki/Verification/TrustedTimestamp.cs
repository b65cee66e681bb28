using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Myna.Pki.Verification;

/// <summary>A time-stamp token that was checked and trusted: when, and which authority vouches for it.</summary>
public sealed record TrustedTime(DateTimeOffset At, string Authority);

/// <summary>
/// Reads and checks the RFC 3161 time-stamp token a signer may carry in its unsigned attributes
/// (id-aa-timeStampToken, RFC 3161 appendix A), the only evidence that a signature existed before
/// now (DOMAIN §7.6). The signer's own <c>signingTime</c> is not evidence: anyone can write any date.
/// A token is trusted only when its signature verifies, its message imprint is the hash of this
/// signer's signature value, and its TSA certificate chains, at the stamped time, to a configured
/// time-stamping trust anchor and carries the timeStamping extended key usage. The TSA
/// certificate's revocation is not checked here (the anchors are the verifier's own choice).
/// </summary>
public static class TrustedTimestamp
{
    public const string TokenAttributeOid = "1.2.840.113549.1.9.16.2.14";
    private const string TimeStampingEku = "1.3.6.1.5.5.7.3.8";

    /// <summary>
    /// The trusted time of the signer's token; null with the reason when there is none or it cannot be
    /// trusted (no token is not a problem: <paramref name="problem"/> stays null).
    /// </summary>
    public static TrustedTime? Check(SignerInfo signer, IReadOnlyList<X509Certificate2> anchors, out string? problem)
    {
        problem = null;
        var tokens = signer.UnsignedAttributes.Cast<CryptographicAttributeObject>()
            .Where(a => a.Oid.Value == TokenAttributeOid).SelectMany(a => a.Values.Cast<AsnEncodedData>()).ToList();
        if (tokens.Count == 0)
        {
            return null;
        }
        if (tokens.Count > 1)
        {
            problem = "the signature carries more than one time-stamp token";
            return null;
        }
        if (!Rfc3161TimestampToken.TryDecode(tokens[0].RawData, out var token, out _) || token is null)
        {
            // The platform's decoder also refuses a token whose included TSA certificate lacks the timeStamping usage.
            problem = "the time-stamp token is not a valid RFC 3161 token (its structure, or a TSA certificate without the timeStamping usage)";
            return null;
        }
        if (!token.VerifySignatureForSignerInfo(signer, out var tsa) || tsa is null)
        {
            problem = "the time-stamp token's signature does not verify, or it stamps another signature (message imprint)";
            return null;
        }
        using (tsa)
        {
            var at = token.TokenInfo.Timestamp;
            // RFC 3161 §2.3: the TSA's certificate itself names timeStamping (a certificate without any EKU does not do).
            if (tsa.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is not { } eku
                || !eku.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == TimeStampingEku))
            {
                problem = $"the time-stamp authority's certificate {tsa.Subject} does not carry the timeStamping extended key usage";
                return null;
            }
            if (anchors.Count == 0)
            {
                problem = string.Create(CultureInfo.InvariantCulture,
                    $"the signature is time-stamped at {at:u} by {tsa.Subject}, but no time-stamping authority is trusted (--tsa-anchor)");
                return null;
            }
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(anchors.ToArray());
            chain.ChainPolicy.ExtraStore.AddRange(token.AsSignedCms().Certificates);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationTime = at.UtcDateTime;
            chain.ChainPolicy.VerificationTimeIgnored = false;
            chain.ChainPolicy.ApplicationPolicy.Add(new Oid(TimeStampingEku));
            if (!chain.Build(tsa))
            {
                problem = $"the time-stamp authority {tsa.Subject} is not trusted for time-stamping: "
                    + string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0)
                        .DefaultIfEmpty(string.Join(",", chain.ChainStatus.Select(s => s.Status))));
                return null;
            }
            return new TrustedTime(at, tsa.Subject);
        }
    }
}
