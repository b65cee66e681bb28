using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Myna.Data.Network;
using Myna.Pki.Authorities;
using Myna.Pki.Network;
using Myna.Testing;

namespace Myna.Data.Tests.Network;

/// <summary>
/// The national side as a separate process (ARCHITECTURE principle 1): the built web host started with <c>--role national</c>
/// on its own key and data directories and free ports, its CAs and network certificates made first, killed on dispose.
/// The test process keeps a runtime over the same national directories only for what a J-LIS operator does there
/// (production runs, call-centre suspensions) and to look at the national store.
/// </summary>
public sealed class NationalHostFixture : IAsyncLifetime
{
    private Process? host;
    private readonly System.Text.StringBuilder output = new();

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
            Database = new Stores.StoreOptions { DataDirectory = Path.Combine(Root, "data") },
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
        (PlainPort, NationalPort) = (FreePort(), FreePort());
        host = Start(options);
        await WaitUntilReadyAsync();
    }

    private Process Start(MynaOptions options)
    {
        var dll = Path.Combine(TestPostgres.RepositoryRoot(), "src", "Myna.Web", "bin", "Release", "net10.0", "Myna.Web.dll");
        Assert.True(File.Exists(dll), $"build the solution first: {dll} is missing");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        foreach (var a in new[] { dll, "--role", "national", "--urls", PlainUrl })
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["MYNA_HOME"] = Root;
        psi.Environment["Myna__KeyDirectory"] = options.KeyDirectory;
        psi.Environment["Myna__Database__DataDirectory"] = options.Database.DataDirectory;
        psi.Environment["Myna__National__ListenUrl"] = NationalUrl;
        psi.Environment["Myna__PublicUrl"] = PlainUrl;
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, e) => Note(e.Data);
        process.ErrorDataReceived += (_, e) => Note(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Note(string? line)
    {
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient();
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until)
        {
            Assert.False(host!.HasExited, "the national host stopped: " + Output);
            try
            {
                if ((await http.GetAsync(PlainUrl + "/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        Assert.Fail("the national host did not answer in time: " + Output);
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public Task DisposeAsync()
    {
        if (host is { HasExited: false })
        {
            host.Kill(entireProcessTree: true);
            host.WaitForExit(10_000);
        }
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
