using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Myna.Data.Certificates;
using Myna.Pki.Authorities;
using Myna.Testing;

namespace Myna.Web.Tests.Pki;

public sealed class PkiEndpointTests
{
    private static string OpenSsl(string args, string file)
    {
        var psi = new ProcessStartInfo("openssl", args + " " + file) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, output);
        return output;
    }

    [Fact]
    public async Task CaCertificatesAndCrls_AreServedAsDer_WithoutSignIn()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/pki/ca/sign.cer")).StatusCode); // before myna ca init

        var runtime = factory.Stores.Runtime;
        CaSetup.Ensure(runtime.CaKeyStore(), runtime.CaFolder, DateTimeOffset.UtcNow);
        await using (var db = runtime.Stores.OpenNational())
        {
            using var key = System.Security.Cryptography.RSA.Create(2048);
            var csr = new CertificateRequest("CN=card", key, System.Security.Cryptography.HashAlgorithmName.SHA256,
                System.Security.Cryptography.RSASignaturePadding.Pkcs1).CreateSigningRequest();
            var resident = (await factory.AnyResidentAsync()).Id;
            await using var municipal = factory.Stores.OpenMunicipal();
            var r = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(municipal.Residents, x => x.Id == resident);
            var (record, cert) = await runtime.CertificateIssuance().IssueAsync(db, CaKind.Signature, csr,
                new Holder(TestStores.Ishinomaki, Core.Identifiers.ResidentCode.Parse(r.ResidentCode), r.BirthDate, new DateOnly(2035, 1, 1)),
                new Myna.Pki.Profiles.FourInformation(r.FullName, r.NameAltFlags, (int)r.Sex, r.BirthDate, r.Address, r.AddressAltFlags), "jlis");
            cert.Dispose();
            await runtime.CertificateStatus().RevokeAsync(db, CaKind.Signature, record.Serial, RevocationReason.KeyCompromise, "operator");
        }

        var ca = await client.GetAsync("/pki/ca/sign.cer");
        Assert.Equal("application/pkix-cert", ca.Content.Headers.ContentType?.MediaType);
        using var root = X509CertificateLoader.LoadCertificate(await ca.Content.ReadAsByteArrayAsync());
        Assert.Contains("OU=JPKI for digital signature", root.Subject, StringComparison.Ordinal);

        var crl = await client.GetAsync("/pki/crl/sign.crl");
        Assert.Equal("application/pkix-crl", crl.Content.Headers.ContentType?.MediaType);
        var file = Path.Combine(factory.Stores.Root, "sign.crl");
        await File.WriteAllBytesAsync(file, await crl.Content.ReadAsByteArrayAsync());
        var text = OpenSsl("crl -inform DER -noout -text -in", file);
        Assert.Contains("Key Compromise", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/pki/crl/other.crl")).StatusCode);
    }

    [Fact]
    public async Task MoveWithinTheMunicipality_RevokesTheSignatureCertificate_KeepsTheUserCertificate()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        var runtime = factory.Stores.Runtime;
        CaSetup.Ensure(runtime.CaKeyStore(), runtime.CaFolder, DateTimeOffset.UtcNow);
        var (id, _) = await factory.AnyResidentAsync();
        await using var municipal = factory.Stores.OpenMunicipal();
        var r = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(municipal.Residents, x => x.Id == id);
        var holder = new Holder(TestStores.Ishinomaki, Core.Identifiers.ResidentCode.Parse(r.ResidentCode), r.BirthDate, new DateOnly(2035, 1, 1));
        var serials = new Dictionary<CaKind, string>();
        await using (var db = runtime.Stores.OpenNational())
        {
            foreach (var kind in new[] { CaKind.Signature, CaKind.UserAuthentication })
            {
                using var key = System.Security.Cryptography.RSA.Create(2048);
                var csr = new CertificateRequest("CN=card", key, System.Security.Cryptography.HashAlgorithmName.SHA256,
                    System.Security.Cryptography.RSASignaturePadding.Pkcs1).CreateSigningRequest();
                var (record, cert) = await runtime.CertificateIssuance().IssueAsync(db, kind, csr, holder,
                    new Myna.Pki.Profiles.FourInformation(r.FullName, r.NameAltFlags, (int)r.Sex, r.BirthDate, r.Address, r.AddressAltFlags), "jlis");
                cert.Dispose();
                serials[kind] = record.Serial;
            }
        }
        using var clerk = await ApiClient.SignedInAsync(factory);

        var moved = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(clerk, $"/api/v1/residents/{id}/events",
            new { type = "AddressChangeWithin", effectiveDate = DateTime.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), town = "中央二丁目", block = "1番1号" });

        Assert.Equal(HttpStatusCode.Created, moved.StatusCode);
        await using var national = runtime.Stores.OpenNational();
        var statuses = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToDictionaryAsync(national.Certificates, c => c.Serial, c => c.Status);
        Assert.Equal(CertificateStatus.Revoked, statuses[serials[CaKind.Signature]]);
        Assert.Equal(CertificateStatus.Good, statuses[serials[CaKind.UserAuthentication]]);
    }
}
