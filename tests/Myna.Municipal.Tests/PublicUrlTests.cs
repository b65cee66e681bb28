using Myna.Hosting;

namespace Myna.Municipal.Tests;

/// <summary>The public address a host without <c>Myna:PublicUrl</c> names in its certificates and letters (DOMAIN §7.2).</summary>
public sealed class PublicUrlTests
{
    [Theory]
    [InlineData("http://localhost:5080", "http://localhost:5080")]
    [InlineData("http://myna.city.example:8080/", "http://myna.city.example:8080")]
    [InlineData("https://10.0.0.5:8443;http://localhost:5080", "https://10.0.0.5:8443")]
    [InlineData("http://0.0.0.0:8080", "http://townhall-01:8080")]
    [InlineData("http://*:8080", "http://townhall-01:8080")]
    [InlineData("http://+:80", "http://townhall-01:80")]
    [InlineData("http://[::]:9000", "http://townhall-01:9000")]
    public void PublicUrlFor_ListeningAddress_IsTheFirstReachableOne(string urls, string expected) =>
        Assert.Equal(expected, MynaOptions.PublicUrlFor(urls, "townhall-01"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("unix:/run/myna.sock")]
    public void PublicUrlFor_NoUsableAddress_LeavesTheDefault(string? urls) =>
        Assert.Null(MynaOptions.PublicUrlFor(urls, "townhall-01"));
}
