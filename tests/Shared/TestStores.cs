using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Myna.Core.Identifiers;
using Myna.Hosting;
using Myna.Municipal;
using Myna.Storage.Stores;
using Npgsql;

namespace Myna.Testing;

/// <summary>The providers every data test runs on (STYLE: the same test on SQLite and PostgreSQL).</summary>
public static class Providers
{
    public static TheoryData<string> All => new() { "sqlite", "postgres" };
}

/// <summary>
/// A fresh, isolated set of stores and keys for one test: a temporary folder for SQLite files
/// and keys, or uniquely named databases on the throwaway PostgreSQL server.
/// </summary>
public sealed class TestStores : IAsyncDisposable
{
    public static readonly MunicipalityCode Ishinomaki = MunicipalityCode.Parse("042021");
    /// <summary>The second municipality of tests that move people between two (DOMAIN §8.6).</summary>
    public static readonly MunicipalityCode Higashimatsushima = MunicipalityCode.Parse("042145");

    private TestStores(string provider, string root, MynaOptions options)
    {
        Provider = provider;
        Root = root;
        Options = options;
        Runtime = new MynaRuntime(options, TimeProvider.System);
    }

    public string Provider { get; }
    public string Root { get; }
    public MynaOptions Options { get; }
    public MynaRuntime Runtime { get; }

    /// <summary>Configuration overrides that point another process (the CLI, the web host) at these stores.</summary>
    public Dictionary<string, string?> Settings
    {
        get
        {
            var s = new Dictionary<string, string?>
            {
                ["Myna:KeyDirectory"] = Options.KeyDirectory,
                ["Myna:Database:Provider"] = Options.Database.Provider.ToString(),
                ["Myna:Database:DataDirectory"] = Options.Database.DataDirectory,
                ["Myna:Database:DatabasePrefix"] = Options.Database.DatabasePrefix,
            };
            if (Options.Database.PostgresConnection is { } pg)
            {
                s["Myna:Database:PostgresConnection"] = pg;
            }
            for (var i = 0; i < Options.Municipalities.Count; i++)
            {
                var m = Options.Municipalities[i];
                s[$"Myna:Municipalities:{i}:Code"] = m.Code;
                s[$"Myna:Municipalities:{i}:Name"] = m.Name;
                s[$"Myna:Municipalities:{i}:Prefecture"] = m.Prefecture;
            }
            return s;
        }
    }

    /// <summary>Fresh stores and keys; <c>configure</c> changes the options before the runtime is built (e.g. a national host over the network).</summary>
    public static async Task<TestStores> CreateAsync(string provider, bool migrate = true, bool neighbour = false, Action<MynaOptions>? configure = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "myna-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var options = new MynaOptions
        {
            KeyDirectory = Path.Combine(root, "keys"),
            Database = new StoreOptions { DataDirectory = Path.Combine(root, "data") },
        };
        if (neighbour)
        {
            options.Municipalities.Add(MynaOptions.Demo);
            options.Municipalities.Add(MynaOptions.DemoNeighbour);
        }
        if (provider == "postgres")
        {
            options.Database.Provider = DatabaseProvider.Postgres;
            options.Database.PostgresConnection = TestPostgres.ConnectionString;
            options.Database.DatabasePrefix = "t" + Guid.NewGuid().ToString("N")[..10];
        }
        configure?.Invoke(options);
        var stores = new TestStores(provider, root, options);
        stores.Runtime.EnsureKeys();
        if (migrate)
        {
            await stores.Runtime.Stores.MigrateAllAsync();
        }
        return stores;
    }

    public MunicipalDb OpenMunicipal() => Runtime.Stores.OpenMunicipal(Ishinomaki);

    public MunicipalDb OpenMunicipal(MunicipalityCode code) => Runtime.Stores.OpenMunicipal(code);

    public async ValueTask DisposeAsync()
    {
        if (Provider == "postgres")
        {
            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(TestPostgres.ConnectionString);
            await connection.OpenAsync();
            foreach (var name in new[] { "national", Ishinomaki.Value, Higashimatsushima.Value })
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Options.Database.DatabasePrefix}_{name} WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A process under test may still hold a file; the folder is in the temp directory.
        }
    }
}

/// <summary>
/// The PostgreSQL server for tests: MYNA_TEST_POSTGRES (set by ./test.sh), or else a throwaway
/// cluster this test process starts with scripts/pg-throwaway.sh and stops at exit.
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<string> Server = new(Start);

    public static string ConnectionString => Server.Value;

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable("MYNA_TEST_POSTGRES") is { Length: > 0 } configured)
        {
            return configured;
        }
        var script = Path.Combine(RepositoryRoot(), "scripts", "pg-throwaway.sh");
        var dir = Path.Combine(Path.GetTempPath(), "myna-pg-" + Guid.NewGuid().ToString("N")[..8]);
        var port = Random.Shared.Next(20000, 40000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var output = RunScript(script, "start", dir, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RunScript(script, "stop", dir);
        return output.Trim();
    }

    private static string RunScript(string script, params string[] args)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(script);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEnd();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"PostgreSQL for tests is not available (run ./test.sh, which installs it): {stderr}");
        }
        return stdout;
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Myna.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("repository root (Myna.slnx) not found");
    }
}
