using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Hosting;
using Myna.Hosting.Network;
using Myna.Pki.Network;
using Myna.Storage.Stores;

namespace Myna.Bench;

/// <summary>
/// The two topologies side by side (ARCHITECTURE principle 1): the same national contract calls made in process and over
/// HTTPS with mutual TLS to a national host in its own process on loopback, alternated run by run (A B A B …), with p50 and
/// p99 of each and the TLS handshakes the pooled connections cost per call.
/// </summary>
public static class ContractBench
{
    public static async Task<List<Figure>> RunAsync(int calls, int runs)
    {
        var dir = Path.Combine(Path.GetTempPath(), "myna-bench-contracts-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var options = new MynaOptions
            {
                KeyDirectory = Path.Combine(dir, "keys"),
                Database = new StoreOptions { DataDirectory = Path.Combine(dir, "data") },
                Municipalities = [MynaOptions.Demo],
            };
            var runtime = new MynaRuntime(options, TimeProvider.System);
            await runtime.ReadyWithCasAsync();
            var code = MunicipalityCode.Parse(MynaOptions.Demo.Code);
            NetworkAuthority.Ensure(NationalConnections.NetworkFolder(runtime.Keys.Root), [code.Value], NetworkAuthority.LocalHostNames(), DateTimeOffset.UtcNow);
            var (plainPort, nationalPort) = (LocalHost.FreePort(), LocalHost.FreePort());
            using var host = LocalHost.Start(dir, options, plainPort, new Dictionary<string, string>
            {
                ["Myna__National__ListenUrl"] = $"https://127.0.0.1:{nationalPort}",
                ["Myna__PublicUrl"] = $"http://127.0.0.1:{plainPort}",
            }, "--role", "national");
            using (var health = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{plainPort}") })
            {
                await LocalHost.WaitForHealthAsync(health);
            }
            using var connections = new NationalConnections(new NationalOptions { Url = $"https://127.0.0.1:{nationalPort}" }, options.KeyDirectory);
            var remote = new NationalClient(new NationalTransport(connections));

            var sequence = 0L;
            var residents = 0;
            var operations = new (string Name, Func<IAuditCheckpoints, INationalNumbering, Task> Call)[]
            {
                ("audit checkpoint, latest (read)", (checkpoints, _) => checkpoints.LatestAsync(code)),
                ("audit checkpoint, record (write with an idempotency key)", (checkpoints, _) =>
                    checkpoints.RecordAsync(code, new AuditCheckpoint(Interlocked.Increment(ref sequence), RandomNumberGenerator.GetBytes(32)))),
                ("numbering, one resident code (write, the number in the body)", (_, numbering) =>
                    numbering.AssignAsync(code, [ResidentCode.Parse(ResidentCodeFor(Interlocked.Increment(ref residents)))])),
            };
            IAuditCheckpoints localCheckpoints = runtime.AuditCheckpoints();
            INationalNumbering localNumbering = runtime.NationalNumbering();
            foreach (var (_, call) in operations)
            {
                // Warm both paths (JIT, the pooled connection's one handshake) before anything is measured.
                await call(localCheckpoints, localNumbering);
                await call(remote, remote);
            }

            var figures = new List<Figure>();
            var opened = connections.ConnectionsOpened;
            var remoteCalls = 0;
            foreach (var (name, call) in operations)
            {
                var (localP50, localP99, remoteP50, remoteP99) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
                for (var run = 0; run < runs; run++)
                {
                    var local = await TimeAsync(calls, () => call(localCheckpoints, localNumbering));
                    var network = await TimeAsync(calls, () => call(remote, remote));
                    remoteCalls += calls;
                    localP50.Add(LifecycleBench.Percentile(local, 0.5));
                    localP99.Add(LifecycleBench.Percentile(local, 0.99));
                    remoteP50.Add(LifecycleBench.Percentile(network, 0.5));
                    remoteP99.Add(LifecycleBench.Percentile(network, 0.99));
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{name} run {run + 1}/{runs}: in process p50 {localP50[^1]:F2} ms p99 {localP99[^1]:F2} ms; mutual TLS p50 {remoteP50[^1]:F2} ms p99 {remoteP99[^1]:F2} ms"));
                }
                figures.Add(Slower($"{name}: p50 over mutual TLS (loopback)", calls, remoteP50, localP50));
                figures.Add(Slower($"{name}: p99 over mutual TLS (loopback)", calls, remoteP99, localP99));
            }
            var handshakes = (double)(connections.ConnectionsOpened - opened) / remoteCalls;
            figures.Add(new Figure("TLS handshakes per contract call over mutual TLS (pooled connections, after the first)", remoteCalls, handshakes, handshakes, handshakes,
                "handshakes/call", null, string.Create(CultureInfo.InvariantCulture, $"{connections.ConnectionsOpened} connection(s) opened in all")));
            return figures;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<List<double>> TimeAsync(int calls, Func<Task> call)
    {
        var latencies = new List<double>(calls);
        for (var i = 0; i < calls; i++)
        {
            var watch = Stopwatch.StartNew();
            await call();
            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }
        return latencies;
    }

    /// <summary>Milliseconds over the network, with how many times the same call in process takes (the reference).</summary>
    private static Figure Slower(string name, int calls, List<double> network, List<double> local) =>
        new(name, calls, ApplyLoad.Median(network), network.Min(), network.Max(), "ms", ApplyLoad.Median(network.Zip(local, (n, l) => n / l).ToList()),
            string.Create(CultureInfo.InvariantCulture, $"the same call in process: median {ApplyLoad.Median(local):F3} ms"));

    /// <summary>A valid resident code (its check digit found) for the <paramref name="n"/>th synthetic resident.</summary>
    private static string ResidentCodeFor(int n)
    {
        var body = (9_000_000_000L + n).ToString("D10", CultureInfo.InvariantCulture);
        for (var d = 0; d <= 9; d++)
        {
            if (ResidentCode.TryParse(body + d, out _, out _))
            {
                return body + d;
            }
        }
        throw new InvalidOperationException("no check digit");
    }
}
