using Myna.Testing;

namespace Myna.Cli.Tests;

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

/// <summary><c>myna staff add</c> for both sides.</summary>
public sealed class StaffCliTests
{
    [Fact]
    public async Task StaffAdd_CreatesAMunicipalAccountOrAJlisOperator_InItsOwnStore()
    {
        await using var stores = await TestStores.CreateAsync("sqlite");

        var clerk = await MynaCli.RunAsync(stores, "correct horse battery\n", "staff", "add", "tanaka", "--name", "田中", "--role", "window-clerk");
        var op = await MynaCli.RunAsync(stores, "correct horse battery\n", "staff", "add", "sato", "--name", "佐藤", "--national");
        var both = await MynaCli.RunAsync(stores, "correct horse battery\n", "staff", "add", "x", "--name", "x", "--national", "--role", "supervisor");

        Assert.True(clerk.ExitCode == 0, clerk.Err);
        Assert.True(op.ExitCode == 0, op.Err);
        Assert.Equal(2, both.ExitCode);
        await using var national = stores.Runtime.Stores.OpenNational();
        var account = Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsNoTracking(national.OperatorAccounts).Single();
        Assert.Equal(("sato", "jlis-operator"), (account.UserName, account.Roles));
        await using var municipal = stores.OpenMunicipal();
        Assert.DoesNotContain(municipal.StaffAccounts, a => a.UserName == "sato");
        Assert.Contains(municipal.StaffAccounts, a => a.UserName == "tanaka");
    }
}
