using System.Net;
using Myna.Hosting.Network;
using Myna.Testing;

namespace Myna.National.Tests.Network;

/// <summary>
/// <c>--role national|municipal</c> (ARCHITECTURE principle 1): each host serves its own side only, a municipal host reaches
/// the national one over the network, and a configuration a role cannot run with stops the start with exit code 2.
/// </summary>
[Trait("Topology", "network")]
public sealed class HostRoleTests(NationalHostFixture national) : IClassFixture<NationalHostFixture>
{
    [Fact]
    public async Task EachHost_ServesItsOwnSideOnly()
    {
        await using var stores = await TestStores.CreateAsync("sqlite", configure: national.Municipal);
        var port = WebHostProcess.FreePort();
        var url = $"http://127.0.0.1:{port}";
        var settings = new Dictionary<string, string?>(stores.Settings) { ["Myna:National:Url"] = national.NationalUrl };
        using var host = new WebHostProcess(stores.Root, settings, "--role", "municipal", "--urls", url);
        await host.WaitUntilReadyAsync(url);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(url + "/account/login")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(url + "/national")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(url + "/pki/ca/sign.cer")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(url + NationalWire.Prefix + "/audit-checkpoints/latest")).StatusCode);

        // The national host serves its pages and /pki, no municipal page.
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(national.PlainUrl + "/residents")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(national.PlainUrl + "/api/v1/residents")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(national.PlainUrl + "/pki/ca/sign.cer")).StatusCode);
        Assert.NotEqual(HttpStatusCode.NotFound, (await http.GetAsync(national.PlainUrl + "/national")).StatusCode); // the operators' sign-in
    }

    [Theory]
    [InlineData("municipal", null, "Myna:National:Url")]
    [InlineData("national", null, "Myna:National:ListenUrl")]
    [InlineData("all", "https://127.0.0.1:7443", "Myna:National:Url")]
    [InlineData("elsewhere", null, "--role")]
    public async Task ARoleWithoutWhatItNeeds_StopsTheStartWithExitCode2(string role, string? nationalUrl, string named)
    {
        await using var stores = await TestStores.CreateAsync("sqlite", migrate: false);
        var settings = new Dictionary<string, string?>(stores.Settings) { ["Myna:National:Url"] = nationalUrl };
        using var host = new WebHostProcess(stores.Root, settings, "--role", role, "--urls", $"http://127.0.0.1:{WebHostProcess.FreePort()}");

        Assert.Equal(2, await host.ExitCodeAsync());
        Assert.Contains(named, host.Output, StringComparison.Ordinal); // the setting to fix is named
    }
}
