using System.Formats.Asn1;

namespace Myna.Pki;

/// <summary>DER pieces shared by the certificates, CRLs and OCSP responses we sign ourselves.</summary>
internal static class Der
{
    /// <summary>AlgorithmIdentifier { sha256WithRSAEncryption, NULL }.</summary>
    public static readonly byte[] Sha256WithRsa = [0x30, 0x0D, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B, 0x05, 0x00];

    public static DateTimeOffset WholeSeconds(DateTimeOffset t)
    {
        var utc = t.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, utc.Second, TimeSpan.Zero);
    }

    /// <summary>RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050, always in whole seconds UTC.</summary>
    public static void WriteX509Time(AsnWriter w, DateTimeOffset t)
    {
        var utc = WholeSeconds(t);
        if (utc.Year < 2050)
        {
            w.WriteUtcTime(utc);
        }
        else
        {
            w.WriteGeneralizedTime(utc, omitFractionalSeconds: true);
        }
    }

    /// <summary>OCSP times are GeneralizedTime in whole seconds, UTC (RFC 6960 §4.2.2.1, RFC 5280 §4.1.2.5.2).</summary>
    public static void WriteGeneralizedTime(AsnWriter w, DateTimeOffset t, Asn1Tag? tag = null) =>
        w.WriteGeneralizedTime(WholeSeconds(t), omitFractionalSeconds: true, tag);

    /// <summary>The (extnID, extnValue) pairs of an Extensions SEQUENCE (RFC 5280 §4.1), the critical flag skipped.</summary>
    public static IEnumerable<(string Oid, byte[] Value)> Extensions(AsnReader extensions)
    {
        var list = extensions.ReadSequence();
        while (list.HasData)
        {
            var extension = list.ReadSequence();
            var oid = extension.ReadObjectIdentifier();
            if (extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean))
            {
                extension.ReadBoolean();
            }
            yield return (oid, extension.ReadOctetString());
        }
    }
}
