using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Myna.Pki.Revocation;

/// <summary>One revoked (or suspended) certificate on a CRL; the reason is a CRLReason code (RFC 5280 §5.3.1), or null for none.</summary>
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
    private static readonly byte[] Sha256WithRsa = [0x30, 0x0D, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B, 0x05, 0x00];

    public static byte[] Build(X509Certificate2 issuer, RSA issuerKey, BigInteger crlNumber, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate,
        IEnumerable<RevokedEntry> entries)
    {
        var tbs = new AsnWriter(AsnEncodingRules.DER);
        using (tbs.PushSequence())
        {
            tbs.WriteInteger(1); // v2
            tbs.WriteEncodedValue(Sha256WithRsa);
            tbs.WriteEncodedValue(issuer.SubjectName.RawData);
            WriteTime(tbs, thisUpdate);
            WriteTime(tbs, nextUpdate);
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
                    WriteTime(tbs, e.RevokedAt);
                    if (e.Reason is { } reason)
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
            crl.WriteEncodedValue(Sha256WithRsa);
            crl.WriteBitString(signature);
        }
        return crl.Encode();
    }

    /// <summary>RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050, always in whole seconds UTC.</summary>
    private static void WriteTime(AsnWriter w, DateTimeOffset t)
    {
        var utc = t.ToUniversalTime();
        utc = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, utc.Second, TimeSpan.Zero);
        if (utc.Year < 2050)
        {
            w.WriteUtcTime(utc);
        }
        else
        {
            w.WriteGeneralizedTime(utc, omitFractionalSeconds: true);
        }
    }
}
