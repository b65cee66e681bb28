using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Myna.Pki.Authorities;
using Myna.Pki.Ocsp;
using Myna.Testing;
using Myna.Web.Api;

namespace Myna.Web.Tests.Pki;

/// <summary>Issue 18, point 4: the OCSP responder on bodies and requests it must refuse.</summary>
public sealed class OcspHostileRequestTests
{
    /// <summary>Zeros, as many as asked, without holding them.</summary>
    private sealed class Zeros(long length) : Stream
    {
        private long position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - position);
            Array.Clear(buffer, offset, n);
            position += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>The request body as the application sees it, counting what the application reads from it.</summary>
    private sealed class CountingBody(Stream inner, Action<long> add) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            add(n);
            return n;
        }
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken);
            add(n);
            return n;
        }
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Wraps every request body, ahead of the whole pipeline, in a <see cref="CountingBody"/>.</summary>
    private sealed class CountBodies(Action<long> add) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, following) =>
            {
                http.Request.Body = new CountingBody(http.Request.Body, add);
                return following(http);
            });
            next(app);
        };
    }

    private const long ThirtyOneMegabytes = 31L * 1024 * 1024;

    /// <summary>Posts 31 MiB of zeros; returns the status and how many bytes the application read of them.</summary>
    private static async Task<(HttpStatusCode Status, long Read)> PostZerosAsync(bool declareLength)
    {
        long read = 0;
        await using var factory = await MynaWebFactory.CreateAsync(residents: 1);
        await using var counted = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddSingleton<IStartupFilter>(new CountBodies(n => Interlocked.Add(ref read, n)))));
        using var client = counted.CreateClient();
        using var content = new StreamContent(new Zeros(ThirtyOneMegabytes), 64 * 1024);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/pki/ocsp/sign") { Content = content };
        if (declareLength)
        {
            content.Headers.ContentLength = ThirtyOneMegabytes;
        }
        else
        {
            request.Headers.TransferEncodingChunked = true;
        }
        using var response = await client.SendAsync(request);
        return (response.StatusCode, Interlocked.Read(ref read));
    }

    [Fact]
    public async Task Post_31MegabytesWithContentLength_Is413_AndIsNotRead()
    {
        var (status, read) = await PostZerosAsync(declareLength: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(0, read);
    }

    [Fact]
    public async Task Post_31MegabytesChunked_Is413_AfterAtMostTheLimitIsRead()
    {
        var (status, read) = await PostZerosAsync(declareLength: false);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.InRange(read, PkiEndpoints.MaxOcspRequest + 1, PkiEndpoints.MaxOcspRequest + 1);
    }

    [Fact]
    public async Task Post_31MegabytesToKestrel_Is413_NotAServerError()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 1);
        var baseUrl = factory.StartKestrel();
        var body = Path.Combine(factory.Stores.Root, "big.bin");
        await using (var file = File.Create(body))
        {
            file.SetLength(ThirtyOneMegabytes);
        }
        // curl as a plain HTTP client: it reads the early answer while still uploading.
        var psi = new System.Diagnostics.ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Content-Type: application/ocsp-request", "--data-binary", "@" + body,
            $"{baseUrl}/pki/ocsp/sign" })
        {
            psi.ArgumentList.Add(a);
        }
        using var curl = System.Diagnostics.Process.Start(psi)!;
        var code = (await curl.StandardOutput.ReadToEndAsync()).Trim();
        await curl.WaitForExitAsync();

        Assert.Equal("413", code);
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        using var small = new ByteArrayContent([0x30, 0x00]);
        var after = OcspResponses.Parse(await (await client.PostAsync("/pki/ocsp/sign", small)).Content.ReadAsByteArrayAsync());
        Assert.Equal(OcspResponseStatus.MalformedRequest, after.Status); // and the host still answers
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public async Task Post_NonceOfZeroOrMoreThan32Octets_IsMalformedRequest(int octets)
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 3);
        using var user = await TestCertificates.IssueAsync(factory, CaKind.UserAuthentication);
        var ca = factory.Stores.Runtime.Authority(CaKind.UserAuthentication);
        using var client = factory.CreateClient();
        using var content = new ByteArrayContent(OcspRequest.Build([CertId.For(ca.Certificate, Convert.FromHexString(user.Serial))], new byte[octets]));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");

        var response = await client.PostAsync("/pki/ocsp/auth", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(OcspResponseStatus.MalformedRequest, OcspResponses.Parse(await response.Content.ReadAsByteArrayAsync()).Status);
    }

    [Fact]
    public async Task OpensslOcsp_AskingOneCaAboutTheOtherCasCertificate_IsUnauthorized()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 3);
        var baseUrl = factory.StartKestrel();
        using var signature = await TestCertificates.IssueAsync(factory, CaKind.Signature);
        using var user = await TestCertificates.IssueAsync(factory, CaKind.UserAuthentication);
        var runtime = factory.Stores.Runtime;
        var folder = factory.Stores.Root;
        var signCa = TestCertificates.Pem(runtime.Authority(CaKind.Signature).Certificate, folder, "sign-ca");
        var authCa = TestCertificates.Pem(runtime.Authority(CaKind.UserAuthentication).Certificate, folder, "auth-ca");

        // The signature CA's responder about a user certificate, and the reverse.
        var toSign = OpenSsl.Run("ocsp", "-issuer", authCa, "-cert", TestCertificates.Pem(user.Certificate, folder, "user"),
            "-url", $"{baseUrl}/pki/ocsp/sign", "-CAfile", authCa);
        var toAuth = OpenSsl.Run("ocsp", "-issuer", signCa, "-cert", TestCertificates.Pem(signature.Certificate, folder, "sig"),
            "-url", $"{baseUrl}/pki/ocsp/auth", "-CAfile", signCa);

        Assert.Contains("Responder Error: unauthorized (6)", toSign.Output, StringComparison.Ordinal);
        Assert.Contains("Responder Error: unauthorized (6)", toAuth.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(": unknown", toSign.Output + toAuth.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_UnknownIssuerHashes_OrOneForeignCertificateAmongOwn_IsUnauthorized()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 3);
        using var user = await TestCertificates.IssueAsync(factory, CaKind.UserAuthentication);
        var ca = factory.Stores.Runtime.Authority(CaKind.UserAuthentication);
        using var client = factory.CreateClient();
        using var strangerKey = RSA.Create(2048);
        using var strangerCa = new CertificateRequest("C=JP, O=Elsewhere", strangerKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var own = CertId.For(ca.Certificate, Convert.FromHexString(user.Serial));
        var foreign = CertId.For(strangerCa, Convert.FromHexString(user.Serial));

        async Task<OcspResponseStatus> AskAsync(params CertId[] ids)
        {
            using var content = new ByteArrayContent(OcspRequest.Build(ids, RandomNumberGenerator.GetBytes(16)));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
            return OcspResponses.Parse(await (await client.PostAsync("/pki/ocsp/auth", content)).Content.ReadAsByteArrayAsync()).Status;
        }

        Assert.Equal(OcspResponseStatus.Unauthorized, await AskAsync(foreign));
        Assert.Equal(OcspResponseStatus.Unauthorized, await AskAsync(own, foreign));
        Assert.Equal(OcspResponseStatus.Successful, await AskAsync(own));
    }
}
