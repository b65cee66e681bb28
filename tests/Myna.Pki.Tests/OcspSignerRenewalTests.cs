using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Myna.Pki.Authorities;
using Myna.Pki.Keys;
using Myna.Pki.Ocsp;

namespace Myna.Pki.Tests;

/// <summary>Issue 18, point 5: the delegated OCSP signers are renewed before their year runs out.</summary>
public sealed class OcspSignerRenewalTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("myna-ocsp-renew-").FullName;
    private static readonly DateTimeOffset T0 = new(2026, 12, 8, 1, 0, 0, TimeSpan.Zero);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private PasswordFileKeyStore Keys => new(Path.Combine(dir, "keys"), "pw");

    private string Folder => Path.Combine(dir, "ca");

    private static byte[] PublicKeyOf(RSA key) => key.ExportSubjectPublicKeyInfo();

    private static string? SignAndVerify(CertificateAuthority ca, DateTimeOffset at)
    {
        var signer = ca.OcspSignerAt(at);
        var id = CertId.For(ca.Certificate, [0x42]);
        var der = OcspResponses.Build(signer.Certificate, signer.Key, at, [new OcspSingleResponse(id, OcspCertStatus.Good, null, null, at, at.AddMinutes(10))],
            null, false);
        return OcspResponses.Parse(der).Verify(ca.Certificate, at);
    }

    [Fact]
    public void OcspSignerAt_SixtyDaysBeforeTheEnd_IssuesANewKeyAndCertificate_StoredUnderTheSameNames_OldKeyRetired()
    {
        CaSetup.Ensure(Keys, Folder, T0);
        using var ca = CaSetup.Load(Keys, Folder, CaKind.Signature, T0);
        var first = ca.OcspSigner;
        var firstPublicKey = PublicKeyOf(first.Key);
        Assert.Equal(T0 + OcspSigners.Lifetime, new DateTimeOffset(first.Certificate.NotAfter));

        Assert.Same(first, ca.OcspSignerAt(T0.AddDays(300))); // 65 days left: not yet

        var elevenMonths = T0.AddDays(335);
        var renewed = ca.OcspSignerAt(elevenMonths);

        Assert.NotSame(first, renewed);
        Assert.NotEqual(first.Certificate.SerialNumber, renewed.Certificate.SerialNumber);
        Assert.NotEqual(firstPublicKey, PublicKeyOf(renewed.Key)); // a new key, not the old one recertified
        Assert.Equal(elevenMonths + OcspSigners.Lifetime, new DateTimeOffset(renewed.Certificate.NotAfter));
        Assert.Equal(ca.Certificate.SubjectName.RawData, renewed.Certificate.IssuerName.RawData);
        Assert.Contains(renewed.Certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>(),
            o => o.Value == "1.3.6.1.5.5.7.3.9");
        // Persisted as the first was, and the old key is gone from the key store.
        Assert.Equal(renewed.Certificate.RawData, File.ReadAllBytes(CaSetup.CertificatePath(Folder, "sign-ocsp")));
        using (var stored = Keys.Load("sign-ocsp"))
        {
            Assert.Equal(PublicKeyOf(renewed.Key), PublicKeyOf(stored));
        }
        Assert.Single(Directory.GetFiles(Path.Combine(dir, "keys"), "sign-ocsp*"));
        Assert.True(File.Exists(Path.Combine(Folder, OcspSigners.RetiredFolder, $"sign-ocsp-{first.Certificate.SerialNumber}.cer")));

        Assert.Null(SignAndVerify(ca, elevenMonths));
        Assert.Same(renewed, ca.OcspSignerAt(T0.AddDays(395))); // thirteen months: the renewed one, still valid
        Assert.Null(SignAndVerify(ca, T0.AddDays(395)));
        Assert.NotNull(new Func<string?>(() =>
        {
            // What a responder that never renewed would send at thirteen months: refused.
            var id = CertId.For(ca.Certificate, [0x42]);
            var at = T0.AddDays(395);
            var der = OcspResponses.Build(first.Certificate, first.Key, at, [new OcspSingleResponse(id, OcspCertStatus.Good, null, null, at, at.AddMinutes(10))], null, false);
            return OcspResponses.Parse(der).Verify(ca.Certificate, at);
        })());
    }

    [Fact]
    public void OcspSignerAt_AnotherHostRenewedFirst_TakesUpItsSigner_AndLoadAfterwardsRenewsNothing()
    {
        CaSetup.Ensure(Keys, Folder, T0);
        using var one = CaSetup.Load(Keys, Folder, CaKind.UserAuthentication, T0);
        using var two = CaSetup.Load(Keys, Folder, CaKind.UserAuthentication, T0);
        var at = T0.AddDays(340);

        var renewedByOne = one.OcspSignerAt(at);
        var seenByTwo = two.OcspSignerAt(at.AddMinutes(1));

        Assert.Equal(renewedByOne.Certificate.RawData, seenByTwo.Certificate.RawData);
        Assert.Equal(PublicKeyOf(renewedByOne.Key), PublicKeyOf(seenByTwo.Key));
        using var three = CaSetup.Load(Keys, Folder, CaKind.UserAuthentication, at.AddDays(1));
        Assert.Equal(renewedByOne.Certificate.RawData, three.OcspCertificate.RawData);
    }

    [Fact]
    public void Load_RenewalInterruptedBeforeTheCertificateWasMoved_ReissuesTheCertificateForTheStoredKey()
    {
        CaSetup.Ensure(Keys, Folder, T0);
        var path = CaSetup.CertificatePath(Folder, "auth-ocsp");
        var oldCertificate = File.ReadAllBytes(path);
        using (var ca = CaSetup.Load(Keys, Folder, CaKind.UserAuthentication, T0))
        {
            ca.OcspSignerAt(T0.AddDays(340));
        }
        // As if the host stopped after the key was swapped but before the new certificate was in place.
        File.WriteAllBytes(path, oldCertificate);

        using var reloaded = CaSetup.Load(Keys, Folder, CaKind.UserAuthentication, T0.AddDays(341));

        Assert.Equal(PublicKeyOf(reloaded.OcspKey), reloaded.OcspCertificate.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.NotEqual(oldCertificate, reloaded.OcspCertificate.RawData);
        Assert.Null(SignAndVerify(reloaded, T0.AddDays(341)));
    }

    [Fact]
    public void Load_WithTheSignerAlreadyExpired_RenewsBeforeAnythingIsSigned()
    {
        CaSetup.Ensure(Keys, Folder, T0);
        using var ca = CaSetup.Load(Keys, Folder, CaKind.Signature, T0.AddDays(400));

        Assert.True(ca.OcspCertificate.NotAfter > T0.AddDays(400).UtcDateTime);
        Assert.Null(SignAndVerify(ca, T0.AddDays(400)));
    }
}
