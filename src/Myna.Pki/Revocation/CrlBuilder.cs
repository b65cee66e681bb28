using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Myna.Pki.Revocation;

/// <summary>One revoked (or suspended) certificate on a CRL; the reason is a CRLReason code (RFC 5280 §5.3.1), or null for none; unspecified (0) is written as none.</summary>
public sealed record RevokedEntry(byte[] Serial, DateTimeOffset RevokedAt, int? Reason);

/// <summary>
/// X.509 v2 CRLs (RFC 5280 §5) written with our own DER writer, in one pass and linear in the
/// number of entries: the platform's builder slows down quadratically past ~50k entries
/// (ARCHITECTURE principle 4). sha256WithRSAEncryption, CRL number and authority key identifier.
/// </summary>
public static class CrlBuilder
{
    private const string CrlNumberOid = "2.5.29.20";
    private const string ReasonCodeOid = "2.5.29.21";
    private const string AuthorityKeyIdentifierOid = "2.5.29.35";
    private const int Unspecified = 0;

    public static byte[] Build(X509Certificate2 issuer, RSA issuerKey, BigInteger crlNumber, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate,
        IReadOnlyCollection<RevokedEntry> entries)
    {
        // AsnWriter grows its buffer by 1 KiB at a time, copying it each time: sized up front, the
        // encoding stays linear (an entry is at most ~60 bytes).
        var tbs = new AsnWriter(AsnEncodingRules.DER, initialCapacity: checked(entries.Count * 64 + 4096));
        using (tbs.PushSequence())
        {
            tbs.WriteInteger(1); // v2
            tbs.WriteEncodedValue(Der.Sha256WithRsa);
            tbs.WriteEncodedValue(issuer.SubjectName.RawData);
            Der.WriteX509Time(tbs, thisUpdate);
            Der.WriteX509Time(tbs, nextUpdate);
            var any = false;
            foreach (var e in entries)
            {
                if (!any)
                {
                    tbs.PushSequence();
                    any = true;
                }
                using (tbs.PushSequence())
                {
                    tbs.WriteIntegerUnsigned(e.Serial);
                    Der.WriteX509Time(tbs, e.RevokedAt);
                    // RFC 5280 §5.3.1: the reasonCode extension is absent rather than "unspecified" (0).
                    if (e.Reason is { } reason and not Unspecified)
                    {
                        using (tbs.PushSequence())
                        using (tbs.PushSequence())
                        {
                            tbs.WriteObjectIdentifier(ReasonCodeOid);
                            tbs.WriteOctetString([0x0A, 0x01, (byte)reason]); // ENUMERATED
                        }
                    }
                }
            }
            if (any)
            {
                tbs.PopSequence();
            }
            using (tbs.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            using (tbs.PushSequence())
            {
                var aki = X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false);
                using (tbs.PushSequence())
                {
                    tbs.WriteObjectIdentifier(AuthorityKeyIdentifierOid);
                    tbs.WriteOctetString(aki.RawData);
                }
                using (tbs.PushSequence())
                {
                    tbs.WriteObjectIdentifier(CrlNumberOid);
                    var number = new AsnWriter(AsnEncodingRules.DER);
                    number.WriteInteger(crlNumber);
                    tbs.WriteOctetString(number.Encode());
                }
            }
        }
        var tbsBytes = tbs.Encode();
        var signature = issuerKey.SignData(tbsBytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var crl = new AsnWriter(AsnEncodingRules.DER, initialCapacity: tbsBytes.Length + 512);
        using (crl.PushSequence())
        {
            crl.WriteEncodedValue(tbsBytes);
            crl.WriteEncodedValue(Der.Sha256WithRsa);
            crl.WriteBitString(signature);
        }
        return crl.Encode();
    }
}
