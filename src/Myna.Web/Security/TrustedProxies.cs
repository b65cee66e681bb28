using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Myna.Web.Security;

/// <summary>
/// The client's address and scheme behind a reverse proxy (TLS terminated in front of the host):
/// X-Forwarded-For/-Proto are believed only from the addresses listed in <c>Myna:TrustedProxies</c>,
/// so the sign-in limit counts clients, not the proxy, and cookies know the request was HTTPS.
/// </summary>
public static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection("Myna:TrustedProxies").Get<string[]>() ?? [];
        return services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException($"Myna:TrustedProxies: '{proxy}' is not an IP address"));
            }
        });
    }
}
