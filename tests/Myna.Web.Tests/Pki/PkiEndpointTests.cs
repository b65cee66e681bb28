using System.Net;
using System.Security.Cryptography.X509Certificates;
using Myna.National.Jpki;
using Myna.Pki.Authorities;
using Myna.Testing;

namespace Myna.Web.Tests.Pki;

public sealed class PkiEndpointTests
{
    [Fact]
    public async Task CaCertificatesAndCrls_AreServedAsDer_WithoutSignIn()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/pki/ca/sign.cer")).StatusCode); // before myna ca init

        var runtime = factory.Stores.Runtime;
        CaSetup.Ensure(runtime.CaKeyStore(), runtime.CaFolder, DateTimeOffset.UtcNow);
        using (var issued = await TestCertificates.IssueAsync(factory, CaKind.Signature))
        {
            await using var db = runtime.Stores.OpenNational();
            await runtime.CertificateStatus().RevokeAsync(db, CaKind.Signature, issued.Serial, RevocationReason.KeyCompromise, "operator");
        }

        var ca = await client.GetAsync("/pki/ca/sign.cer");
        Assert.Equal("application/pkix-cert", ca.Content.Headers.ContentType?.MediaType);
        using var root = X509CertificateLoader.LoadCertificate(await ca.Content.ReadAsByteArrayAsync());
        Assert.Contains("OU=JPKI for digital signature", root.Subject, StringComparison.Ordinal);

        var crl = await client.GetAsync("/pki/crl/sign.crl");
        Assert.Equal("application/pkix-crl", crl.Content.Headers.ContentType?.MediaType);
        var file = Path.Combine(factory.Stores.Root, "sign.crl");
        await File.WriteAllBytesAsync(file, await crl.Content.ReadAsByteArrayAsync());
        var text = OpenSsl.Ok("crl", "-inform", "DER", "-noout", "-text", "-in", file);
        Assert.Contains("Key Compromise", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/pki/crl/other.crl")).StatusCode);
    }

    [Fact]
    public async Task MoveWithinTheMunicipality_RevokesTheSignatureCertificate_KeepsTheUserCertificate()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        var runtime = factory.Stores.Runtime;
        CaSetup.Ensure(runtime.CaKeyStore(), runtime.CaFolder, DateTimeOffset.UtcNow);
        var serials = new Dictionary<CaKind, string>();
        long id = 0;
        foreach (var kind in new[] { CaKind.Signature, CaKind.UserAuthentication })
        {
            using var issued = await TestCertificates.IssueAsync(factory, kind);
            serials[kind] = issued.Serial;
            id = issued.ResidentId;
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

    [Fact]
    public async Task AStatusChange_GetsANewCrl_WithoutAnyoneAskingForIt()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 3);
        using var host = factory.WithWebHostBuilder(b => b.UseSetting("Myna:CrlRefreshSeconds", "1"));
        using var issued = await TestCertificates.IssueAsync(factory, CaKind.UserAuthentication);
        var runtime = factory.Stores.Runtime;
        host.CreateClient().Dispose(); // starts the host and its background jobs
        await using (var db = runtime.Stores.OpenNational())
        {
            await runtime.CertificateStatus().RevokeAsync(db, CaKind.UserAuthentication, issued.Serial, RevocationReason.Superseded, "operator");
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        PublishedCrl? crl = null;
        while (DateTime.UtcNow < deadline)
        {
            await using var db = runtime.Stores.OpenNational();
            crl = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
                db.Crls.Where(c => c.Ca == (int)CaKind.UserAuthentication && c.Entries == 1));
            if (crl is not null)
            {
                break;
            }
            await Task.Delay(200);
        }
        Assert.NotNull(crl);
    }
}
