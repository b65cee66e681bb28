using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Staff;
using Myna.Hosting;
using Myna.Hosting.Demo;
using Myna.Storage.Staff;
using Myna.Storage.Stores;

namespace Myna.Bench;

/// <summary>
/// Issue 16's figures: sign-in under 50 concurrent clients with the per-address rate limiter on
/// (the real host on loopback), beside /health under the same clients; and what the permission
/// model adds to a request — the role-table decision and the session-stamp read, in process —
/// beside a whole request without them.
/// </summary>
public static class SecurityBench
{
    public static async Task<List<Figure>> RunAsync(int clients, int attempts, int runs)
    {
        var limited = new List<double>();
        var lifted = new List<double>();
        var health = new List<double>();
        var refused = new List<double>();
        var decision = new List<double>();
        var stamp = new List<double>();
        var request = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var dir = Path.Combine(Path.GetTempPath(), "myna-bench-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dir);
            try
            {
                var options = new MynaOptions
                {
                    KeyDirectory = Path.Combine(dir, "keys"),
                    Database = new StoreOptions { DataDirectory = Path.Combine(dir, "data") },
                }.ResolvePaths();
                var runtime = new MynaRuntime(options, TimeProvider.System);
                runtime.EnsureKeys();
                await runtime.Stores.MigrateAllAsync();
                var code = runtime.Stores.Municipalities.First().Code;
                await DemoSetup.EnsureAccountsAsync(runtime, code);

                // The limiter as shipped (20 attempts a minute per address): all clients share 127.0.0.1.
                var (p99Limited, tooMany, p99Health, requestMicros) = await SignInLoadAsync(dir, options, code.Value, clients, attempts, null);
                // The limiter lifted: every attempt reaches the password check (PBKDF2, 210,000 rounds).
                var (p99Lifted, _, _, _) = await SignInLoadAsync(dir, options, code.Value, clients, attempts,
                    new Dictionary<string, string> { ["Myna__SignInRateLimit__PermitsPerWindow"] = "1000000" });
                limited.Add(p99Limited);
                lifted.Add(p99Lifted);
                health.Add(p99Health);
                refused.Add(tooMany);
                request.Add(requestMicros);

                var (decisionNanos, stampMicros) = await PerRequestChecksAsync(runtime, code);
                decision.Add(decisionNanos);
                stamp.Add(stampMicros);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"run {run + 1}/{runs}: sign-in p99 {p99Limited:F0} ms with the limiter ({tooMany:F0} of {clients * attempts} refused 429), {p99Lifted:F0} ms lifted, /health p99 {p99Health:F1} ms; " +
                    $"permission decision {decisionNanos:F0} ns, stamp read {stampMicros:F0} µs, a /health request {requestMicros:F0} µs"));
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        var healthP99 = Suite.Median(health);
        var requestMedian = Suite.Median(request);
        return
        [
            F($"sign-in (POST /api/v1/auth/token), {clients} clients at once from one address, limiter on (20/min): p99", clients * attempts, limited, "ms",
                healthP99 / Suite.Median(limited), "/health p99 under the same clients"),
            F("sign-in: attempts refused 429 by the limiter", clients * attempts, refused, "attempts"),
            F($"sign-in, {clients} clients at once, limiter lifted (every attempt checks the password): p99", clients * attempts, lifted, "ms",
                healthP99 / Suite.Median(lifted), "/health p99 under the same clients"),
            // These two ratios are shares: what the check adds, as a part of a whole bare request.
            F("permission decision (role table, per request, in process)", 1, decision, "ns", Suite.Median(decision) / (requestMedian * 1000),
                "share of one /health request over loopback"),
            F("session check (security stamp read on the request's store, per request, in process)", 1, stamp, "µs", Suite.Median(stamp) / requestMedian,
                "share of one /health request over loopback"),
            F("one /health request over loopback (no authentication, no permission)", 1, request, "µs"),
        ];

        static Figure F(string name, int size, IEnumerable<double> values, string unit, double? ratio = null, string reference = "—")
        {
            var v = values.ToList();
            return new Figure(name, size, Suite.Median(v), v.Min(), v.Max(), unit, ratio, reference);
        }
    }

    private static async Task<(double P99, double Refused, double HealthP99, double RequestMicros)> SignInLoadAsync(string dir, MynaOptions options, string municipality,
        int clients, int attempts, IReadOnlyDictionary<string, string>? environment)
    {
        var port = LocalHost.FreePort();
        using var host = LocalHost.Start(dir, options, port, environment);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(120) };
        await LocalHost.WaitForHealthAsync(http);

        // A single client's /health, sequentially: the cost of a request with nothing to check.
        var single = Stopwatch.StartNew();
        const int sequential = 2000;
        for (var i = 0; i < sequential; i++)
        {
            (await http.GetAsync("/health")).EnsureSuccessStatusCode();
        }
        var requestMicros = single.Elapsed.TotalMicroseconds / sequential;

        var healthLatencies = await LoadAsync(clients, attempts, async () => (await http.GetAsync("/health")).StatusCode);
        var body = JsonSerializer.Serialize(new { municipality, userName = "clerk", password = "clerk-demo-2026" });
        var signIns = await LoadAsync(clients, attempts, async () =>
            (await http.PostAsync("/api/v1/auth/token", new StringContent(body, System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        return (Percentile(signIns.Select(s => s.Ms).ToList(), 0.99), signIns.Count(s => s.Status == HttpStatusCode.TooManyRequests),
            Percentile(healthLatencies.Select(s => s.Ms).ToList(), 0.99), requestMicros);
    }

    /// <summary>Each of <paramref name="clients"/> tasks sends <paramref name="attempts"/> requests, one after another.</summary>
    private static async Task<List<(double Ms, HttpStatusCode Status)>> LoadAsync(int clients, int attempts, Func<Task<HttpStatusCode>> send)
    {
        var results = new System.Collections.Concurrent.ConcurrentBag<(double, HttpStatusCode)>();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < attempts; i++)
            {
                var watch = Stopwatch.StartNew();
                var status = await send();
                results.Add((watch.Elapsed.TotalMilliseconds, status));
            }
        })));
        return [.. results];
    }

    /// <summary>
    /// The two checks every signed-in request now passes, timed alone: the permission decision
    /// (roles → permission through the table) and the session check (the account's stamp, read
    /// on the request's own store as the host does).
    /// </summary>
    private static async Task<(double DecisionNanos, double StampMicros)> PerRequestChecksAsync(MynaRuntime runtime, Myna.Core.Identifiers.MunicipalityCode code)
    {
        string[] roles = [StaffRoles.Supervisor];
        var granted = 0;
        const int decisions = 2_000_000;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < decisions; i++)
        {
            granted += RolePermissions.Grants(roles, (Permission)(i % 18)) ? 1 : 0;
        }
        var decisionNanos = watch.Elapsed.TotalNanoseconds / decisions;
        if (granted == 0)
        {
            throw new InvalidOperationException("no permission granted");
        }

        long id;
        string current;
        await using (var db = runtime.Stores.OpenMunicipal(code))
        {
            var account = await db.StaffAccounts.AsNoTracking().SingleAsync(a => a.UserName == "supervisor");
            (id, current) = (account.Id, account.SecurityStamp);
        }
        // As a request does it: on the request's own store, opened for the page anyway.
        const int reads = 5000;
        await using (var db = runtime.Stores.OpenMunicipal(code))
        {
            await StaffSignIn.IsCurrentAsync(db, id, current);
            watch.Restart();
            for (var i = 0; i < reads; i++)
            {
                if (!await StaffSignIn.IsCurrentAsync(db, id, current))
                {
                    throw new InvalidOperationException("the stamp did not match");
                }
            }
        }
        return (decisionNanos, watch.Elapsed.TotalMicroseconds / reads);
    }

    private static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
