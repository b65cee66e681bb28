using System.Security.Cryptography.X509Certificates;
using Myna.Pki.Network;
using Myna.Testing;

namespace Myna.Pki.Tests.Network;

/// <summary>The network CA of mutual TLS between municipal hosts and the national host (ARCHITECTURE principle 1).</summary>
public sealed class NetworkAuthorityTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("myna-network-").FullName;
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private IReadOnlyList<string> Ensure(params string[] municipalities) => NetworkAuthority.Ensure(dir, municipalities, NetworkAuthority.LocalHostNames(), Now);

    [Fact]
    public void Init_MakesTheCaTheServerAndOneClientPerMunicipality_AndKeepsWhatExists()
    {
        Assert.Equal(["ca", "server", "client 042021"], Ensure("042021"));
        var ca = File.ReadAllBytes(NetworkAuthority.CaCertificatePath(dir));

        Assert.Equal(["client 042145"], Ensure("042021", "042145"));
        Assert.Empty(Ensure("042021", "042145"));
        Assert.Equal(ca, File.ReadAllBytes(NetworkAuthority.CaCertificatePath(dir)));
        if (!OperatingSystem.IsWindows())
        {
            foreach (var key in Directory.EnumerateFiles(dir, "*.key", SearchOption.AllDirectories))
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
            }
        }
    }

    [Fact]
    public void OpenSsl_AcceptsTheChains_ForTheirPurposes()
    {
        Ensure("042021");
        var ca = NetworkAuthority.CaCertificatePath(dir);
        var server = NetworkAuthority.ServerCertificatePath(dir);
        var client = NetworkAuthority.ClientCertificatePath(dir, "042021");

        OpenSsl.Ok("verify", "-CAfile", ca, "-purpose", "sslserver", server);
        OpenSsl.Ok("verify", "-CAfile", ca, "-purpose", "sslclient", client);
        OpenSsl.Ok("verify", "-CAfile", ca, "-purpose", "sslserver", "-verify_hostname", "localhost", server);
        OpenSsl.Ok("verify", "-CAfile", ca, "-purpose", "sslserver", "-verify_ip", "127.0.0.1", server);
        // A client certificate is no server certificate, and the other way round.
        Assert.NotEqual(0, OpenSsl.Run("verify", "-CAfile", ca, "-purpose", "sslserver", client).ExitCode);
        Assert.NotEqual(0, OpenSsl.Run("verify", "-CAfile", ca, "-purpose", "sslclient", server).ExitCode);
        // The key beside each certificate is its own.
        Assert.Equal(OpenSsl.Ok("pkey", "-in", NetworkAuthority.KeyPath(client), "-pubout"), OpenSsl.Ok("x509", "-in", client, "-noout", "-pubkey"));
    }

    [Fact]
    public void TheMunicipality_IsTheClientCertificatesCommonName_AndOnlyTheNetworkCaIsTrusted()
    {
        Ensure("042021");
        var other = Path.Combine(dir, "other");
        NetworkAuthority.Ensure(other, ["042021"], ["localhost"], Now);
        using var ca = NetworkAuthority.LoadCa(dir);
        using var client = NetworkAuthority.Load(NetworkAuthority.ClientCertificatePath(dir, "042021"));
        using var stranger = NetworkAuthority.Load(NetworkAuthority.ClientCertificatePath(other, "042021"));
        using var server = NetworkAuthority.Load(NetworkAuthority.ServerCertificatePath(dir));

        Assert.Equal("042021", NetworkAuthority.MunicipalityOf(client));
        Assert.Equal("CN=042021, O=Myna municipality", client.Subject);
        Assert.Null(NetworkAuthority.MunicipalityOf(server));
        Assert.True(client.HasPrivateKey);
        Assert.True(NetworkAuthority.Trusts(ca, client, clientAuthentication: true));
        Assert.False(NetworkAuthority.Trusts(ca, client, clientAuthentication: false));
        Assert.True(NetworkAuthority.Trusts(ca, server, clientAuthentication: false));
        Assert.False(NetworkAuthority.Trusts(ca, stranger, clientAuthentication: true)); // same name, another CA
    }

    [Fact]
    public void Export_WritesAPkcs12WithTheKey()
    {
        Ensure("042021");
        var pfx = Path.Combine(dir, "042021.pfx");

        NetworkAuthority.ExportClient(dir, "042021", pfx, "secret");

        using var loaded = X509CertificateLoader.LoadPkcs12FromFile(pfx, "secret");
        Assert.True(loaded.HasPrivateKey);
        Assert.Equal("042021", NetworkAuthority.MunicipalityOf(loaded));
    }
}
