using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Myna.Data.Certificates;
using Myna.Pki.Authorities;
using Myna.Pki.Verification;
using Myna.Testing;

namespace Myna.Web.Tests.Pki;

/// <summary>A verifier checks documents signed with signature certificates (DOMAIN §7.6), against the running host's OCSP and CRL.</summary>
public sealed class SignatureVerificationTests
{
    private static readonly byte[] Document = Encoding.UTF8.GetBytes("口座開設申込書: 普通預金 1口");

    private static byte[] Sign(TestCertificate signer, byte[] content, bool detached = false, DateTimeOffset? signingTime = null)
    {
        var cms = new SignedCms(new ContentInfo(content), detached);
        using var withKey = signer.Certificate.CopyWithPrivateKey(signer.Key);
        var cmsSigner = new CmsSigner(withKey) { DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"), IncludeOption = X509IncludeOption.EndCertOnly };
        cmsSigner.SignedAttributes.Add(new Pkcs9SigningTime((signingTime ?? DateTimeOffset.UtcNow).UtcDateTime));
        cms.ComputeSignature(cmsSigner);
        return cms.Encode();
    }

    private sealed class Host : IAsyncDisposable
    {
        public required MynaWebFactory Factory { get; init; }
        public required string BaseUrl { get; init; }
        public required HttpClient Http { get; init; }

        public static async Task<Host> StartAsync()
        {
            var factory = await MynaWebFactory.CreateAsync(residents: 3);
            var baseUrl = factory.StartKestrel();
            factory.Stores.Runtime.Options.PublicUrl = baseUrl; // the certificates' OCSP and CRL addresses
            return new Host { Factory = factory, BaseUrl = baseUrl, Http = new HttpClient() };
        }

        public CmsVerifier Verifier(CaKind anchor = CaKind.Signature, HttpMessageHandler? handler = null) =>
            new([Factory.Stores.Runtime.Authority(anchor).Certificate], new OnlineRevocation(handler is null ? Http : new HttpClient(handler), TimeProvider.System),
                TimeProvider.System);

        public async Task ChangeAsync(string serial, Func<CertificateStatusService, Data.NationalDb, Task> change)
        {
            await using var db = Factory.Stores.Runtime.Stores.OpenNational();
            await change(Factory.Stores.Runtime.CertificateStatus(), db);
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await Factory.DisposeAsync();
        }
    }

    [Fact]
    public async Task AValidSignature_IsAccepted_WithTheHoldersFourInformation_AttachedOrDetached()
    {
        await using var host = await Host.StartAsync();
        using var signer = await TestCertificates.IssueAsync(host.Factory, CaKind.Signature);

        var report = await host.Verifier().VerifyAsync(Sign(signer, Document), null);

        Assert.True(report.Valid, report.Message);
        Assert.Equal(RevocationState.Good, report.Revocation!.State);
        Assert.StartsWith("OCSP " + host.BaseUrl, report.Revocation.Source, StringComparison.Ordinal);
        Assert.True(report.SigningTimeAsserted);
        await using var municipal = host.Factory.Stores.OpenMunicipal();
        var resident = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(municipal.Residents, r => r.Id == signer.ResidentId);
        Assert.Equal(resident.FullName, report.FourInformation!.Name);
        Assert.Equal(resident.BirthDate, report.FourInformation.BirthDate);
        Assert.Equal(resident.Address, report.FourInformation.Address);

        var detached = Sign(signer, Document, detached: true);
        Assert.True((await host.Verifier().VerifyAsync(detached, Document)).Valid);
        Assert.Equal(SignatureFailure.ContentMissing, (await host.Verifier().VerifyAsync(detached, null)).Failure);
        var altered = (byte[])Document.Clone();
        altered[^1] ^= 1;
        Assert.Equal(SignatureFailure.SignatureMismatch, (await host.Verifier().VerifyAsync(detached, altered)).Failure);
        Assert.Equal(SignatureFailure.NotCms, (await host.Verifier().VerifyAsync(Document, null)).Failure);
    }

    [Fact]
    public async Task RevokedSuspendedUntrustedExpiredAndUserCertificates_AreRefused_WithThePreciseReason()
    {
        await using var host = await Host.StartAsync();
        using var signer = await TestCertificates.IssueAsync(host.Factory, CaKind.Signature);
        using var user = await TestCertificates.IssueAsync(host.Factory, CaKind.UserAuthentication);
        var signed = Sign(signer, Document);

        var wrongAnchor = await host.Verifier(CaKind.UserAuthentication).VerifyAsync(signed, null);
        Assert.Equal(SignatureFailure.Untrusted, wrongAnchor.Failure);

        var early = await host.Verifier().VerifyAsync(Sign(signer, Document, signingTime: DateTimeOffset.UtcNow.AddYears(-1)), null);
        Assert.Equal(SignatureFailure.NotValidAtSigningTime, early.Failure);
        Assert.Contains("not valid at signing time", early.Message, StringComparison.Ordinal);

        var byUserKey = await host.Verifier().VerifyAsync(Sign(user, Document), null);
        Assert.Equal(SignatureFailure.NotASignatureCertificate, byUserKey.Failure);

        await host.ChangeAsync(signer.Serial, (s, db) => s.SuspendAsync(db, CaKind.Signature, signer.Serial, "call-centre"));
        var suspended = await host.Verifier().VerifyAsync(signed, null);
        Assert.Equal(SignatureFailure.Suspended, suspended.Failure);

        await host.ChangeAsync(signer.Serial, (s, db) => s.ReleaseAsync(db, CaKind.Signature, signer.Serial, "municipality"));
        await Task.Delay(1100); // OCSP and signingTime carry whole seconds: revoke in a later second than the signature
        await host.ChangeAsync(signer.Serial, (s, db) => s.RevokeAsync(db, CaKind.Signature, signer.Serial, RevocationReason.AffiliationChanged, "register"));
        var revoked = await host.Verifier().VerifyAsync(signed, null);
        Assert.Equal(SignatureFailure.Revoked, revoked.Failure);
        Assert.Contains("affiliationChanged", revoked.Message, StringComparison.Ordinal);
        Assert.Contains("after the stated signing time", revoked.Message, StringComparison.Ordinal);
        Assert.NotNull(revoked.FourInformation); // still shown: the verifier needs to know whose signature it was
    }

    /// <summary>Fails every OCSP request, as an unreachable responder would.</summary>
    private sealed class NoOcsp : DelegatingHandler
    {
        public NoOcsp() : base(new HttpClientHandler())
        {
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri!.AbsolutePath.StartsWith("/pki/ocsp/", StringComparison.Ordinal)
                ? throw new HttpRequestException("connection refused (test)")
                : base.SendAsync(request, cancellationToken);
    }

    [Fact]
    public async Task WithoutOcsp_TheCrlDecides()
    {
        await using var host = await Host.StartAsync();
        using var signer = await TestCertificates.IssueAsync(host.Factory, CaKind.Signature);
        var signed = Sign(signer, Document);

        var good = await host.Verifier(handler: new NoOcsp()).VerifyAsync(signed, null);
        Assert.True(good.Valid, good.Message);
        Assert.StartsWith("CRL ", good.Revocation!.Source, StringComparison.Ordinal);
        Assert.Contains(good.Revocation.Problems, p => p.Contains("connection refused", StringComparison.Ordinal));

        await host.ChangeAsync(signer.Serial, (s, db) => s.RevokeAsync(db, CaKind.Signature, signer.Serial, RevocationReason.KeyCompromise, "operator"));
        var revoked = await host.Verifier(handler: new NoOcsp()).VerifyAsync(signed, null);
        Assert.Equal(SignatureFailure.Revoked, revoked.Failure);
        Assert.Contains("keyCompromise", revoked.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MynaVerify_PrintsTheFourInformation_AndFailsWithTheReason()
    {
        await using var host = await Host.StartAsync();
        using var signer = await TestCertificates.IssueAsync(host.Factory, CaKind.Signature);
        var folder = host.Factory.Stores.Root;
        var p7s = Path.Combine(folder, "application.p7s");
        var content = Path.Combine(folder, "application.txt");
        await File.WriteAllBytesAsync(p7s, Sign(signer, Document, detached: true));
        await File.WriteAllBytesAsync(content, Document);
        var anchor = TestCertificates.Pem(host.Factory.Stores.Runtime.Authority(CaKind.Signature).Certificate, folder, "sign-ca");

        var ok = await MynaCli.RunAsync(null, null, "verify", p7s, "--content", content, "--anchor", anchor);
        Assert.True(ok.ExitCode == 0, ok.Out + ok.Err);
        Assert.Contains("four information (基本4情報):", ok.Out, StringComparison.Ordinal);
        Assert.Contains("status:      good (OCSP ", ok.Out, StringComparison.Ordinal);
        Assert.EndsWith("valid\n", ok.Out, StringComparison.Ordinal);

        var missing = await MynaCli.RunAsync(null, null, "verify", p7s, "--anchor", anchor);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("invalid: the signature is detached", missing.Out, StringComparison.Ordinal);
        Assert.Equal(2, (await MynaCli.RunAsync(null, null, "verify", Path.Combine(folder, "none.p7s"), "--anchor", anchor)).ExitCode);
    }
}
