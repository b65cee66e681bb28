using System.Collections.Concurrent;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Myna.Core.Identifiers;
using Myna.Pki.Network;

namespace Myna.Hosting.Network;

/// <summary>
/// One pooled <see cref="HttpClient"/> per municipality this host speaks for, each presenting that municipality's client
/// certificate (a pooled TLS connection belongs to one identity, so two municipalities cannot share one) and trusting
/// only the network CA for the national host's certificate. Connections are reused across calls, so a call costs a TLS
/// handshake only when its connection is new (at most once per <see cref="NationalOptions.PooledConnectionMinutes"/>).
/// </summary>
public sealed class NationalConnections(NationalOptions options, string keyRoot) : IDisposable
{
    private readonly ConcurrentDictionary<MunicipalityCode, Lazy<HttpClient>> clients = new();
    private readonly Lazy<X509Certificate2> ca = new(() => LoadCa(options, keyRoot));

    /// <summary>The key directory's folder made by <c>myna network init</c>.</summary>
    public static string NetworkFolder(string keyRoot) => Path.Combine(keyRoot, "network");

    /// <summary>The national API's root: operations are addressed relative to it (<c>cards/…/face</c>).</summary>
    public Uri BaseAddress { get; } = new(options.Url!.TrimEnd('/') + NationalWire.Prefix + "/");

    public HttpClient For(MunicipalityCode municipality) =>
        clients.GetOrAdd(municipality, m => new Lazy<HttpClient>(() => Create(ClientCertificate(m)))).Value;

    /// <summary>An HTTP client with the given certificate (or none), for the tests of the server's refusals.</summary>
    public HttpClient Create(X509Certificate2? certificate)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = ConnectAsync,
            PooledConnectionLifetime = TimeSpan.FromMinutes(options.PooledConnectionMinutes),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = certificate is null ? null : new X509CertificateCollection { certificate },
                // The system's roots mean nothing here: the national host is whoever the network CA vouches for.
                RemoteCertificateValidationCallback = (_, server, _, errors) =>
                    server is X509Certificate2 s && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0 && NetworkAuthority.Trusts(ca.Value, s, clientAuthentication: false),
            },
        };
        return new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds) };
    }

    private long opened;

    /// <summary>TCP connections opened so far (each with its TLS handshake): stays near the number of municipalities while connections are pooled.</summary>
    public long ConnectionsOpened => Interlocked.Read(ref opened);

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, ct);
            Interlocked.Increment(ref opened);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private X509Certificate2 ClientCertificate(MunicipalityCode municipality)
    {
        if (options.ClientCertificate is { Length: > 0 } configured)
        {
            var certificate = configured.EndsWith(".crt", StringComparison.OrdinalIgnoreCase) || configured.EndsWith(".pem", StringComparison.OrdinalIgnoreCase)
                ? NetworkAuthority.Load(configured)
                : X509CertificateLoader.LoadPkcs12FromFile(configured, options.ClientCertificatePassword);
            return NetworkAuthority.MunicipalityOf(certificate) == municipality.Value
                ? certificate
                : throw new InvalidOperationException($"Myna:National:ClientCertificate names municipality {NetworkAuthority.MunicipalityOf(certificate) ?? "(none)"}, not {municipality.Value}");
        }
        var path = NetworkAuthority.ClientCertificatePath(NetworkFolder(keyRoot), municipality.Value);
        return File.Exists(path)
            ? NetworkAuthority.Load(path)
            : throw new InvalidOperationException($"no client certificate for municipality {municipality.Value}: set Myna:National:ClientCertificate or run 'myna network init'");
    }

    private static X509Certificate2 LoadCa(NationalOptions options, string keyRoot) =>
        NetworkAuthority.LoadPublic(options.CaCertificate is { Length: > 0 } path ? path : NetworkAuthority.CaCertificatePath(NetworkFolder(keyRoot)));

    public void Dispose()
    {
        foreach (var client in clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }
    }
}
