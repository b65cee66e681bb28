using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Myna.Pki.Ocsp;

namespace Myna.Pki.Tests;

/// <summary>Issue 18, point 4: the nonce rule of RFC 8954 §2.1 (1 to 32 octets).</summary>
public sealed class OcspRequestTests
{
    private static readonly CertId Id = MakeId();

    private static CertId MakeId()
    {
        using var key = RSA.Create(2048);
        using var issuer = new CertificateRequest("C=JP, CN=issuer", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return CertId.For(issuer, [0x01, 0x02]);
    }

    /// <summary>A request whose nonce extension carries <paramref name="extnValue"/> exactly.</summary>
    private static byte[] WithNonceValue(byte[] extnValue)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        using (w.PushSequence())
        {
            using (w.PushSequence())
            using (w.PushSequence())
            {
                w.WriteEncodedValue(Id.Encoded);
            }
            using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2)))
            using (w.PushSequence())
            using (w.PushSequence())
            {
                w.WriteObjectIdentifier(OcspRequest.NonceOid);
                w.WriteOctetString(extnValue);
            }
        }
        return w.Encode();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public void Parse_NonceOutsideOneTo32Octets_IsMalformed(int octets)
    {
        var error = Assert.Throws<OcspFormatException>(() => OcspRequest.Parse(OcspRequest.Build([Id], new byte[octets])));
        Assert.Contains($"not {octets}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyExtensionValue_IsMalformed() =>
        Assert.Throws<OcspFormatException>(() => OcspRequest.Parse(WithNonceValue([])));

    [Theory]
    [InlineData(1)]
    [InlineData(32)]
    public void Parse_NonceOfOneTo32Octets_IsKeptAsSent(int octets)
    {
        var nonce = RandomNumberGenerator.GetBytes(octets);
        var request = OcspRequest.Parse(OcspRequest.Build([Id], nonce));
        Assert.Equal([0x04, (byte)octets, .. nonce], request.Nonce);
    }

    [Fact]
    public void Parse_BareNonceOctets_AreAcceptedByTheSameLengthRule()
    {
        Assert.Equal(new byte[16], OcspRequest.Parse(WithNonceValue(new byte[16])).Nonce);
        Assert.Throws<OcspFormatException>(() => OcspRequest.Parse(WithNonceValue(new byte[33])));
    }
}
