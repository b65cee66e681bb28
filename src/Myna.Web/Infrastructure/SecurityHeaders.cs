using System.Net;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.HttpOverrides;

namespace Myna.Web.Infrastructure;

/// <summary>
/// What every answer of the host tells the browser (issue 16, point 9), in one place:
/// <list type="bullet">
/// <item>a Content-Security-Policy that runs only the host's own script files (no inline script,
/// no inline handler: the pages' behaviour lives in <c>wwwroot/site.js</c>), and lets no page be
/// framed, post elsewhere or change its base;</item>
/// <item><c>nosniff</c>, <c>X-Frame-Options: DENY</c> for browsers older than <c>frame-ancestors</c>,
/// no Referer (addresses can carry a resident's id);</item>
/// <item><c>Cache-Control: no-store</c> on every answer that did not declare itself public: pages,
/// API answers, letters' PDFs, CSVs and exports hold names, addresses and numbers (DOMAIN §12), and
/// must not stay in a shared workstation's browser cache. The CA certificates, CRLs (DOMAIN §7.5) and
/// static files say <c>public</c> and stay cacheable;</item>
/// <item>every cookie (sign-in, antiforgery, language, desk) <c>Secure</c> when the request came over
/// HTTPS, and <c>HttpOnly</c> (no script of ours reads a cookie).</item>
/// </list>
/// HTTPS is expected to end at a proxy in front of the host: the scheme and client address it
/// forwards (<c>X-Forwarded-Proto</c>, <c>X-Forwarded-For</c>) are believed only from loopback or
/// the addresses listed in <c>Myna:TrustedProxies</c>.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Only files from this host; no plug-ins; <c>base-uri 'none'</c> so an injected
    /// <c>&lt;base&gt;</c> cannot redirect the script files; forms post only here.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>Static files named with their content's hash (<c>?v=</c>, asp-append-version) never change.</summary>
    public const string VersionedStaticCache = "public, max-age=31536000, immutable";

    /// <summary>Other static files may be kept, but are checked with the host (ETag) before use.</summary>
    public const string StaticCache = "public, no-cache";

    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services)
    {
        services.Configure<CookiePolicyOptions>(o =>
        {
            o.Secure = CookieSecurePolicy.SameAsRequest;
            o.HttpOnly = HttpOnlyPolicy.Always;
            // Never weakens a stricter cookie (the sign-in cookie stays Strict).
            o.MinimumSameSitePolicy = SameSiteMode.Lax;
        });
        services.Configure<StaticFileOptions>(o => o.OnPrepareResponse = file =>
            file.Context.Response.Headers.CacheControl = file.Context.Request.Query.ContainsKey("v") ? VersionedStaticCache : StaticCache);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedFor;
            // KnownProxies holds loopback already; an operator's proxy elsewhere is named in the configuration.
            foreach (var address in configuration.GetSection("Myna:TrustedProxies").Get<string[]>() ?? [])
            {
                o.KnownProxies.Add(IPAddress.TryParse(address, out var ip)
                    ? ip
                    : throw new InvalidOperationException($"Myna:TrustedProxies: '{address}' is not an IP address"));
            }
        });
        return services;
    }

    /// <summary>Goes early in the pipeline, before anything that writes a cookie or an answer.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        app.UseForwardedHeaders();
        app.Use(static (context, next) =>
        {
            // Set as the answer starts, so an error page written by the exception handler (which
            // clears the headers) carries them too, and an endpoint's own Cache-Control is seen.
            context.Response.OnStarting(static state =>
            {
                Apply((HttpContext)state);
                return Task.CompletedTask;
            }, context);
            return next(context);
        });
        return app.UseCookiePolicy();
    }

    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000";
        }
        // Private unless declared public: a new endpoint cannot forget to protect what it answers.
        if (!headers.CacheControl.ToString().Contains("public", StringComparison.OrdinalIgnoreCase))
        {
            headers.CacheControl = "no-store";
        }
    }
}
