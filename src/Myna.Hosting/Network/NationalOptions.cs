
namespace Myna.Hosting.Network;

/// <summary>
/// Where the national side is (section <c>Myna:National</c>). Without <see cref="Url"/> the contracts are served in
/// process (one host, ARCHITECTURE principle 1's default); with it, a municipal host reaches them over HTTPS with
/// mutual TLS. A national host listens for them on <see cref="ListenUrl"/>.
/// </summary>
public sealed class NationalOptions
{
    /// <summary>The national host's contract endpoint, e.g. <c>https://national.example:7443</c>; empty: in process.</summary>
    public string? Url { get; set; }

    /// <summary>
    /// The municipality's client certificate: a PKCS#12 file, or a PEM certificate with its <c>.key</c> beside it. Empty: the key
    /// directory's <c>network/clients/CODE.crt</c> of the host's municipality (one host made by <c>myna network init</c>).
    /// </summary>
    public string? ClientCertificate { get; set; }

    public string? ClientCertificatePassword { get; set; }

    /// <summary>The network CA (PEM) the national host's certificate must chain to; empty: the key directory's <c>network/ca.crt</c>.</summary>
    public string? CaCertificate { get; set; }

    /// <summary>Where a national host serves the contracts (its own HTTPS endpoint, client certificates required), e.g. <c>https://0.0.0.0:7443</c>.</summary>
    public string? ListenUrl { get; set; }

    /// <summary>How long a pooled connection is kept before a new one (and a new TLS handshake) is made.</summary>
    public int PooledConnectionMinutes { get; set; } = 10;

    /// <summary>How long a contract call may take before it fails (and the outbox retries it).</summary>
    public int TimeoutSeconds { get; set; } = 100;

    public bool Remote => !string.IsNullOrWhiteSpace(Url);
}
