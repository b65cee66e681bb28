using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Myna.Pki.Ocsp;

/// <summary>OCSPResponseStatus (RFC 6960 §4.2.1).</summary>
public enum OcspResponseStatus
{
    Successful = 0,
    MalformedRequest = 1,
    InternalError = 2,
    TryLater = 3,
    SigRequired = 5,
    Unauthorized = 6,
}

/// <summary>CertStatus (RFC 6960 §4.2.1).</summary>
public enum OcspCertStatus
{
    Good,
    Revoked,
    Unknown,
}

/// <summary>One SingleResponse: the certificate as asked, its status, and the times the answer holds for.</summary>
public sealed record OcspSingleResponse(CertId Id, OcspCertStatus Status, DateTimeOffset? RevokedAt, int? Reason, DateTimeOffset ThisUpdate,
    DateTimeOffset? NextUpdate);

/// <summary>
/// Writes and reads OCSP responses (RFC 6960 §4.2): a BasicOCSPResponse signed with
/// sha256WithRSAEncryption by the delegated responder, which identifies itself by key hash and
/// sends its certificate along so a client holding only the CA certificate can check it.
/// </summary>
public static class OcspResponses
{
    public const string BasicOid = "1.3.6.1.5.5.7.48.1.1";
    /// <summary>id-pkix-ocsp-extended-revoke (RFC 6960 §4.4.8): "revoked" may also mean "never issued".</summary>
    public const string ExtendedRevokeOid = "1.3.6.1.5.5.7.48.1.9";

    private static readonly Asn1Tag Explicit0 = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag Explicit1 = new(TagClass.ContextSpecific, 1, isConstructed: true);

    /// <summary>An unsuccessful response: only the status, no signature (RFC 6960 §4.2.1).</summary>
    public static byte[] Error(OcspResponseStatus status) => [0x30, 0x03, 0x0A, 0x01, (byte)status];

    public static byte[] Build(X509Certificate2 responder, RSA responderKey, DateTimeOffset producedAt, IReadOnlyList<OcspSingleResponse> responses,
        byte[]? nonce, bool extendedRevoke)
    {
        var tbs = new AsnWriter(AsnEncodingRules.DER);
        using (tbs.PushSequence())
        {
            // ResponderID byKey: [2] EXPLICIT OCTET STRING (SHA-1 of the responder's public key).
            using (tbs.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2, isConstructed: true)))
            {
                tbs.WriteOctetString(CertId.Hash(CertId.Sha1, CertId.SubjectPublicKeyBits(responder)));
            }
            Der.WriteGeneralizedTime(tbs, producedAt);
            using (tbs.PushSequence())
            {
                foreach (var r in responses)
                {
                    WriteSingle(tbs, r);
                }
            }
            if (nonce is not null || extendedRevoke)
            {
                using (tbs.PushSequence(Explicit1))
                using (tbs.PushSequence())
                {
                    if (nonce is not null)
                    {
                        using (tbs.PushSequence())
                        {
                            tbs.WriteObjectIdentifier(OcspRequest.NonceOid);
                            tbs.WriteOctetString(nonce);
                        }
                    }
                    if (extendedRevoke)
                    {
                        using (tbs.PushSequence())
                        {
                            tbs.WriteObjectIdentifier(ExtendedRevokeOid);
                            tbs.WriteOctetString([0x05, 0x00]);
                        }
                    }
                }
            }
        }
        var tbsBytes = tbs.Encode();
        var signature = responderKey.SignData(tbsBytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var basic = new AsnWriter(AsnEncodingRules.DER, initialCapacity: tbsBytes.Length + responder.RawData.Length + 400);
        using (basic.PushSequence())
        {
            basic.WriteEncodedValue(tbsBytes);
            basic.WriteEncodedValue(Der.Sha256WithRsa);
            basic.WriteBitString(signature);
            using (basic.PushSequence(Explicit0))
            using (basic.PushSequence())
            {
                basic.WriteEncodedValue(responder.RawData);
            }
        }
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            w.WriteEnumeratedValue(OcspResponseStatus.Successful);
            using (w.PushSequence(Explicit0))
            using (w.PushSequence())
            {
                w.WriteObjectIdentifier(BasicOid);
                w.WriteOctetString(basic.Encode());
            }
        }
        return w.Encode();
    }

    private static void WriteSingle(AsnWriter w, OcspSingleResponse r)
    {
        using (w.PushSequence())
        {
            w.WriteEncodedValue(r.Id.Encoded);
            switch (r.Status)
            {
                case OcspCertStatus.Good:
                    w.WriteNull(new Asn1Tag(TagClass.ContextSpecific, 0));
                    break;
                case OcspCertStatus.Revoked:
                    using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
                    {
                        Der.WriteGeneralizedTime(w, r.RevokedAt ?? throw new ArgumentException("a revoked status needs its time"));
                        if (r.Reason is { } reason)
                        {
                            using (w.PushSequence(Explicit0))
                            {
                                w.WriteEncodedValue([0x0A, 0x01, checked((byte)reason)]); // CRLReason ENUMERATED
                            }
                        }
                    }
                    break;
                default:
                    w.WriteNull(new Asn1Tag(TagClass.ContextSpecific, 2));
                    break;
            }
            Der.WriteGeneralizedTime(w, r.ThisUpdate);
            if (r.NextUpdate is { } next)
            {
                using (w.PushSequence(Explicit0))
                {
                    Der.WriteGeneralizedTime(w, next);
                }
            }
        }
    }

    /// <summary>Reads a response; the signature is checked by <see cref="ParsedOcspResponse.Verify"/>.</summary>
    public static ParsedOcspResponse Parse(ReadOnlyMemory<byte> der)
    {
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            var status = outer.ReadEnumeratedValue<OcspResponseStatus>();
            if (status != OcspResponseStatus.Successful)
            {
                return new ParsedOcspResponse(status, [], null, [], [], [], default);
            }
            var bytes = outer.ReadSequence(Explicit0).ReadSequence();
            if (bytes.ReadObjectIdentifier() != BasicOid)
            {
                throw new OcspFormatException("the response is not a basic OCSP response");
            }
            var basic = new AsnReader(bytes.ReadOctetString(), AsnEncodingRules.DER).ReadSequence();
            var tbsBytes = basic.ReadEncodedValue().ToArray();
            var algorithm = basic.ReadSequence().ReadObjectIdentifier();
            var signature = basic.ReadBitString(out _);
            var certs = new List<X509Certificate2>();
            if (basic.HasData)
            {
                var list = basic.ReadSequence(Explicit0).ReadSequence();
                while (list.HasData)
                {
                    certs.Add(X509CertificateLoader.LoadCertificate(list.ReadEncodedValue().Span));
                }
            }
            var tbs = new AsnReader(tbsBytes, AsnEncodingRules.DER).ReadSequence();
            if (tbs.PeekTag().HasSameClassAndValue(Explicit0))
            {
                tbs.ReadSequence(Explicit0);
            }
            var responderId = tbs.ReadEncodedValue().ToArray();
            var producedAt = tbs.ReadGeneralizedTime();
            var singles = new List<OcspSingleResponse>();
            var list2 = tbs.ReadSequence();
            while (list2.HasData)
            {
                singles.Add(ReadSingle(list2.ReadSequence()));
            }
            byte[]? nonce = null;
            if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Explicit1))
            {
                nonce = Der.Extensions(tbs.ReadSequence(Explicit1)).Where(e => e.Oid == OcspRequest.NonceOid).Select(e => e.Value).FirstOrDefault();
            }
            return new ParsedOcspResponse(status, singles, nonce, certs, tbsBytes, signature, producedAt, algorithm, responderId);
        }
        catch (AsnContentException e)
        {
            throw new OcspFormatException("the response is not a DER-encoded OCSPResponse: " + e.Message, e);
        }
        catch (CryptographicException e)
        {
            throw new OcspFormatException("the response is not a DER-encoded OCSPResponse: " + e.Message, e);
        }
    }

    private static OcspSingleResponse ReadSingle(AsnReader single)
    {
        var id = CertId.Read(single.ReadEncodedValue());
        var tag = single.PeekTag();
        OcspCertStatus status;
        DateTimeOffset? revokedAt = null;
        int? reason = null;
        if (tag.HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
        {
            single.ReadNull(new Asn1Tag(TagClass.ContextSpecific, 0));
            status = OcspCertStatus.Good;
        }
        else if (tag.HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 1)))
        {
            var revoked = single.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true));
            revokedAt = revoked.ReadGeneralizedTime();
            if (revoked.HasData)
            {
                var code = revoked.ReadSequence(Explicit0).ReadEnumeratedBytes().Span;
                reason = code.Length == 1 ? code[0] : throw new OcspFormatException("a CRLReason out of range");
            }
            status = OcspCertStatus.Revoked;
        }
        else
        {
            single.ReadEncodedValue();
            status = OcspCertStatus.Unknown;
        }
        var thisUpdate = single.ReadGeneralizedTime();
        DateTimeOffset? nextUpdate = null;
        if (single.HasData && single.PeekTag().HasSameClassAndValue(Explicit0))
        {
            nextUpdate = single.ReadSequence(Explicit0).ReadGeneralizedTime();
        }
        return new OcspSingleResponse(id, status, revokedAt, reason, thisUpdate, nextUpdate);
    }
}

/// <summary>A parsed OCSP response; <see cref="Verify"/> checks who signed it.</summary>
public sealed record ParsedOcspResponse(OcspResponseStatus Status, IReadOnlyList<OcspSingleResponse> Responses, byte[]? Nonce,
    IReadOnlyList<X509Certificate2> Certificates, byte[] ToBeSigned, byte[] Signature, DateTimeOffset ProducedAt, string? SignatureAlgorithm = null,
    byte[]? ResponderId = null)
{
    private const string Sha256WithRsa = "1.2.840.113549.1.1.11";

    /// <summary>
    /// Null when the response is signed by <paramref name="issuer"/> itself or by a certificate it
    /// issued for OCSP signing (RFC 6960 §4.2.2.2) that is valid at <paramref name="at"/>; otherwise why not.
    /// </summary>
    public string? Verify(X509Certificate2 issuer, DateTimeOffset at)
    {
        if (SignatureAlgorithm != Sha256WithRsa)
        {
            return $"the OCSP response is signed with an unsupported algorithm ({SignatureAlgorithm})";
        }
        foreach (var candidate in Certificates.Prepend(issuer))
        {
            using var key = candidate.GetRSAPublicKey();
            if (key is null || !key.VerifyData(ToBeSigned, Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                continue;
            }
            if (ReferenceEquals(candidate, issuer) || candidate.RawData.AsSpan().SequenceEqual(issuer.RawData))
            {
                return null;
            }
            if (!IssuedBy(candidate, issuer))
            {
                return "the OCSP response is signed by a certificate the CA did not issue";
            }
            var eku = candidate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
            if (eku is null || !eku.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == "1.3.6.1.5.5.7.3.9"))
            {
                return "the OCSP responder certificate is not authorised for OCSP signing";
            }
            if (at < candidate.NotBefore.ToUniversalTime() || at > candidate.NotAfter.ToUniversalTime())
            {
                return "the OCSP responder certificate is not valid at this time";
            }
            return null;
        }
        return "the OCSP response signature does not verify";
    }

    private static bool IssuedBy(X509Certificate2 certificate, X509Certificate2 issuer)
    {
        if (!certificate.IssuerName.RawData.AsSpan().SequenceEqual(issuer.SubjectName.RawData))
        {
            return false;
        }
        var reader = new AsnReader(certificate.RawData, AsnEncodingRules.DER).ReadSequence();
        var tbs = reader.ReadEncodedValue();
        reader.ReadSequence();
        var signature = reader.ReadBitString(out _);
        using var key = issuer.GetRSAPublicKey();
        return key is not null && key.VerifyData(tbs.Span, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }
}
