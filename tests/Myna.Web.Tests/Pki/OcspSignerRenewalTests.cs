using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Myna.Pki.Authorities;
using Myna.Pki.Ocsp;
using Myna.Testing;

namespace Myna.Web.Tests.Pki;

/// <summary>Issue 18, point 5: after a year the responder still answers with a certificate <c>openssl ocsp</c> accepts.</summary>
public sealed class OcspSignerRenewalTests
{
    private sealed class MovableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly System.Text.RegularExpressions.Regex Good = new(@"(: |\t|^)good\r?$", System.Text.RegularExpressions.RegexOptions.Multiline,
        TimeSpan.FromSeconds(1));

    [Fact]
    public async Task OpensslOcsp_After11And13Months_VerifiesAgainstARenewedResponderCertificate_AndTheCrlIsStillSignedByTheCa()
    {
        var start = DateTimeOffset.UtcNow;
        var clock = new MovableClock(start);
        await using var factory = await MynaWebFactory.CreateAsync(residents: 3, clock: clock);
        var baseUrl = factory.StartKestrel();
        using var holder = await TestCertificates.IssueAsync(factory, CaKind.Signature);
        var folder = factory.Stores.Root;
        var ca = factory.Stores.Runtime.Authority(CaKind.Signature).Certificate;
        var caPem = TestCertificates.Pem(ca, folder, "sign-ca");
        var certPem = TestCertificates.Pem(holder.Certificate, folder, "holder");

        // openssl checks the responder certificate at -attime, the moment the host's clock says it is. It checks
        // thisUpdate against the real time, and warns "Status times invalid" for a moved clock; that warning is not the test.
        (string Text, X509Certificate2 Responder) Ask(DateTimeOffset at)
        {
            var respout = Path.Combine(folder, $"resp-{at.ToUnixTimeSeconds()}.der");
            var text = OpenSsl.Ok("ocsp", "-issuer", caPem, "-cert", certPem, "-url", $"{baseUrl}/pki/ocsp/sign", "-CAfile", caPem,
                "-attime", at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), "-respout", respout);
            return (text, OcspResponses.Parse(File.ReadAllBytes(respout)).Certificates.Single());
        }

        var (firstText, first) = Ask(start);
        Assert.Contains("Response verify OK", firstText, StringComparison.Ordinal);
        Assert.Matches(Good, firstText);

        clock.Now = start.AddDays(335); // eleven months: less than 60 days left on the first responder certificate
        var (elevenText, eleven) = Ask(clock.Now);
        Assert.Contains("Response verify OK", elevenText, StringComparison.Ordinal);
        Assert.Matches(Good, elevenText);
        Assert.NotEqual(first.SerialNumber, eleven.SerialNumber);
        Assert.NotEqual(first.PublicKey.ExportSubjectPublicKeyInfo(), eleven.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.InRange(new DateTimeOffset(eleven.NotBefore), clock.Now.AddMinutes(-6), clock.Now);
        Assert.True(eleven.NotAfter > clock.Now.AddDays(300).UtcDateTime);
        var freshPem = TestCertificates.Pem(eleven, folder, "fresh-responder");
        OpenSsl.Ok("verify", "-CAfile", caPem, "-attime", clock.Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), freshPem);

        clock.Now = start.AddDays(395); // thirteen months: the first certificate has expired
        Assert.True(first.NotAfter < clock.Now.UtcDateTime);
        var (thirteenText, thirteen) = Ask(clock.Now);
        Assert.Contains("Response verify OK", thirteenText, StringComparison.Ordinal);
        Assert.Matches(Good, thirteenText);
        Assert.Equal(eleven.SerialNumber, thirteen.SerialNumber);
        // The responder certificate also passes when given explicitly, as a pinned-responder client does.
        OpenSsl.Ok("ocsp", "-issuer", caPem, "-cert", certPem, "-url", $"{baseUrl}/pki/ocsp/sign", "-CAfile", caPem, "-verify_other", freshPem,
            "-attime", clock.Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

        // The CRL is signed with the CA key itself (no delegated CRL signer to renew): it verifies against the CA certificate alone.
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var crlPath = Path.Combine(folder, "sign.crl");
        await File.WriteAllBytesAsync(crlPath, await client.GetByteArrayAsync("/pki/crl/sign.crl"));
        var crl = OpenSsl.Ok("crl", "-inform", "DER", "-in", crlPath, "-CAfile", caPem, "-noout", "-text");
        Assert.Contains("verify OK", crl, StringComparison.Ordinal);
        Assert.Contains("Issuer: C = JP, O = JPKI, OU = JPKI for digital signature", crl, StringComparison.Ordinal);
        var lastUpdate = OpenSsl.Ok("crl", "-inform", "DER", "-in", crlPath, "-noout", "-lastupdate").Trim()["lastUpdate=".Length..].Replace("  ", " ", StringComparison.Ordinal);
        var published = DateTimeOffset.ParseExact(lastUpdate, "MMM d HH:mm:ss yyyy 'GMT'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.InRange(published, clock.Now.AddDays(-1), clock.Now); // a CRL of the moved present, not the first one
    }
}
