using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Myna.Pki.Ocsp;
using Myna.Pki.Revocation;

namespace Myna.Pki.Verification;

public enum RevocationState
{
    Good,
    Revoked,
    /// <summary>一時停止 (certificateHold): reported lost; may come back.</summary>
    Suspended,
    /// <summary>Neither OCSP nor a CRL gave an answer that could be trusted.</summary>
    Undetermined,
}

/// <summary>What the revocation check found, where, and what went wrong on the way.</summary>
public sealed record RevocationAnswer(RevocationState State, DateTimeOffset? RevokedAt, int? Reason, string Source, IReadOnlyList<string> Problems);

/// <summary>Where the status of a certificate comes from.</summary>
public interface IRevocationSource
{
    Task<RevocationAnswer> CheckAsync(X509Certificate2 certificate, X509Certificate2 issuer, CancellationToken ct = default);
}

/// <summary>
/// Asks the OCSP responder named in the certificate (with a fresh nonce; the answer must be
/// signed by the CA or its delegated responder, current, and echo the nonce or — as RFC 5019
/// responders do — echo none and state its nextUpdate), and falls back to the CRL
/// of its distribution point when OCSP gives no trustworthy answer (DOMAIN §7.6).
/// </summary>
public sealed class OnlineRevocation(HttpClient http, TimeProvider time) : IRevocationSource
{
    /// <summary>How far clocks may disagree when checking the times in an answer.</summary>
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    public async Task<RevocationAnswer> CheckAsync(X509Certificate2 certificate, X509Certificate2 issuer, CancellationToken ct = default)
    {
        var problems = new List<string>();
        var aia = certificate.Extensions.OfType<X509AuthorityInformationAccessExtension>().FirstOrDefault();
        var ocspUrls = aia?.EnumerateOcspUris().ToList() ?? [];
        if (ocspUrls.Count == 0)
        {
            problems.Add("the certificate names no OCSP responder");
        }
        foreach (var url in ocspUrls)
        {
            if (await OcspAsync(url, certificate, issuer, problems, ct) is { } answer)
            {
                return answer with { Problems = problems };
            }
        }
        var crlUrls = CrlReader.DistributionPoints(certificate);
        if (crlUrls.Count == 0)
        {
            problems.Add("the certificate names no CRL distribution point");
        }
        foreach (var url in crlUrls)
        {
            if (await CrlAsync(url, certificate, issuer, problems, ct) is { } answer)
            {
                return answer with { Problems = problems };
            }
        }
        return new RevocationAnswer(RevocationState.Undetermined, null, null, "none", problems);
    }

    private async Task<RevocationAnswer?> OcspAsync(string url, X509Certificate2 certificate, X509Certificate2 issuer, List<string> problems,
        CancellationToken ct)
    {
        var id = CertId.For(issuer, certificate.SerialNumberBytes.Span);
        var nonce = RandomNumberGenerator.GetBytes(16);
        var request = OcspRequest.Build([id], nonce);
        byte[] body;
        try
        {
            using var content = new ByteArrayContent(request);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
            using var response = await http.PostAsync(url, content, ct);
            if (!response.IsSuccessStatusCode)
            {
                problems.Add($"OCSP {url}: HTTP {(int)response.StatusCode}");
                return null;
            }
            body = await response.Content.ReadAsByteArrayAsync(ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            problems.Add($"OCSP {url}: {e.Message}");
            return null;
        }
        ParsedOcspResponse parsed;
        try
        {
            parsed = OcspResponses.Parse(body);
        }
        catch (OcspFormatException e)
        {
            problems.Add($"OCSP {url}: {e.Message}");
            return null;
        }
        var now = time.GetUtcNow();
        if (parsed.Status != OcspResponseStatus.Successful)
        {
            problems.Add($"OCSP {url}: the responder answered {parsed.Status}");
            return null;
        }
        if (parsed.Verify(issuer, now) is { } signatureProblem)
        {
            problems.Add($"OCSP {url}: {signatureProblem}");
            return null;
        }
        var nonceWrapped = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        nonceWrapped.WriteOctetString(nonce);
        // RFC 5019 responders answer from pre-signed responses and do not echo a nonce (RFC 8954 §2.1 lets any
        // responder ignore it): such an answer is taken when it is signed and current, and says until when it
        // holds (nextUpdate). A nonce that is echoed must be ours: another one means a replayed answer.
        var nonceEchoed = parsed.Nonce is not null;
        if (parsed.Nonce is not null && !parsed.Nonce.AsSpan().SequenceEqual(nonceWrapped.Encode()))
        {
            problems.Add($"OCSP {url}: the answer echoes another nonce than ours (a replayed answer?)");
            return null;
        }
        var single = parsed.Responses.FirstOrDefault(r => r.Id.SerialHex == id.SerialHex && r.Id.IsIssuedBy(issuer));
        if (single is null)
        {
            problems.Add($"OCSP {url}: the answer is about another certificate");
            return null;
        }
        if (single.ThisUpdate > now + Skew || single.NextUpdate is { } next && next < now - Skew)
        {
            problems.Add($"OCSP {url}: the answer is not current (thisUpdate {single.ThisUpdate:u}, nextUpdate {single.NextUpdate:u})");
            return null;
        }
        if (!nonceEchoed)
        {
            if (single.NextUpdate is null)
            {
                problems.Add($"OCSP {url}: the answer neither echoes our nonce nor says until when it holds (no nextUpdate)");
                return null;
            }
            problems.Add($"OCSP {url}: no nonce echoed (RFC 5019); accepted as current (thisUpdate {single.ThisUpdate:u}, nextUpdate {single.NextUpdate:u})");
        }
        var state = single.Status switch
        {
            OcspCertStatus.Good => RevocationState.Good,
            OcspCertStatus.Revoked when single.Reason == 6 => RevocationState.Suspended,
            OcspCertStatus.Revoked => RevocationState.Revoked,
            _ => RevocationState.Undetermined,
        };
        if (state == RevocationState.Undetermined)
        {
            problems.Add($"OCSP {url}: the responder does not know the certificate");
            return null;
        }
        return new RevocationAnswer(state, single.RevokedAt, single.Reason, "OCSP " + url, problems);
    }

    private async Task<RevocationAnswer?> CrlAsync(string url, X509Certificate2 certificate, X509Certificate2 issuer, List<string> problems,
        CancellationToken ct)
    {
        ParsedCrl crl;
        try
        {
            crl = CrlReader.Read(await http.GetByteArrayAsync(url, ct));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or FormatException)
        {
            problems.Add($"CRL {url}: {e.Message}");
            return null;
        }
        if (crl.Verify(issuer) is { } problem)
        {
            problems.Add($"CRL {url}: {problem}");
            return null;
        }
        var now = time.GetUtcNow();
        if (crl.NextUpdate is { } next && next < now - Skew)
        {
            problems.Add($"CRL {url}: out of date (nextUpdate {next:u})");
            return null;
        }
        var serial = Profiles.Serials.Of(certificate);
        if (!crl.Entries.TryGetValue(serial, out var entry))
        {
            return new RevocationAnswer(RevocationState.Good, null, null, "CRL " + url, problems);
        }
        return new RevocationAnswer(entry.Reason == 6 ? RevocationState.Suspended : RevocationState.Revoked, entry.RevokedAt, entry.Reason, "CRL " + url, problems);
    }
}
