using Myna.Testing;

namespace Myna.Data.Tests;

/// <summary><c>myna ca init</c> as an operator runs it.</summary>
public sealed class CaCliTests
{
    [Fact]
    public async Task CaInit_CreatesBothAuthorities_ThenKeepsThem()
    {
        await using var stores = await TestStores.CreateAsync("sqlite");

        var first = await MynaCli.RunAsync(stores, null, "ca", "init");
        var second = await MynaCli.RunAsync(stores, null, "ca", "init");

        Assert.True(first.ExitCode == 0, first.Err);
        Assert.Contains("created sign-ca, sign-ocsp, auth-ca, auth-ocsp", first.Out, StringComparison.Ordinal);
        Assert.Contains("OU=JPKI for user authentication", first.Out, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("all present", second.Out, StringComparison.Ordinal);
        var fingerprints = (string text) => text.Split('\n').Where(l => l.Contains("SHA-256", StringComparison.Ordinal)).ToList();
        Assert.Equal(fingerprints(first.Out), fingerprints(second.Out));
        Assert.Contains("Myna__CaKeyStorePassword", first.Err, StringComparison.Ordinal);
    }
}
