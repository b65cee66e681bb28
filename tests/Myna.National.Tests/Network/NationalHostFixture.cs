using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Myna.Hosting;
using Myna.Hosting.Network;
using Myna.Pki.Authorities;
using Myna.Pki.Network;
using Myna.Testing;

namespace Myna.National.Tests.Network;

/// <summary>
/// The national side as a separate process (ARCHITECTURE principle 1): the built web host started with <c>--role national</c>
/// on its own key and data directories and free ports, its CAs and network certificates made first, killed on dispose.
/// The test process keeps a runtime over the same national directories only for what a J-LIS operator does there
/// (production runs, call-centre suspensions) and to look at the national store.
/// </summary>
public sealed class NationalHostFixture : IAsyncLifetime, IDisposable
{
    private WebHostProcess? host;

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "myna-national-" + Guid.NewGuid().ToString("N")[..12]);
    public MynaRuntime National { get; private set; } = null!;
    public int PlainPort { get; private set; }
    public int NationalPort { get; private set; }
    public string NetworkFolder => NationalConnections.NetworkFolder(National.Keys.Root);
    public string PlainUrl => $"http://127.0.0.1:{PlainPort}";
    public string NationalUrl => $"https://127.0.0.1:{NationalPort}";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        var options = new MynaOptions
        {
            KeyDirectory = Path.Combine(Root, "keys"),
            Database = new Myna.Storage.Stores.StoreOptions { DataDirectory = Path.Combine(Root, "data") },
            Municipalities = [MynaOptions.Demo, MynaOptions.DemoNeighbour],
        };
        National = new MynaRuntime(options, TimeProvider.System);
        National.EnsureKeys();
        await using (var db = National.Stores.OpenNational())
        {
            await db.Database.MigrateAsync();
        }
        CaSetup.Ensure(National.CaKeyStore(), National.CaFolder, DateTimeOffset.UtcNow);
        NetworkAuthority.Ensure(NetworkFolder, [TestStores.Ishinomaki.Value, TestStores.Higashimatsushima.Value], NetworkAuthority.LocalHostNames(), DateTimeOffset.UtcNow);
        (PlainPort, NationalPort) = (WebHostProcess.FreePort(), WebHostProcess.FreePort());
        host = new WebHostProcess(Root, new Dictionary<string, string?>
        {
            ["Myna:KeyDirectory"] = options.KeyDirectory,
            ["Myna:Database:DataDirectory"] = options.Database.DataDirectory,
            ["Myna:National:ListenUrl"] = NationalUrl,
            ["Myna:PublicUrl"] = PlainUrl,
        }, "--role", "national", "--urls", PlainUrl);
        await host.WaitUntilReadyAsync(PlainUrl);
    }

    /// <summary>A municipal host's options: the national host's URL, and the network CA and client certificates copied into its key directory.</summary>
    public void Municipal(MynaOptions options)
    {
        var folder = NationalConnections.NetworkFolder(options.KeyDirectory);
        Directory.CreateDirectory(Path.Combine(folder, "clients"));
        File.Copy(NetworkAuthority.CaCertificatePath(NetworkFolder), NetworkAuthority.CaCertificatePath(folder));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(NetworkFolder, "clients")))
        {
            File.Copy(file, Path.Combine(folder, "clients", Path.GetFileName(file)));
        }
        options.National = new NationalOptions { Url = NationalUrl };
    }

    public void Dispose() => host?.Dispose();

    public Task DisposeAsync()
    {
        host?.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // in the temp directory
        }
        return Task.CompletedTask;
    }
}
