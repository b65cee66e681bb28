using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Myna.National.Jpki;
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

        public CmsVerifier Verifier(CaKind anchor = CaKind.Signature, HttpMessageHandler? handler = null, TimeProvider? clock = null,
            IRevocationSource? revocation = null, IReadOnlyList<X509Certificate2>? timestampAnchors = null) =>
            new([Factory.Stores.Runtime.Authority(anchor).Certificate],
                revocation ?? new OnlineRevocation(handler is null ? Http : new HttpClient(handler), clock ?? TimeProvider.System),
                clock ?? TimeProvider.System, timestampAnchors);

        public async Task ChangeAsync(string serial, Func<CertificateStatusService, National.NationalDb, Task> change)
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

        // A stated signing time before the certificate existed proves nothing either way: judged at the present time.
        var early = await host.Verifier().VerifyAsync(Sign(signer, Document, signingTime: DateTimeOffset.UtcNow.AddYears(-1)), null);
        Assert.True(early.Valid, early.Message);
        Assert.StartsWith("present time; the signer's stated signing time", early.TimeBasis, StringComparison.Ordinal);

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
        Assert.Contains("the signer's stated signing time is earlier, but without a trusted time-stamp nothing proves it", revoked.Message, StringComparison.Ordinal);
        Assert.NotNull(revoked.FourInformation); // still shown: the verifier needs to know whose signature it was
    }

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>A revocation source that finds the certificate good (the status "now" when the clock is moved past its expiry).</summary>
    private sealed class AlwaysGood : IRevocationSource
    {
        public Task<RevocationAnswer> CheckAsync(X509Certificate2 certificate, X509Certificate2 issuer, CancellationToken ct = default) =>
            Task.FromResult(new RevocationAnswer(RevocationState.Good, null, null, "test", []));
    }

    /// <summary>Issue 18 point 6: a holder whose certificate has expired cannot backdate a signature into validity.</summary>
    [Fact]
    public async Task BackdatedSigningTime_CertificateExpiredNow_IsInvalidAtThePresentTime()
    {
        await using var host = await Host.StartAsync();
        using var signer = await TestCertificates.IssueAsync(host.Factory, CaKind.Signature);
        var signedAt = DateTimeOffset.UtcNow; // well inside the certificate's validity, as the signer states it
        var later = new DateTimeOffset(signer.Certificate.NotAfter.ToUniversalTime()).AddDays(1);

        var report = await host.Verifier(clock: new Clock(later)).VerifyAsync(Sign(signer, Document, signingTime: signedAt), null);

        Assert.Equal(SignatureFailure.NotValidAtSigningTime, report.Failure);
        Assert.Equal(later, report.VerifiedAt);
        Assert.StartsWith("present time; the signer's stated signing time", report.TimeBasis, StringComparison.Ordinal);
        Assert.Contains($"the certificate was not valid at {later.ToString("u", System.Globalization.CultureInfo.InvariantCulture)} (present time;", report.Message,
            StringComparison.Ordinal);
        Assert.Contains("is not evidence without a trusted time-stamp", report.Message, StringComparison.Ordinal);
        Assert.NotNull(report.SigningTime); // still reported, as the signer's claim
    }

    [Fact]
    public async Task TrustedTimestamp_ProvesAnEarlierTime_ValidAtTheStampedTime_AndOnlyATrustedTsaCounts()
    {
        await using var host = await Host.StartAsync();
        using var signer = await TestCertificates.IssueAsync(host.Factory, CaKind.Signature);
        using var tsa = new TestTimestampAuthority();
        var stampedAt = DateTimeOffset.UtcNow; // after the certificate's notBefore
        var stamped = tsa.Stamp(Sign(signer, Document, signingTime: stampedAt), stampedAt);
        var later = new Clock(new DateTimeOffset(signer.Certificate.NotAfter.ToUniversalTime()).AddDays(30));

        var report = await host.Verifier(clock: later, revocation: new AlwaysGood(), timestampAnchors: [tsa.Root]).VerifyAsync(stamped, null);
        Assert.True(report.Valid, report.Message + " / " + report.TimestampProblem);
        Assert.StartsWith("time-stamped at ", report.TimeBasis, StringComparison.Ordinal);
        Assert.Contains("CN=Test TSA", report.TimeBasis, StringComparison.Ordinal);
        Assert.True((report.VerifiedAt!.Value - stampedAt).Duration() < TimeSpan.FromSeconds(1));

        // Not trusted: no TSA anchor, a TSA without the timeStamping usage, a token over another signature.
        var untrusted = await host.Verifier(clock: later, revocation: new AlwaysGood()).VerifyAsync(stamped, null);
        Assert.Equal(SignatureFailure.NotValidAtSigningTime, untrusted.Failure);
        Assert.Contains("no time-stamping authority is trusted", untrusted.TimestampProblem, StringComparison.Ordinal);
        Assert.StartsWith("present time", untrusted.TimeBasis, StringComparison.Ordinal);

        using var notTsa = new TestTimestampAuthority(timeStampingUsage: false);
        var wrongUsage = await host.Verifier(clock: later, revocation: new AlwaysGood(), timestampAnchors: [notTsa.Root])
            .VerifyAsync(notTsa.Stamp(Sign(signer, Document), stampedAt), null);
        Assert.Equal(SignatureFailure.NotValidAtSigningTime, wrongUsage.Failure);
        Assert.Contains("timeStamping", wrongUsage.TimestampProblem, StringComparison.Ordinal);

        var cms = new SignedCms();
        cms.Decode(Sign(signer, Document));
        cms.SignerInfos[0].AddUnsignedAttribute(new AsnEncodedData(new Oid("1.2.840.113549.1.9.16.2.14"),
            tsa.Token(SHA256.HashData("another signature"u8), new Oid("2.16.840.1.101.3.4.2.1"), stampedAt)));
        var otherImprint = await host.Verifier(clock: later, revocation: new AlwaysGood(), timestampAnchors: [tsa.Root]).VerifyAsync(cms.Encode(), null);
        Assert.Equal(SignatureFailure.NotValidAtSigningTime, otherImprint.Failure);
        Assert.Contains("message imprint", otherImprint.TimestampProblem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrustedTimestamp_RevokedAfterTheStamp_StaysValid_UnlessTheKeyWasCompromised()
    {
        await using var host = await Host.StartAsync();
        using var signer = await TestCertificates.IssueAsync(host.Factory, CaKind.Signature);
        using var tsa = new TestTimestampAuthority();
        var stamped = tsa.Stamp(Sign(signer, Document), DateTimeOffset.UtcNow);
        await Task.Delay(1100); // revocation times carry whole seconds: revoke in a later second than the stamp
        await host.ChangeAsync(signer.Serial, (s, db) => s.RevokeAsync(db, CaKind.Signature, signer.Serial, RevocationReason.AffiliationChanged, "register"));

        var moved = await host.Verifier(timestampAnchors: [tsa.Root]).VerifyAsync(stamped, null);
        Assert.True(moved.Valid, moved.Message);
        Assert.Contains("revoked (reason affiliationChanged", moved.Message, StringComparison.Ordinal);
        Assert.Contains("after the signature was time-stamped at", moved.Message, StringComparison.Ordinal);
        Assert.Equal(SignatureFailure.Revoked, (await host.Verifier().VerifyAsync(stamped, null)).Failure); // the stamp not trusted: present time

        using var other = await TestCertificates.IssueAsync(host.Factory, CaKind.Signature);
        var stampedOther = tsa.Stamp(Sign(other, Document), DateTimeOffset.UtcNow);
        await Task.Delay(1100);
        await host.ChangeAsync(other.Serial, (s, db) => s.RevokeAsync(db, CaKind.Signature, other.Serial, RevocationReason.KeyCompromise, "operator"));
        var compromised = await host.Verifier(timestampAnchors: [tsa.Root]).VerifyAsync(stampedOther, null);
        Assert.Equal(SignatureFailure.Revoked, compromised.Failure);
        Assert.Contains("keyCompromise", compromised.Message, StringComparison.Ordinal);
    }

    /// <summary>Sends every OCSP request with another nonce (or none), as on the way to an RFC 5019 responder.</summary>
    private sealed class RewriteNonce(X509Certificate2 certificate, X509Certificate2 issuer, byte[]? nonce) : DelegatingHandler(new HttpClientHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.StartsWith("/pki/ocsp/", StringComparison.Ordinal))
            {
                var content = new ByteArrayContent(Myna.Pki.Ocsp.OcspRequest.Build([Myna.Pki.Ocsp.CertId.For(issuer, certificate.SerialNumberBytes.Span)], nonce));
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/ocsp-request");
                request.Content = content;
            }
            return base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task OcspAnswerWithoutNonceEcho_IsAcceptedWhenSignedAndCurrent_AnotherNonceIsRefused()
    {
        await using var host = await Host.StartAsync();
        using var signer = await TestCertificates.IssueAsync(host.Factory, CaKind.Signature);
        var issuer = host.Factory.Stores.Runtime.Authority(CaKind.Signature).Certificate;
        var signed = Sign(signer, Document);

        var noEcho = await host.Verifier(handler: new RewriteNonce(signer.Certificate, issuer, nonce: null)).VerifyAsync(signed, null);
        Assert.True(noEcho.Valid, noEcho.Message);
        Assert.StartsWith("OCSP ", noEcho.Revocation!.Source, StringComparison.Ordinal);
        Assert.Contains(noEcho.Revocation.Problems, p => p.Contains("no nonce echoed (RFC 5019); accepted as current", StringComparison.Ordinal));

        var replayed = await host.Verifier(handler: new RewriteNonce(signer.Certificate, issuer, RandomNumberGenerator.GetBytes(16))).VerifyAsync(signed, null);
        Assert.True(replayed.Valid, replayed.Message);
        Assert.StartsWith("CRL ", replayed.Revocation!.Source, StringComparison.Ordinal); // OCSP refused, the CRL decided
        Assert.Contains(replayed.Revocation.Problems, p => p.Contains("echoes another nonce than ours", StringComparison.Ordinal));
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
        Assert.Contains("Z (present time", ok.Out, StringComparison.Ordinal);
        Assert.EndsWith("valid\n", ok.Out, StringComparison.Ordinal);

        using var tsa = new TestTimestampAuthority();
        var stampedFile = Path.Combine(folder, "stamped.p7s");
        await File.WriteAllBytesAsync(stampedFile, tsa.Stamp(Sign(signer, Document), DateTimeOffset.UtcNow));
        var tsaRoot = TestCertificates.Pem(tsa.Root, folder, "tsa-root");
        var stamped = await MynaCli.RunAsync(null, null, "verify", stampedFile, "--anchor", anchor, "--tsa-anchor", tsaRoot);
        Assert.True(stamped.ExitCode == 0, stamped.Out + stamped.Err);
        Assert.Contains("Z (time-stamped at ", stamped.Out, StringComparison.Ordinal);
        var stampIgnored = await MynaCli.RunAsync(null, null, "verify", stampedFile, "--anchor", anchor);
        Assert.Contains("note: time-stamp not used: ", stampIgnored.Out, StringComparison.Ordinal);
        Assert.Contains("Z (present time", stampIgnored.Out, StringComparison.Ordinal);

        var missing = await MynaCli.RunAsync(null, null, "verify", p7s, "--anchor", anchor);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("invalid: the signature is detached", missing.Out, StringComparison.Ordinal);
        Assert.Equal(2, (await MynaCli.RunAsync(null, null, "verify", Path.Combine(folder, "none.p7s"), "--anchor", anchor)).ExitCode);
    }
}
