using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Myna.National.Jpki;
using Myna.Pki.Authorities;
using Myna.Pki.Ocsp;
using Myna.Pki.Profiles;
using Myna.Testing;

namespace Myna.Web.Tests.Pki;

/// <summary>The OCSP responder against the reference client, <c>openssl ocsp</c>, over real HTTP.</summary>
public sealed class OcspTests
{
    private static string Ask(string baseUrl, string folder, string issuerPem, X509Certificate2 certificate, string ca, params string[] extra)
    {
        var certPem = TestCertificates.Pem(certificate, folder, "c" + Guid.NewGuid().ToString("N"));
        return OpenSsl.Ok(["ocsp", "-issuer", issuerPem, "-cert", certPem, "-url", $"{baseUrl}/pki/ocsp/{ca}", "-CAfile", issuerPem,
            "-resp_text", .. extra]);
    }

    [Fact]
    public async Task OpensslOcsp_SeesGoodRevokedAndUnknown_SignedByTheDelegatedResponder_WithTheNonceEchoed()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 3);
        var baseUrl = factory.StartKestrel();
        using var good = await TestCertificates.IssueAsync(factory, CaKind.Signature);
        using var revoked = await TestCertificates.IssueAsync(factory, CaKind.Signature);
        var runtime = factory.Stores.Runtime;
        await using (var db = runtime.Stores.OpenNational())
        {
            await runtime.CertificateStatus().RevokeAsync(db, CaKind.Signature, revoked.Serial, RevocationReason.KeyCompromise, "operator");
        }
        var ca = runtime.Authority(CaKind.Signature);
        var folder = factory.Stores.Root;
        var issuer = TestCertificates.Pem(ca.Certificate, folder, "sign-ca");
        // Signed by the CA but never recorded: the responder does not know it.
        using var strangerKey = RSA.Create(2048);
        var prepared = CertificateProfiles.Prepare(CaKind.UserAuthentication, ca.Certificate, new PublicKey(strangerKey), null, DateTimeOffset.UtcNow,
            new DateOnly(2035, 1, 1), new DateOnly(1980, 1, 1));
        using var stranger = X509CertificateLoader.LoadCertificate(CertificateProfiles.Sign(prepared.ToBeSigned, ca.Key));

        var goodText = Ask(baseUrl, folder, issuer, good.Certificate, "sign");
        Assert.Contains(": good", goodText, StringComparison.Ordinal);
        Assert.Contains("Response verify OK", goodText, StringComparison.Ordinal);
        Assert.Contains("JPKI OCSP responder (sign)", goodText, StringComparison.Ordinal); // the delegated signer's certificate is included
        Assert.Contains("OCSP Nonce", goodText, StringComparison.Ordinal);
        Assert.Contains("Next Update", goodText, StringComparison.Ordinal);

        var revokedText = Ask(baseUrl, folder, issuer, revoked.Certificate, "sign");
        Assert.Contains(": revoked", revokedText, StringComparison.Ordinal);
        Assert.Contains("Reason: keyCompromise", revokedText, StringComparison.Ordinal);
        Assert.Contains("Revocation Time", revokedText, StringComparison.Ordinal);

        Assert.Contains(": unknown", Ask(baseUrl, folder, issuer, stranger, "sign"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suspension_IsVisibleAtOnce_AndReleaseBringsGoodBack_ThoughAnswersAreReused()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 3);
        using var user = await TestCertificates.IssueAsync(factory, CaKind.UserAuthentication);
        var runtime = factory.Stores.Runtime;
        using var client = factory.CreateClient();
        var ca = runtime.Authority(CaKind.UserAuthentication);
        var request = OcspRequest.Build([CertId.For(ca.Certificate, Convert.FromHexString(user.Serial))], nonce: null);

        async Task<(byte[] Der, OcspSingleResponse Single)> PostAsync()
        {
            using var content = new ByteArrayContent(request);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
            var response = await client.PostAsync("/pki/ocsp/auth", content);
            Assert.Equal("application/ocsp-response", response.Content.Headers.ContentType?.MediaType);
            var der = await response.Content.ReadAsByteArrayAsync();
            var parsed = OcspResponses.Parse(der);
            Assert.Equal(OcspResponseStatus.Successful, parsed.Status);
            Assert.Null(parsed.Verify(ca.Certificate, DateTimeOffset.UtcNow));
            return (der, Assert.Single(parsed.Responses));
        }

        var first = await PostAsync();
        var second = await PostAsync();
        Assert.Equal(OcspCertStatus.Good, first.Single.Status);
        Assert.Equal(first.Der, second.Der); // an unchanged status is answered with the answer already signed

        await using (var db = runtime.Stores.OpenNational())
        {
            await runtime.CertificateStatus().SuspendAsync(db, CaKind.UserAuthentication, user.Serial, "call-centre");
        }
        var suspended = await PostAsync();
        Assert.Equal(OcspCertStatus.Revoked, suspended.Single.Status);
        Assert.Equal((int)RevocationReason.CertificateHold, suspended.Single.Reason);

        await using (var db = runtime.Stores.OpenNational())
        {
            await runtime.CertificateStatus().ReleaseAsync(db, CaKind.UserAuthentication, user.Serial, "municipality");
        }
        Assert.Equal(OcspCertStatus.Good, (await PostAsync()).Single.Status);
    }

    [Fact]
    public async Task GetForm_Nonce_MalformedRequests_AndNeverIssuedCertificates()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 3);
        using var user = await TestCertificates.IssueAsync(factory, CaKind.UserAuthentication);
        var runtime = factory.Stores.Runtime;
        var ca = runtime.Authority(CaKind.UserAuthentication);
        using var client = factory.CreateClient();
        var nonce = RandomNumberGenerator.GetBytes(16);
        var request = OcspRequest.Build([CertId.For(ca.Certificate, Convert.FromHexString(user.Serial), CertId.Sha1)], nonce);

        var viaGet = OcspResponses.Parse(await client.GetByteArrayAsync("/pki/ocsp/auth/" + Uri.EscapeDataString(Convert.ToBase64String(request))));
        Assert.Equal(OcspCertStatus.Good, Assert.Single(viaGet.Responses).Status);
        Assert.NotNull(viaGet.Nonce);
        Assert.Equal(nonce, viaGet.Nonce.AsSpan(2).ToArray()); // echoed: the OCTET STRING around our 16 bytes

        Assert.Equal(OcspResponseStatus.MalformedRequest, OcspResponses.Parse(await client.GetByteArrayAsync("/pki/ocsp/auth/bm90LW9jc3A%3D")).Status);
        using var junk = new ByteArrayContent([0x30, 0x03, 0x02, 0x01]);
        Assert.Equal(OcspResponseStatus.MalformedRequest, OcspResponses.Parse(await (await client.PostAsync("/pki/ocsp/auth", junk)).Content.ReadAsByteArrayAsync()).Status);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync("/pki/ocsp/other/" + Uri.EscapeDataString(Convert.ToBase64String(request)))).StatusCode);

        // A record left by a crash between numbering and signing: never issued, so "revoked" with the extended-revoke meaning.
        await using (var db = runtime.Stores.OpenNational())
        {
            var record = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Certificates, c => c.Serial == user.Serial);
            record.Status = CertificateStatus.Pending;
            await db.SaveChangesAsync();
        }
        var pending = OcspResponses.Parse(await client.GetByteArrayAsync("/pki/ocsp/auth/" + Uri.EscapeDataString(Convert.ToBase64String(request))));
        var single = Assert.Single(pending.Responses);
        Assert.Equal(OcspCertStatus.Revoked, single.Status);
        Assert.Equal(DateTimeOffset.UnixEpoch, single.RevokedAt);
    }
}
