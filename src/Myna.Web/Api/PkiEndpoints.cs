using Microsoft.AspNetCore.Http.HttpResults;
using Myna.Hosting;
using Myna.Pki.Authorities;
using Myna.Pki.Ocsp;

namespace Myna.Web.Api;

/// <summary>/pki: what verifiers fetch without signing in (DOMAIN §7.5).</summary>
public static class PkiEndpoints
{
    public static void MapPki(this IEndpointRouteBuilder app)
    {
        var pki = app.MapGroup("/pki").WithTags("pki").AllowAnonymous();

        pki.MapGet("/ca/{name}.cer", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string name, MynaRuntime runtime, HttpContext http,
            CancellationToken ct) =>
        {
            if (!CaKinds.TryParseSlug(name, out var kind))
            {
                return ApiProblems.Problem(404, "unknown-ca", "No such CA", "use sign or auth");
            }
            var path = CaSetup.CertificatePath(runtime.CaFolder, CaKinds.KeyName(kind));
            if (!File.Exists(path))
            {
                return ApiProblems.Problem(404, "ca-not-initialised", "The CA has not been created", "run 'myna ca init'");
            }
            // Public and long-lived: verifiers and caches may keep it (every other answer is no-store).
            http.Response.Headers.CacheControl = "public, max-age=86400";
            return TypedResults.File(await File.ReadAllBytesAsync(path, ct), "application/pkix-cert", name + ".cer");
        }).WithName("CaCertificate").WithSummary("The signature (sign) or user-authentication (auth) CA certificate, DER");

        pki.MapGet("/crl/{name}.crl", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string name, MynaRuntime runtime, HttpContext http,
            CancellationToken ct) =>
        {
            if (!CaKinds.TryParseSlug(name, out var kind))
            {
                return ApiProblems.Problem(404, "unknown-ca", "No such CA", "use sign or auth");
            }
            if (!File.Exists(CaSetup.CertificatePath(runtime.CaFolder, CaKinds.KeyName(kind))))
            {
                return ApiProblems.Problem(404, "ca-not-initialised", "The CA has not been created", "run 'myna ca init'");
            }
            await using var db = runtime.Stores.OpenNational();
            var crl = await runtime.CrlPublisher().CurrentAsync(db, kind, ct);
            // Caches may keep it until the next change could appear on it.
            http.Response.Headers.CacheControl = "public, max-age=60";
            http.Response.Headers.LastModified = crl.ThisUpdate.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.File(crl.Der, "application/pkix-crl", name + ".crl");
        }).WithName("Crl").WithSummary("The current CRL of the signature (sign) or user-authentication (auth) CA, DER; renewed on any status change and daily");
    }

    /// <summary>
    /// The OCSP responders (RFC 6960 Appendix A) at <c>/pki/ocsp/{sign|auth}</c>: POST with the DER
    /// request as the body, or GET with it base64 (then URL-encoded) after the CA name. A branch of
    /// its own ahead of routing, sign-in and antiforgery, none of which an OCSP client needs: the
    /// responder is the hottest path of the national side.
    /// </summary>
    public static void UseOcsp(this WebApplication app) => app.Map("/pki/ocsp", branch => branch.Run(async http =>
    {
        var runtime = http.RequestServices.GetRequiredService<MynaRuntime>();
        var ct = http.RequestAborted;
        var rest = http.Request.Path.Value?.TrimStart('/') ?? "";
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? rest : rest[..slash];
        if (!CaKinds.TryParseSlug(name, out var kind))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        byte[] answer;
        if (HttpMethods.IsPost(http.Request.Method) && slash < 0)
        {
            var body = await ReadCappedAsync(http.Request, ct);
            if (body is null)
            {
                http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }
            answer = await runtime.OcspResponder().RespondAsync(kind, body.Value, ct);
        }
        else if (HttpMethods.IsGet(http.Request.Method) && slash > 0)
        {
            byte[]? der = null;
            try
            {
                der = Convert.FromBase64String(Uri.UnescapeDataString(rest[(slash + 1)..]));
            }
            catch (FormatException)
            {
            }
            answer = der is null ? OcspResponses.Error(OcspResponseStatus.MalformedRequest) : await runtime.OcspResponder().RespondAsync(kind, der, ct);
            http.Response.Headers.CacheControl = "max-age=60, public, no-transform, must-revalidate";
        }
        else
        {
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            http.Response.Headers.Allow = "GET, POST";
            return;
        }
        http.Response.ContentType = "application/ocsp-response";
        http.Response.ContentLength = answer.Length;
        await http.Response.Body.WriteAsync(answer, ct);
    }));

    /// <summary>
    /// The largest request body read: 100 CertIDs with SHA-512 hashes, a nonce and a signature fit
    /// in a few kilobytes (RFC 6960 §4.1; OcspRequest.MaxRequests).
    /// </summary>
    public const int MaxOcspRequest = 16 * 1024;

    /// <summary>
    /// The body, or null when it is larger than <see cref="MaxOcspRequest"/>. A declared length is
    /// refused before a byte is read; a body without one (chunked) is read to at most one byte past
    /// the limit. Either way a request costs at most one small buffer, whatever a client sends:
    /// a hostile body is answered 413 and never held whole.
    /// </summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadCappedAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxOcspRequest)
        {
            return null;
        }
        var buffer = new byte[request.ContentLength is { } declared ? (int)declared + 1 : MaxOcspRequest + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), ct)) > 0)
        {
            length += read;
        }
        if (length > MaxOcspRequest)
        {
            return null; // written out: in "c ? null : memory" the null would become an empty Memory, not "too large"
        }
        return buffer.AsMemory(0, length);
    }
}
