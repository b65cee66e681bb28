using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Myna.Pki.Authorities;
using Myna.Pki.Keys;
using Myna.Pki.Profiles;
using Myna.Testing;

namespace Myna.Pki.Tests;

public sealed class CertificateAuthorityTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("myna-pki-").FullName;
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private PasswordFileKeyStore Keys(string password = "correct horse") => new(Path.Combine(dir, "keys"), password);

    private string Ca => Path.Combine(dir, "ca");

    [Fact]
    public void Init_CreatesTwoRootsWithDelegatedOcspSigners_KeysEncrypted_AndIsIdempotent()
    {
        var created = CaSetup.Ensure(Keys(), Ca, Now);

        Assert.Equal(["sign-ca", "sign-ocsp", "auth-ca", "auth-ocsp"], created);
        Assert.Empty(CaSetup.Ensure(Keys(), Ca, Now));
        using var sign = CaSetup.Load(Keys(), Ca, CaKind.Signature);
        // .NET prints a name most specific first (RFC 4514 order); in DER the country comes first (JpkiNamesTests).
        Assert.Equal("OU=Japan Agency for Local Authority Information Systems, OU=JPKI for digital signature, O=JPKI, C=JP", sign.Certificate.Subject);
        Assert.Equal(sign.Certificate.Subject, sign.Certificate.Issuer);
        Assert.Equal(2048, sign.Key.KeySize);
        Assert.True(sign.Certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        var ocsp = sign.OcspCertificate;
        Assert.Equal(sign.Certificate.Subject, ocsp.Issuer);
        Assert.Contains(ocsp.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>(), o => o.Value == JpkiOids.OcspSigning);
        Assert.NotNull(ocsp.Extensions[JpkiOids.OcspNoCheck]);
        using var auth = CaSetup.Load(Keys(), Ca, CaKind.UserAuthentication);
        Assert.Contains("OU=JPKI for user authentication", auth.Certificate.Subject, StringComparison.Ordinal);

        var file = File.ReadAllText(Path.Combine(dir, "keys", "sign-ca.p8"));
        Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", file, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, "keys", "sign-ca.p8")));
        }
        var wrong = Assert.Throws<CryptographicException>(() => Keys("wrong").Load("sign-ca"));
        Assert.Contains("wrong key-store password", wrong.Message, StringComparison.Ordinal);
        Assert.Throws<IOException>(() => Keys().Create("sign-ca", RSA.Create(2048)));
    }

    private static PublicKey CardKey(out RSA key)
    {
        key = RSA.Create(2048);
        var csr = new CertificateRequest("CN=card", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequest();
        return CertificateRequest.LoadSigningRequest(csr, HashAlgorithmName.SHA256).PublicKey;
    }

    private static readonly FourInformation Taro = new("石巻\u3000太郎", null, 1, new DateOnly(1980, 2, 17), "宮城県石巻市穀町14番1号", null);

    [Fact]
    public void SignatureCertificate_CarriesTheFourInformationUnderTheJpkiOids_AndOpenSslAcceptsIt()
    {
        CaSetup.Ensure(Keys(), Ca, Now);
        using var ca = CaSetup.Load(Keys(), Ca, CaKind.Signature);
        var publicKey = CardKey(out var cardKey);
        using var _k = cardKey;

        var prepared = CertificateProfiles.Prepare(CaKind.Signature, ca.Certificate, publicKey, Taro, Now, new DateOnly(2035, 2, 17), Taro.BirthDate,
            "https://jpki.example");
        var der = CertificateProfiles.Sign(prepared.ToBeSigned, ca.Key);

        using var cert = X509CertificateLoader.LoadCertificate(der);
        Assert.Equal(prepared.Serial, cert.SerialNumberBytes.ToArray());
        Assert.Equal("sha256RSA", cert.SignatureAlgorithm.FriendlyName);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, cert.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        var san = CertificateProfiles.ReadSubjectAltName(cert);
        Assert.Equal("石巻\u3000太郎", san[JpkiOids.Name]);
        Assert.Equal("00000", san[JpkiOids.NameAltFlags]);
        Assert.Equal("1", san[JpkiOids.Sex]);
        Assert.Equal("319800217", san[JpkiOids.BirthDate]);
        Assert.Equal("宮城県石巻市穀町14番1号", san[JpkiOids.Address]);
        // Issued 2026-11-24: the 5th birthday after that is 2031-02-17, before the card's expiry.
        Assert.Equal(new DateTime(2031, 2, 17, 14, 59, 59, DateTimeKind.Utc), cert.NotAfter.ToUniversalTime());

        File.WriteAllBytes(Path.Combine(dir, "ee.der"), der);
        File.WriteAllBytes(Path.Combine(dir, "root.der"), ca.Certificate.RawData);
        var (exit, text) = OpenSsl.Run("x509", "-inform", "DER", "-in", Path.Combine(dir, "ee.der"), "-noout", "-text");
        Assert.True(exit == 0, text);
        Assert.Contains("Policy: " + JpkiOids.SignaturePolicy, text, StringComparison.Ordinal);
        Assert.Contains("Digital Signature, Non Repudiation", text, StringComparison.Ordinal);
        Assert.Contains("othername", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("OCSP - URI:https://jpki.example/pki/ocsp/sign", text, StringComparison.Ordinal);
        OpenSsl.Run("x509", "-inform", "DER", "-in", Path.Combine(dir, "root.der"), "-out", Path.Combine(dir, "root.pem"));
        OpenSsl.Run("x509", "-inform", "DER", "-in", Path.Combine(dir, "ee.der"), "-out", Path.Combine(dir, "ee.pem"));
        var verify = OpenSsl.Run("verify", "-CAfile", Path.Combine(dir, "root.pem"), "-attime", "1796000000", Path.Combine(dir, "ee.pem"));
        Assert.True(verify.ExitCode == 0, verify.Output);
    }

    [Fact]
    public void UserCertificate_HasNoPersonalData()
    {
        CaSetup.Ensure(Keys(), Ca, Now);
        using var ca = CaSetup.Load(Keys(), Ca, CaKind.UserAuthentication);
        var publicKey = CardKey(out var cardKey);
        using var _k = cardKey;

        var prepared = CertificateProfiles.Prepare(CaKind.UserAuthentication, ca.Certificate, publicKey, Taro, Now, new DateOnly(2028, 5, 1), Taro.BirthDate);
        using var cert = X509CertificateLoader.LoadCertificate(CertificateProfiles.Sign(prepared.ToBeSigned, ca.Key));

        Assert.Equal([("2.5.4.6", "JP"), ("2.5.4.3", Convert.ToHexString(prepared.Serial))], JpkiNames.Read(cert.SubjectName));
        Assert.Null(cert.Extensions[JpkiOids.SubjectAltName]);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, cert.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        var policies = new System.Formats.Asn1.AsnReader(cert.Extensions[JpkiOids.CertificatePolicies]!.RawData, System.Formats.Asn1.AsnEncodingRules.DER)
            .ReadSequence().ReadSequence().ReadObjectIdentifier();
        Assert.Equal(JpkiOids.UserAuthenticationPolicy, policies);
        // Capped at the card's expiry, before the 5th birthday.
        Assert.Equal(new DateTime(2028, 5, 1, 14, 59, 59, DateTimeKind.Utc), cert.NotAfter.ToUniversalTime());
        Assert.DoesNotContain("石巻", cert.Subject, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1980-02-17", "2026-11-24", "2031-02-17")]
    [InlineData("1980-11-24", "2026-11-24", "2031-11-24")] // the birthday of issue does not count
    [InlineData("1980-11-25", "2026-11-24", "2030-11-25")]
    [InlineData("2008-02-29", "2026-11-24", "2031-02-28")]
    public void Validity_EndsOnTheFifthBirthdayAfterIssuance(string birth, string issued, string expected)
    {
        var at = new DateTimeOffset(DateOnly.Parse(issued, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(9));
        var notAfter = CertificateProfiles.NotAfter(DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture), at, new DateOnly(2040, 1, 1));
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DateOnly.FromDateTime(notAfter.DateTime));
    }

    [Fact]
    public void Serials_AreRandomPositiveAndAtLeast64Bits()
    {
        var serials = Enumerable.Range(0, 1000).Select(_ => Convert.ToHexString(Serials.New())).ToList();
        Assert.Equal(1000, serials.Distinct().Count());
        Assert.All(serials, s => Assert.Equal(32, s.Length));
        Assert.All(serials, s => Assert.InRange(Convert.ToInt32(s[..2], 16), 0x40, 0x7F));
    }
}
