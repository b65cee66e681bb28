using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Myna.Web.Tests.Pki;

/// <summary>
/// A time-stamping authority for tests, made with the platform's crypto only: a self-signed root and a
/// TSA certificate under it (extended key usage timeStamping, critical, RFC 3161 §2.3). It answers an
/// <see cref="Rfc3161TimestampRequest"/> made from a signer's signature value with a token (CMS
/// signed-data over a TSTInfo, signed with an ESS signing-certificate-v2 attribute, as RFC 3161 and
/// RFC 5816 require), which <see cref="Stamp"/> puts into the signer's unsigned attributes.
/// </summary>
internal sealed class TestTimestampAuthority : IDisposable
{
    private readonly RSA rootKey = RSA.Create(2048);
    private readonly RSA tsaKey = RSA.Create(2048);

    public X509Certificate2 Root { get; }
    public X509Certificate2 Tsa { get; }

    public TestTimestampAuthority(bool timeStampingUsage = true)
    {
        var now = DateTimeOffset.UtcNow;
        var rootRequest = new CertificateRequest("CN=Test TSA Root, O=Myna tests, C=JP", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Root = rootRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(30));
        var tsaRequest = new CertificateRequest("CN=Test TSA, O=Myna tests, C=JP", tsaKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        tsaRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        tsaRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        tsaRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(timeStampingUsage ? "1.3.6.1.5.5.7.3.8" : "1.3.6.1.5.5.7.3.4")], critical: true));
        using var tsa = tsaRequest.Create(Root, now.AddDays(-1), now.AddYears(20), RandomNumberGenerator.GetBytes(12));
        Tsa = tsa.CopyWithPrivateKey(tsaKey);
    }

    /// <summary>A token over the (only) signer's signature value in <paramref name="signedCms"/> at <paramref name="at"/>, added to its unsigned attributes.</summary>
    public byte[] Stamp(byte[] signedCms, DateTimeOffset at)
    {
        var cms = new SignedCms();
        cms.Decode(signedCms);
        var signer = cms.SignerInfos[0];
        var request = Rfc3161TimestampRequest.CreateFromSignerInfo(signer, HashAlgorithmName.SHA256, requestSignerCertificates: true);
        var token = Token(request.GetMessageHash().ToArray(), request.HashAlgorithmId, at);
        signer.AddUnsignedAttribute(new AsnEncodedData(new Oid("1.2.840.113549.1.9.16.2.14"), token));
        return cms.Encode();
    }

    /// <summary>
    /// A random positive serial in minimal DER form: a first byte of 0x00 or 0xFF followed by a byte of the same top bit is a
    /// redundant leading byte the encoder refuses (about one run in 128 with eight random bytes), so the first byte is 0x01–0x7F.
    /// </summary>
    private static byte[] SerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(8);
        serial[0] = (byte)(1 + RandomNumberGenerator.GetInt32(0x7F));
        return serial;
    }

    /// <summary>A token over an arbitrary hash (for a token that stamps something else).</summary>
    public byte[] Token(byte[] messageHash, Oid hashAlgorithm, DateTimeOffset at)
    {
        var info = new Rfc3161TimestampTokenInfo(new Oid("1.2.392.200149.99.1"), hashAlgorithm, messageHash,
            SerialNumber(), at);
        var content = new SignedCms(new ContentInfo(new Oid("1.2.840.113549.1.9.16.1.4"), info.Encode()));
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, Tsa)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"), IncludeOption = X509IncludeOption.EndCertOnly,
        };
        signer.SignedAttributes.Add(new AsnEncodedData(new Oid("1.2.840.113549.1.9.16.2.47"), SigningCertificateV2(Tsa)));
        content.ComputeSignature(signer);
        return content.Encode();
    }

    /// <summary>SigningCertificateV2 { certs { ESSCertIDv2 { certHash (SHA-256, the default algorithm) } } } (RFC 5035).</summary>
    private static byte[] SigningCertificateV2(X509Certificate2 certificate)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        using (w.PushSequence())
        using (w.PushSequence())
        {
            w.WriteOctetString(SHA256.HashData(certificate.RawData));
        }
        return w.Encode();
    }

    public void Dispose()
    {
        Root.Dispose();
        Tsa.Dispose();
        rootKey.Dispose();
        tsaKey.Dispose();
    }
}
