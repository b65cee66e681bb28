using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Myna.Pki.Revocation;

/// <summary>A CRL as a verifier reads it: who issued it, when, and the revoked serials (upper-case hex).</summary>
public sealed record ParsedCrl(byte[] Issuer, DateTimeOffset ThisUpdate, DateTimeOffset? NextUpdate, IReadOnlyDictionary<string, RevokedEntry> Entries,
    byte[] ToBeSigned, byte[] Signature, string SignatureAlgorithm)
{
    /// <summary>Null when <paramref name="issuer"/> issued and signed this CRL; otherwise why not.</summary>
    public string? Verify(X509Certificate2 issuer)
    {
        if (!Issuer.AsSpan().SequenceEqual(issuer.SubjectName.RawData))
        {
            return "the CRL was issued by another CA";
        }
        if (SignatureAlgorithm != "1.2.840.113549.1.1.11")
        {
            return $"the CRL is signed with an unsupported algorithm ({SignatureAlgorithm})";
        }
        using var key = issuer.GetRSAPublicKey();
        return key is not null && key.VerifyData(ToBeSigned, Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            ? null
            : "the CRL signature does not verify with the CA's key";
    }
}

/// <summary>Reads X.509 v2 CRLs (RFC 5280 §5.1) in one pass.</summary>
public static class CrlReader
{
    private const string ReasonCodeOid = "2.5.29.21";

    public static ParsedCrl Read(ReadOnlyMemory<byte> der)
    {
        try
        {
            var list = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            var tbsBytes = list.ReadEncodedValue();
            var algorithm = list.ReadSequence().ReadObjectIdentifier();
            var signature = list.ReadBitString(out _);
            var tbs = new AsnReader(tbsBytes, AsnEncodingRules.DER).ReadSequence();
            if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
            {
                tbs.ReadInteger();
            }
            tbs.ReadSequence();
            var issuer = tbs.ReadEncodedValue().ToArray();
            var thisUpdate = ReadTime(tbs);
            DateTimeOffset? nextUpdate = null;
            if (tbs.HasData && (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) || tbs.PeekTag().HasSameClassAndValue(Asn1Tag.GeneralizedTime)))
            {
                nextUpdate = ReadTime(tbs);
            }
            var entries = new Dictionary<string, RevokedEntry>(StringComparer.Ordinal);
            if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                var revoked = tbs.ReadSequence();
                while (revoked.HasData)
                {
                    var entry = revoked.ReadSequence();
                    var serial = entry.ReadIntegerBytes().ToArray();
                    var at = ReadTime(entry);
                    int? reason = null;
                    if (entry.HasData)
                    {
                        foreach (var (oid, value) in Der.Extensions(entry))
                        {
                            if (oid == ReasonCodeOid)
                            {
                                reason = new AsnReader(value, AsnEncodingRules.DER).ReadEnumeratedBytes().Span[^1];
                            }
                        }
                    }
                    entries[Convert.ToHexString(serial.AsSpan().TrimStart((byte)0))] = new RevokedEntry(serial, at, reason);
                }
            }
            return new ParsedCrl(issuer, thisUpdate, nextUpdate, entries, tbsBytes.ToArray(), signature, algorithm);
        }
        catch (AsnContentException e)
        {
            throw new FormatException("not a DER-encoded X.509 CRL: " + e.Message, e);
        }
    }

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();

    /// <summary>The URIs of a certificate's CRL distribution points (RFC 5280 §4.2.1.13), fullName form only.</summary>
    public static IReadOnlyList<string> DistributionPoints(X509Certificate2 certificate)
    {
        var uris = new List<string>();
        if (certificate.Extensions["2.5.29.31"] is not { } extension)
        {
            return uris;
        }
        var points = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
        while (points.HasData)
        {
            var point = points.ReadSequence();
            if (!point.HasData || !point.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                continue;
            }
            var name = point.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true));
            if (!name.HasData || !name.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                continue;
            }
            var fullName = name.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true));
            while (fullName.HasData)
            {
                var tag = fullName.PeekTag();
                if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue == 6)
                {
                    uris.Add(fullName.ReadCharacterString(UniversalTagNumber.IA5String, new Asn1Tag(TagClass.ContextSpecific, 6)));
                }
                else
                {
                    fullName.ReadEncodedValue();
                }
            }
        }
        return uris;
    }
}
