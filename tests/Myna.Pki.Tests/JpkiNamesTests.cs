using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Myna.Pki.Authorities;
using Myna.Pki.Keys;
using Myna.Pki.Profiles;
using Myna.Testing;

namespace Myna.Pki.Tests;

/// <summary>Issue 18, point 3: names begin with C=JP in DER order, as the real JPKI certificates' do.</summary>
public sealed class JpkiNamesTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("myna-names-").FullName;
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 1, 0, 0, TimeSpan.Zero);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private const string C = "2.5.4.6";
    private const string O = "2.5.4.10";
    private const string Ou = "2.5.4.11";
    private const string Cn = "2.5.4.3";

    private string Openssl(X509Certificate2 certificate, string what, string nameopt)
    {
        var path = Path.Combine(dir, Guid.NewGuid().ToString("N") + ".pem");
        File.WriteAllText(path, certificate.ExportCertificatePem());
        return OpenSsl.Ok("x509", "-in", path, "-noout", "-" + what, "-nameopt", nameopt).Trim();
    }

    [Fact]
    public void CaRootsResponderAndEndEntity_BeginWithTheCountry_InDerOrder_AsOpenSslReadsThem()
    {
        var keys = new PasswordFileKeyStore(Path.Combine(dir, "keys"), "pw");
        CaSetup.Ensure(keys, Path.Combine(dir, "ca"), Now);
        using var sign = CaSetup.Load(keys, Path.Combine(dir, "ca"), CaKind.Signature, Now);
        using var auth = CaSetup.Load(keys, Path.Combine(dir, "ca"), CaKind.UserAuthentication, Now);
        using var cardKey = RSA.Create(2048);
        var prepared = CertificateProfiles.Prepare(CaKind.Signature, sign.Certificate, new PublicKey(cardKey),
            new FourInformation("石巻\u3000太郎", null, 1, new DateOnly(1980, 2, 17), "宮城県石巻市穀町14番1号", null), Now, new DateOnly(2035, 2, 17), new DateOnly(1980, 2, 17));
        using var endEntity = X509CertificateLoader.LoadCertificate(CertificateProfiles.Sign(prepared.ToBeSigned, sign.Key));
        var serial = Convert.ToHexString(prepared.Serial);

        (string, string)[] signCa = [(C, "JP"), (O, "JPKI"), (Ou, "JPKI for digital signature"), (Ou, CaKinds.Operator)];
        Assert.Equal(signCa, JpkiNames.Read(sign.Certificate.SubjectName));
        Assert.Equal(signCa, JpkiNames.Read(sign.Certificate.IssuerName));
        Assert.Equal([(C, "JP"), (O, "JPKI"), (Ou, "JPKI for user authentication"), (Ou, CaKinds.Operator)], JpkiNames.Read(auth.Certificate.SubjectName));
        Assert.Equal([(C, "JP"), (O, "JPKI"), (Cn, "JPKI OCSP responder (sign)")], JpkiNames.Read(sign.OcspCertificate.SubjectName));
        Assert.Equal(signCa, JpkiNames.Read(sign.OcspCertificate.IssuerName));
        Assert.Equal([(C, "JP"), (Cn, serial)], JpkiNames.Read(endEntity.SubjectName));
        Assert.Equal(signCa, JpkiNames.Read(endEntity.IssuerName));

        Assert.Equal("C=JP, O=JPKI, OU=JPKI for digital signature, OU=Japan Agency for Local Authority Information Systems", JpkiNames.Display(sign.Certificate.SubjectName));
        Assert.Equal($"C=JP, CN={serial}", JpkiNames.Display(endEntity.SubjectName));

        // oneline prints in DER order, RFC 2253 most specific first: both show the country at the root end.
        Assert.Equal("subject=C = JP, O = JPKI, OU = JPKI for digital signature, OU = Japan Agency for Local Authority Information Systems",
            Openssl(sign.Certificate, "subject", "oneline"));
        Assert.Equal("subject=OU=Japan Agency for Local Authority Information Systems,OU=JPKI for digital signature,O=JPKI,C=JP",
            Openssl(sign.Certificate, "subject", "RFC2253"));
        Assert.Equal("subject=C = JP, O = JPKI, CN = JPKI OCSP responder (auth)", Openssl(auth.OcspCertificate, "subject", "oneline"));
        Assert.Equal($"subject=C = JP, CN = {serial}", Openssl(endEntity, "subject", "oneline"));
        Assert.Equal($"subject=CN={serial},C=JP", Openssl(endEntity, "subject", "RFC2253"));
        Assert.Equal("issuer=C = JP, O = JPKI, OU = JPKI for digital signature, OU = Japan Agency for Local Authority Information Systems",
            Openssl(endEntity, "issuer", "oneline"));
    }

    [Fact]
    public void CaCreatedWithTheOldOrder_KeepsItsName_AndWhatItIssuesNamesItAsItIs()
    {
        // An upgraded installation: a root written by the platform builder (C=JP last in DER).
        var keys = new PasswordFileKeyStore(Path.Combine(dir, "keys"), "pw");
        var folder = Path.Combine(dir, "ca");
        Directory.CreateDirectory(folder);
        var old = new X500DistinguishedNameBuilder();
        old.AddCountryOrRegion("JP");
        old.AddOrganizationName("JPKI");
        old.AddOrganizationalUnitName("JPKI for user authentication");
        old.AddOrganizationalUnitName(CaKinds.Operator);
        var oldName = old.Build();
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest(oldName, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            using var root = request.CreateSelfSigned(Now.AddYears(-1), Now.AddYears(19));
            keys.Create("auth-ca", key);
            File.WriteAllBytes(CaSetup.CertificatePath(folder, "auth-ca"), root.RawData);
        }
        Assert.Equal(C, JpkiNames.Read(oldName)[^1].Oid);

        CaSetup.Ensure(keys, folder, Now);
        using var auth = CaSetup.Load(keys, folder, CaKind.UserAuthentication, Now);
        using var cardKey = RSA.Create(2048);
        var prepared = CertificateProfiles.Prepare(CaKind.UserAuthentication, auth.Certificate, new PublicKey(cardKey), null, Now, new DateOnly(2035, 1, 1), new DateOnly(1980, 1, 1));
        using var endEntity = X509CertificateLoader.LoadCertificate(CertificateProfiles.Sign(prepared.ToBeSigned, auth.Key));

        Assert.Equal(oldName.RawData, auth.Certificate.SubjectName.RawData);
        Assert.Equal(oldName.RawData, endEntity.IssuerName.RawData);
        Assert.Equal(oldName.RawData, auth.OcspCertificate.IssuerName.RawData);
        Assert.Equal(C, JpkiNames.Read(endEntity.SubjectName)[0].Oid); // new subjects are written country first all the same
        var ca = Path.Combine(dir, "old-ca.pem");
        var ee = Path.Combine(dir, "old-ee.pem");
        File.WriteAllText(ca, auth.Certificate.ExportCertificatePem());
        File.WriteAllText(ee, endEntity.ExportCertificatePem());
        OpenSsl.Ok("verify", "-CAfile", ca, "-attime", Now.AddDays(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), ee);
    }
}
