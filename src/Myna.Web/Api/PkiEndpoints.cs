using Microsoft.AspNetCore.Http.HttpResults;
using Myna.Data;
using Myna.Pki.Authorities;
using Myna.Pki.Ocsp;

namespace Myna.Web.Api;

/// <summary>/pki: what verifiers fetch without signing in (DOMAIN §7.5).</summary>
public static class PkiEndpoints
{
    public static void MapPki(this IEndpointRouteBuilder app)
    {
        var pki = app.MapGroup("/pki").WithTags("pki").AllowAnonymous();

        pki.MapGet("/ca/{name}.cer", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string name, MynaRuntime runtime, CancellationToken ct) =>
        {
            if (!CaKinds.TryParseSlug(name, out var kind))
            {
                return ApiProblems.Problem(404, "unknown-ca", "No such CA", "use sign or auth");
            }
            var path = CaSetup.CertificatePath(runtime.CaFolder, CaKinds.KeyName(kind));
            return File.Exists(path)
                ? TypedResults.File(await File.ReadAllBytesAsync(path, ct), "application/pkix-cert", name + ".cer")
                : ApiProblems.Problem(404, "ca-not-initialised", "The CA has not been created", "run 'myna ca init'");
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

        // RFC 6960 Appendix A: POST with the DER request as the body, or GET with it base64 (then URL-encoded) in the path.
        pki.MapPost("/ocsp/{name}", async (string name, MynaRuntime runtime, HttpContext http, CancellationToken ct) =>
        {
            if (!CaKinds.TryParseSlug(name, out var kind))
            {
                return Results.NotFound();
            }
            if (http.Request.ContentLength is > MaxOcspRequest)
            {
                return Ocsp(OcspResponses.Error(OcspResponseStatus.MalformedRequest));
            }
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body, ct);
            return body.Length > MaxOcspRequest
                ? Ocsp(OcspResponses.Error(OcspResponseStatus.MalformedRequest))
                : Ocsp(await runtime.OcspResponder().RespondAsync(kind, body.GetBuffer().AsMemory(0, (int)body.Length), ct));
        }).WithName("OcspPost").WithSummary("OCSP (RFC 6960) for the signature (sign) or user-authentication (auth) CA: DER OCSPRequest in, DER OCSPResponse out")
            .Accepts<byte[]>("application/ocsp-request").Produces(200, contentType: "application/ocsp-response");

        pki.MapGet("/ocsp/{name}/{**request}", async (string name, string request, MynaRuntime runtime, HttpContext http, CancellationToken ct) =>
        {
            if (!CaKinds.TryParseSlug(name, out var kind))
            {
                return Results.NotFound();
            }
            byte[] der;
            try
            {
                der = Convert.FromBase64String(Uri.UnescapeDataString(request));
            }
            catch (FormatException)
            {
                return Ocsp(OcspResponses.Error(OcspResponseStatus.MalformedRequest));
            }
            http.Response.Headers.CacheControl = "max-age=60, public, no-transform, must-revalidate";
            return Ocsp(await runtime.OcspResponder().RespondAsync(kind, der, ct));
        }).WithName("OcspGet").WithSummary("OCSP by GET: the base64 DER OCSPRequest, URL-encoded, after the CA name");
    }

    private const int MaxOcspRequest = 16 * 1024;

    private static IResult Ocsp(byte[] response) => Results.Bytes(response, "application/ocsp-response");
}
