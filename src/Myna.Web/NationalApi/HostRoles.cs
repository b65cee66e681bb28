using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Myna.Hosting;
using Myna.Hosting.Network;
using Myna.Pki.Network;

namespace Myna.Web.NationalApi;

/// <summary>What one web host serves (ARCHITECTURE principle 1: each organisation is a service with its own store).</summary>
public enum HostRole
{
    /// <summary>Everything in one process, the national side in process (the default, <c>./run.sh</c>).</summary>
    All,
    /// <summary>The national side only: the national API on its mutual-TLS endpoint, /pki and the national pages.</summary>
    National,
    /// <summary>The municipal side only: staff, public and /api pages; the national side through <see cref="NationalClient"/>.</summary>
    Municipal,
}

/// <summary>The host's role (<c>--role</c>), its start-up checks, its listeners and what each role answers.</summary>
public static partial class HostRoles
{
    /// <summary>Takes <c>--role X</c> (or <c>--role=X</c>) out of the arguments.</summary>
    public static HostRole Parse(List<string> args)
    {
        var at = args.FindIndex(a => a == "--role" || a.StartsWith("--role=", StringComparison.Ordinal));
        if (at < 0)
        {
            return HostRole.All;
        }
        string value;
        if (args[at].Contains('=', StringComparison.Ordinal))
        {
            value = args[at][7..];
            args.RemoveAt(at);
        }
        else
        {
            value = at + 1 < args.Count ? args[at + 1] : "";
            args.RemoveRange(at, Math.Min(2, args.Count - at));
        }
        return value switch
        {
            "all" => HostRole.All,
            "national" => HostRole.National,
            "municipal" => HostRole.Municipal,
            _ => throw new InvalidOperationException($"--role: '{value}' is not a role (all, national or municipal)"),
        };
    }

    /// <summary>Refuses a configuration the role cannot run with, saying what to set.</summary>
    public static void Validate(HostRole role, MynaOptions options, bool demo)
    {
        var national = options.National;
        if (role == HostRole.Municipal && !national.Remote)
        {
            throw new InvalidOperationException("--role municipal needs Myna:National:Url (the national host's contract endpoint, https://…)");
        }
        if (role != HostRole.Municipal && national.Remote)
        {
            throw new InvalidOperationException($"Myna:National:Url is for a municipal host; --role {role.ToString().ToLowerInvariant()} serves the national side itself");
        }
        if (role == HostRole.National && string.IsNullOrWhiteSpace(national.ListenUrl))
        {
            throw new InvalidOperationException("--role national needs Myna:National:ListenUrl (where the contracts are served with client certificates, e.g. https://0.0.0.0:7443)");
        }
        if (national.Remote && (!Uri.TryCreate(national.Url, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"Myna:National:Url: '{national.Url}' is not an https:// address");
        }
        if (national.ListenUrl is { Length: > 0 } listen && ParseAddress(listen) is not { Https: true, Port: > 0 })
        {
            throw new InvalidOperationException($"Myna:National:ListenUrl: '{listen}' is not an https:// address with a fixed port");
        }
        if (national.ListenUrl is { Length: > 0 } && !File.Exists(NetworkAuthority.ServerCertificatePath(NationalConnections.NetworkFolder(options.KeyDirectory))))
        {
            throw new InvalidOperationException($"no network certificates under {NationalConnections.NetworkFolder(options.KeyDirectory)}: run 'myna network init'");
        }
        if (demo && role != HostRole.All)
        {
            throw new InvalidOperationException("--demo runs with --role all only (the demo prepares both sides in one process)");
        }
    }

    /// <summary>
    /// Listens on the host's usual addresses and on the national endpoint: HTTPS with the network server certificate,
    /// client certificates required and trusted only when the network CA issued them (never the system store). Returns its port.
    /// </summary>
    public static int Listen(WebApplicationBuilder builder, MynaOptions options)
    {
        var national = ParseAddress(options.National.ListenUrl!)!;
        var folder = NationalConnections.NetworkFolder(options.KeyDirectory);
        var server = NetworkAuthority.Load(NetworkAuthority.ServerCertificatePath(folder));
        var ca = NetworkAuthority.LoadCa(folder);
        // Endpoints set in code replace --urls, so the usual addresses are bound here too.
        var usual = (builder.Configuration["urls"] ?? "http://localhost:5000").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        builder.WebHost.ConfigureKestrel(k =>
        {
            foreach (var url in usual)
            {
                var address = ParseAddress(url) ?? throw new InvalidOperationException($"urls: '{url}' is not an address this host can listen on");
                Bind(k, address, o =>
                {
                    if (address.Https)
                    {
                        o.UseHttps();
                    }
                });
            }
            Bind(k, national, o => o.UseHttps(https =>
            {
                https.ServerCertificate = server;
                https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                https.CheckCertificateRevocation = false;
                https.ClientCertificateValidation = (certificate, _, _) => NetworkAuthority.Trusts(ca, certificate, clientAuthentication: true);
            }));
        });
        return national.Port;
    }

    /// <summary>
    /// Answers 404 for what the role does not serve: the national endpoint only serves the national API; a national host
    /// no municipal page or API; a municipal host no national page, /pki or national API (their stores are elsewhere).
    /// </summary>
    public static void UseRole(this WebApplication app, HostRole role, int? nationalPort) => app.Use(async (http, next) =>
    {
        var path = http.Request.Path;
        bool served;
        if (http.Connection.LocalPort == nationalPort)
        {
            served = path.StartsWithSegments(NationalWire.Prefix, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            var nationalPath = NationalPrefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
            served = role switch
            {
                HostRole.National => nationalPath || SharedPrefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)) || IsSiteFile(path),
                HostRole.Municipal => !nationalPath,
                _ => true,
            };
        }
        if (!served)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        await next(http);
    });

    /// <summary>Each role migrates only the stores it serves: a national host has no municipal database, a municipal host no national one.</summary>
    public static async Task MigrateAsync(MynaRuntime runtime, HostRole role)
    {
        if (role == HostRole.All)
        {
            await runtime.Stores.MigrateAllAsync();
            return;
        }
        if (role == HostRole.National)
        {
            await using var national = runtime.Stores.OpenNational();
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.MigrateAsync(national.Database);
            return;
        }
        foreach (var m in runtime.Stores.Municipalities)
        {
            await using var db = runtime.Stores.OpenMunicipal(m.Code);
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.MigrateAsync(db.Database);
        }
    }

    /// <summary>The site's own static files (<c>/site.css</c>, <c>/site.js</c>): at the root, with an extension.</summary>
    private static bool IsSiteFile(PathString path) => path.Value is { } p && p.LastIndexOf('/') == 0 && Path.HasExtension(p);

    private static readonly string[] NationalPrefixes = ["/national", "/national-api", "/pki"];
    private static readonly string[] SharedPrefixes = ["/account", "/health", "/error"];

    public sealed record Address(bool Https, string Host, int Port);

    public static Address? ParseAddress(string url)
    {
        var m = AddressPattern().Match(url.Trim());
        if (!m.Success || !int.TryParse(m.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture, out var port))
        {
            return null;
        }
        return new Address(m.Groups["scheme"].Value == "https", m.Groups["host"].Value, port);
    }

    private static void Bind(KestrelServerOptions k, Address address, Action<ListenOptions> configure)
    {
        switch (address.Host)
        {
            case "localhost":
                k.ListenLocalhost(address.Port, configure);
                break;
            case var host when IPAddress.TryParse(host.Trim('[', ']'), out var ip):
                if (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))
                {
                    k.ListenAnyIP(address.Port, configure);
                }
                else
                {
                    k.Listen(ip, address.Port, configure);
                }
                break;
            default: // *, + or a host name: every interface, as Kestrel does for --urls
                k.ListenAnyIP(address.Port, configure);
                break;
        }
    }

    [GeneratedRegex(@"^(?<scheme>https?)://(?<host>\[[0-9A-Fa-f:.]+\]|[^:/]+):(?<port>\d+)/?$")]
    private static partial Regex AddressPattern();
}
