using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Myna.Hosting.Demo;

namespace Myna.Testing;

/// <summary>
/// The real web host (Program) on isolated test stores, with demo residents (numbered) and the
/// demo staff accounts. <see cref="StartKestrel"/> serves it on a loopback port for Chromium.
/// </summary>
public sealed class MynaWebFactory : WebApplicationFactory<Program>
{
    private MynaWebFactory(TestStores stores) => Stores = stores;

    public TestStores Stores { get; }

    /// <summary>Sign-in attempts one address may make per minute (<c>Myna:SignInRateLimit</c>).</summary>
    public int SignInPermits { get; init; } = 100_000;

    /// <summary>The web host's clock, when a test moves time (null: the system clock).</summary>
    public TimeProvider? Clock { get; init; }

    public static async Task<MynaWebFactory> CreateAsync(string provider = "sqlite", int residents = 200, bool neighbour = false, int? signInPermits = null,
        TimeProvider? clock = null)
    {
        var stores = await TestStores.CreateAsync(provider, neighbour: neighbour);
        await using (var db = stores.OpenMunicipal())
        {
            var load = await DemoSetup.LoadResidentsAsync(stores.Runtime, TestStores.Ishinomaki, residents, seed: 5, "test");
            if (!load.Result.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", load.Result.Problems));
            }
            await stores.Runtime.NumberAssignment(TestStores.Ishinomaki).RunAsync(db, TestStores.Ishinomaki, "test");
        }
        await DemoSetup.EnsureAccountsAsync(stores.Runtime, TestStores.Ishinomaki);
        if (neighbour)
        {
            await DemoSetup.EnsureAccountsAsync(stores.Runtime, TestStores.Higashimatsushima);
        }
        return new MynaWebFactory(stores) { SignInPermits = signInPermits ?? 100_000, Clock = clock };
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Stores.Settings)
        {
            builder.UseSetting(key, value);
        }
        // Tests sign in far more often than a person; the limiter's own tests set it low again.
        builder.UseSetting("Myna:SignInRateLimit:PermitsPerWindow", SignInPermits.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseEnvironment("Development");
        if (Clock is { } clock)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }

    /// <summary>Starts Kestrel on a free loopback port and returns its base address.</summary>
    public string StartKestrel()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
    }

    public async Task<(long Id, string Kana)> AnyResidentAsync()
    {
        await using var db = Stores.OpenMunicipal();
        var r = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsNoTracking(db.Residents).OrderBy(x => x.Id));
        return (r.Id, r.FamilyNameKana);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Stores.DisposeAsync();
    }
}
