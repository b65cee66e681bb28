using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Myna.Pki.Authorities;
using Myna.Pki.Keys;
using Myna.Pki.Profiles;
using Myna.Pki.Revocation;
using Myna.Testing;

namespace Myna.Pki.Tests;

public sealed class CrlBuilderTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("myna-crl-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string P(string name) => Path.Combine(dir, name);

    [Fact]
    public void Crl_IsParsedByOpenSsl_AndVerifyRejectsTheRevokedCertificate_AcceptsTheGoodOne()
    {
        var now = DateTimeOffset.UtcNow;
        var keys = new PasswordFileKeyStore(P("keys"), "pw");
        CaSetup.Ensure(keys, P("ca"), now.AddDays(-1));
        using var ca = CaSetup.Load(keys, P("ca"), CaKind.UserAuthentication);
        byte[] Issue()
        {
            using var key = RSA.Create(2048);
            var pub = new CertificateRequest("CN=x", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).PublicKey;
            var prepared = CertificateProfiles.Prepare(CaKind.UserAuthentication, ca.Certificate, pub, null, now.AddHours(-1), new DateOnly(2030, 1, 1), new DateOnly(1980, 1, 1));
            return CertificateProfiles.Sign(prepared.ToBeSigned, ca.Key);
        }
        var revoked = Issue();
        var good = Issue();
        using var revokedCert = X509CertificateLoader.LoadCertificate(revoked);
        var entries = new List<RevokedEntry> { new(revokedCert.SerialNumberBytes.ToArray(), now.AddMinutes(-10), 1) };
        entries.AddRange(Enumerable.Range(0, 1000).Select(i => new RevokedEntry(Serials.New(), now.AddMinutes(-i), i % 2 == 0 ? 6 : null)));

        var crl = CrlBuilder.Build(ca.Certificate, ca.Key, new BigInteger(42), now, now.AddDays(1), entries);

        File.WriteAllBytes(P("crl.der"), crl);
        var (exit, text) = OpenSsl.Run("crl", "-inform", "DER", "-in", P("crl.der"), "-noout", "-text");
        Assert.True(exit == 0, text);
        Assert.Contains("X509v3 CRL Number: \n                42", text.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Key Compromise", text, StringComparison.Ordinal);
        Assert.Contains("Certificate Hold", text, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexString(revokedCert.SerialNumberBytes.ToArray()), text.Replace(":", "", StringComparison.Ordinal).ToUpperInvariant(), StringComparison.Ordinal);

        File.WriteAllText(P("ca.pem"), ca.Certificate.ExportCertificatePem());
        OpenSsl.Run("crl", "-inform", "DER", "-in", P("crl.der"), "-out", P("crl.pem"));
        File.WriteAllText(P("revoked.pem"), revokedCert.ExportCertificatePem());
        using var goodCert = X509CertificateLoader.LoadCertificate(good);
        File.WriteAllText(P("good.pem"), goodCert.ExportCertificatePem());
        var rejected = OpenSsl.Run("verify", "-crl_check", "-CAfile", P("ca.pem"), "-CRLfile", P("crl.pem"), P("revoked.pem"));
        Assert.NotEqual(0, rejected.ExitCode);
        Assert.Contains("certificate revoked", rejected.Output, StringComparison.Ordinal);
        var accepted = OpenSsl.Run("verify", "-crl_check", "-CAfile", P("ca.pem"), "-CRLfile", P("crl.pem"), P("good.pem"));
        Assert.True(accepted.ExitCode == 0, accepted.Output);
    }

    [Fact]
    public void Build_ReasonUnspecified_LeavesTheReasonCodeOut()
    {
        var now = DateTimeOffset.UtcNow;
        var keys = new PasswordFileKeyStore(P("keys"), "pw");
        CaSetup.Ensure(keys, P("ca"), now.AddDays(-1));
        using var ca = CaSetup.Load(keys, P("ca"), CaKind.Signature, now);
        byte[] unspecified = [0x41, 0x01], keyCompromise = [0x41, 0x02], none = [0x41, 0x03];

        var crl = CrlBuilder.Build(ca.Certificate, ca.Key, BigInteger.One, now, now.AddDays(1),
            [new(unspecified, now.AddMinutes(-3), 0), new(keyCompromise, now.AddMinutes(-2), 1), new(none, now.AddMinutes(-1), null)]);

        // RFC 5280 §5.3.1: "the reason code CRL entry extension SHOULD be absent instead of using the unspecified (0) reasonCode value".
        var entries = ReadEntries(crl);
        Assert.Equal([("4101", false), ("4102", true), ("4103", false)], entries.Select(e => (e.Serial, e.HasExtensions)));
        File.WriteAllBytes(P("unspecified.der"), crl);
        var text = OpenSsl.Ok("crl", "-inform", "DER", "-in", P("unspecified.der"), "-noout", "-text");
        Assert.DoesNotContain("Unspecified", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Key Compromise", text, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "CRL Reason Code"));
    }

    /// <summary>The revokedCertificates of a DER CRL: each serial (hex) and whether the entry carries extensions.</summary>
    private static List<(string Serial, bool HasExtensions)> ReadEntries(byte[] crl)
    {
        var tbs = new System.Formats.Asn1.AsnReader(crl, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence().ReadSequence();
        tbs.ReadInteger(); // version
        tbs.ReadSequence(); // signature algorithm
        tbs.ReadSequence(); // issuer
        tbs.ReadEncodedValue(); // thisUpdate
        tbs.ReadEncodedValue(); // nextUpdate
        var list = tbs.ReadSequence();
        var result = new List<(string, bool)>();
        while (list.HasData)
        {
            var entry = list.ReadSequence();
            var serial = Convert.ToHexString(entry.ReadIntegerBytes().Span);
            entry.ReadEncodedValue(); // revocationDate
            result.Add((serial, entry.HasData));
        }
        return result;
    }
}
