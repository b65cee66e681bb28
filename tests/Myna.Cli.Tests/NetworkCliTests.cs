using System.Security.Cryptography.X509Certificates;
using Myna.Hosting.Network;
using Myna.Pki.Network;
using Myna.Testing;

namespace Myna.Cli.Tests;

/// <summary><c>myna network init</c> and <c>myna network client-cert</c>: the certificates of the mutual-TLS network (ARCHITECTURE principle 1).</summary>
public sealed class NetworkCliTests
{
    [Fact]
    public async Task Init_MakesACertificatePerMunicipality_KeepsThemOnRerun_AndExportsOneForAMunicipalHost()
    {
        await using var stores = await TestStores.CreateAsync("sqlite", neighbour: true);
        var folder = NationalConnections.NetworkFolder(stores.Options.KeyDirectory);

        var first = await MynaCli.RunAsync(stores, null, "network", "init");
        var ca = await File.ReadAllBytesAsync(NetworkAuthority.CaCertificatePath(folder));
        var again = await MynaCli.RunAsync(stores, null, "network", "init");
        var target = Path.Combine(stores.Root, "export");
        var export = await MynaCli.RunAsync(stores, null, "network", "client-cert", "042145", "--out", target, "--password", "pw");
        var unknown = await MynaCli.RunAsync(stores, null, "network", "client-cert", "131016", "--out", target);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("created ca, server, client 042021, client 042145", first.Out, StringComparison.Ordinal);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("all present", again.Out, StringComparison.Ordinal);
        Assert.Equal(ca, await File.ReadAllBytesAsync(NetworkAuthority.CaCertificatePath(folder)));
        Assert.Equal(0, export.ExitCode);
        using var pfx = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(target, "042145.pfx"), "pw");
        Assert.True(pfx.HasPrivateKey);
        Assert.Equal("042145", NetworkAuthority.MunicipalityOf(pfx));
        using var exportedCa = NetworkAuthority.LoadPublic(Path.Combine(target, "ca.crt"));
        Assert.True(NetworkAuthority.Trusts(exportedCa, pfx, clientAuthentication: true));
        Assert.Equal(1, unknown.ExitCode);
    }
}
