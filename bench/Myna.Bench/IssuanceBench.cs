using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Appointments;
using Myna.Core.Issuance;
using Myna.Hosting;
using Myna.Hosting.Demo;
using Myna.Municipal.Appointments;
using Myna.Storage.Stores;
using Myna.Testing;

namespace Myna.Bench;

/// <summary>
/// Production, appointments and the window (issue 6): cards made per second beside the raw
/// RSA-2048 key generation of both cores (two keys per card) in the same run; bookings through
/// the real host with 200 concurrent clients on SQLite and PostgreSQL beside the host's health
/// endpoint under the same load, with the overbookings counted from the store; and the server
/// time of each window step with 10,000 cards in the safe.
/// </summary>
public static class IssuanceBench
{
    public static async Task<List<Figure>> RunAsync(int cards, int clients, int runs)
    {
        var figures = new List<Figure>();
        figures.AddRange(await ProductionAsync(cards, runs));
        figures.AddRange(await BookingsAsync(DatabaseProvider.Sqlite, clients, runs));
        figures.AddRange(await BookingsAsync(DatabaseProvider.Postgres, clients, runs));
        figures.AddRange(await WindowStepsAsync(runs));
        return figures;
    }

    internal static (MynaOptions Options, MynaRuntime Runtime, string Dir) NewStores(DatabaseProvider provider = DatabaseProvider.Sqlite, string? postgres = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "myna-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var options = new MynaOptions
        {
            KeyDirectory = Path.Combine(dir, "keys"),
            Database = new StoreOptions { DataDirectory = Path.Combine(dir, "data"), Provider = provider, PostgresConnection = postgres, DatabasePrefix = "b" + Guid.NewGuid().ToString("N")[..8] },
        };
        return (options, new MynaRuntime(options, TimeProvider.System), dir);
    }

    /// <summary>Queued applications of numbered residents, straight into the national queue (the application desk is measured elsewhere).</summary>
    internal static async Task QueueAsync(MynaRuntime runtime, int count)
    {
        var code = runtime.Stores.Municipalities.First().Code;
        await runtime.ReadyWithCasAsync();
        await DemoSetup.LoadResidentsAsync(runtime, code, count + count / 2, 3, "bench");
        await using var db = runtime.Stores.OpenMunicipal(code);
        await runtime.NumberAssignment(code).RunAsync(db, code, "bench");
        var queries = runtime.ResidentQueries(code);
        var production = runtime.CardProduction();
        var today = Core.Calendar.JapanClock.Today(TimeProvider.System);
        var residents = await db.Residents.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        var photo = new byte[40_000];
        var made = 0;
        foreach (var r in residents.Where(r => !Core.Applications.ApplicationRules.IsUnder15(r.BirthDate, today)).Take(count))
        {
            var number = await queries.RevealAsync(db, r.Id, "card-issuance", "bench");
            await production.EnqueueAsync(new Core.Contracts.ProductionRequest(code.Value, Core.Identifiers.ApplicationId.New(code).Value,
                Core.Identifiers.ResidentCode.Parse(r.ResidentCode), number, r.FamilyName, r.GivenName, r.FamilyNameKana, r.GivenNameKana, r.NameAltFlags,
                r.BirthDate, (int)r.Sex, r.Address, r.AddressAltFlags, true, true, false, photo), Guid.NewGuid());
            made++;
        }
        if (made < count)
        {
            throw new InvalidOperationException($"only {made} adults for {count} cards");
        }
    }

    /// <summary>Accepted applications through the application desk (the window needs them), queued for production.</summary>
    private static async Task ApplyAsync(MynaRuntime runtime, int count)
    {
        var code = runtime.Stores.Municipalities.First().Code;
        await runtime.ReadyWithCasAsync();
        await DemoSetup.LoadResidentsAsync(runtime, code, count * 2 + 20, 3, "bench");
        await using var db = runtime.Stores.OpenMunicipal(code);
        await runtime.NumberAssignment(code).RunAsync(db, code, "bench");
        var today = Core.Calendar.JapanClock.Today(TimeProvider.System);
        await runtime.NoticeGeneration(code).RunAsync(db, today, "bench");
        var forms = await db.Notices.AsNoTracking().Join(db.Residents, n => n.ResidentId, r => r.Id, (n, r) => new { n.ApplicationId, r.BirthDate }).ToListAsync();
        var desk = runtime.ApplicationDesk(code);
        var photo = Documents.Demo.DemoPortrait.Jpeg(1);
        foreach (var form in forms.Where(f => !Core.Applications.ApplicationRules.IsUnder15(f.BirthDate, today)).Take(count))
        {
            var receipt = await desk.SubmitAsync(db, code, new Myna.Municipal.Applications.ApplicationInput(form.ApplicationId, Core.Applications.ApplicationChannel.Mail, photo), "bench");
            await desk.ReviewAsync(db, code, receipt.Id, pass: true, [], null, "bench");
        }
    }

    private static async Task<List<Figure>> ProductionAsync(int cards, int runs)
    {
        var rates = new List<double>();
        var limits = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var (_, runtime, dir) = NewStores();
            try
            {
                await QueueAsync(runtime, cards);
                var watch = Stopwatch.StartNew();
                var result = await runtime.CardProductionBatch().RunAsync("bench");
                var rate = result.Produced / watch.Elapsed.TotalSeconds;
                if (result.Produced != cards)
                {
                    throw new InvalidOperationException($"{result.Produced} of {cards} cards made");
                }
                // The two-core limit: RSA-2048 key generations on every core at once, two per card.
                var keys = Math.Min(400, cards);
                watch.Restart();
                Parallel.For(0, keys, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, _ =>
                {
                    using var rsa = RSA.Create(2048);
                    rsa.ExportParameters(false); // generation happens on first use
                });
                var limit = keys / watch.Elapsed.TotalSeconds / 2;
                rates.Add(rate);
                limits.Add(limit);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"production run {run + 1}/{runs}: {rate:F1} cards/s; key-generation limit {limit:F1} cards/s ({rate / limit:P0})"));
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        return
        [
            new Figure("card production (chip, 2 keys made on it, 2 certificates, delivery list)", cards, ApplyLoad.Median(rates), rates.Min(), rates.Max(), "cards/s",
                ApplyLoad.Median(rates.Zip(limits, (r, l) => r / l).ToList()),
                $"RSA-2048 key generation on {Environment.ProcessorCount} cores, 2 per card: median {ApplyLoad.Median(limits).ToString("F1", CultureInfo.InvariantCulture)} cards/s"),
        ];
    }

    private static async Task<List<Figure>> BookingsAsync(DatabaseProvider provider, int clients, int runs)
    {
        string? cluster = null;
        string? connection = null;
        if (provider == DatabaseProvider.Postgres)
        {
            cluster = Path.Combine(Path.GetTempPath(), "myna-bench-pg-" + Guid.NewGuid().ToString("N")[..8]);
            connection = PgThrowaway("start", cluster, LocalHost.FreePort().ToString(CultureInfo.InvariantCulture)).Trim();
        }
        var (rates, p99s, health, over) = (new List<double>(), new List<double>(), new List<double>(), 0);
        try
        {
            for (var run = 0; run < runs; run++)
            {
                var (options, runtime, dir) = NewStores(provider, connection);
                try
                {
                    var (rate, p99, healthRate, overbooked) = await BookingRunAsync(options, runtime, dir, clients);
                    rates.Add(rate);
                    p99s.Add(p99);
                    health.Add(healthRate);
                    over += overbooked;
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"bookings ({provider}) run {run + 1}/{runs}: {rate:F0} requests/s, p99 {p99:F1} ms, health {healthRate:F0}/s, overbooked {overbooked}"));
                }
                finally
                {
                    Directory.Delete(dir, recursive: true);
                }
            }
        }
        finally
        {
            if (cluster is not null)
            {
                PgThrowaway("stop", cluster);
            }
        }
        var name = provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";
        return
        [
            new Figure($"booking requests, {clients} concurrent clients over HTTP ({name})", BookingRequests, ApplyLoad.Median(rates), rates.Min(), rates.Max(),
                "requests/s", ApplyLoad.Median(rates.Zip(health, (r, h) => r / h).ToList()),
                $"GET /health with the same clients: median {ApplyLoad.Median(health).ToString("F0", CultureInfo.InvariantCulture)}/s"),
            new Figure($"booking requests: p99 latency ({name})", BookingRequests, ApplyLoad.Median(p99s), p99s.Min(), p99s.Max(), "ms", null, "—"),
            new Figure($"overbooked seats over all runs ({name})", BookingRequests, over, over, over, "seats", null, "must be 0"),
        ];
    }

    private const int BookingRequests = 3000;

    private static async Task<(double Rate, double P99, double Health, int Overbooked)> BookingRunAsync(MynaOptions options, MynaRuntime runtime, string dir, int clients)
    {
        var code = runtime.Stores.Municipalities.First().Code;
        runtime.EnsureKeys();
        await runtime.Stores.MigrateAllAsync();
        await DemoSetup.LoadResidentsAsync(runtime, code, 5, 3, "bench");
        var tomorrow = Core.Calendar.JapanClock.Today(TimeProvider.System).AddDays(1);
        List<NoticedCard> cards;
        await using (var db = runtime.Stores.OpenMunicipal(code))
        {
            cards = await TestCards.WithNoticesAsync(db, BookingRequests, tomorrow.AddDays(-1));
            var window = await AppointmentBook.AddWindowAsync(db, "市民課", null);
            // 40 slots of 3 seats: 120 seats for 3,000 requests, so most requests race for a full slot.
            await runtime.AppointmentBook().AddSessionsAsync(db, window.Id, SessionKind.Weekday, tomorrow, tomorrow.AddDays(3), Enum.GetValues<DayOfWeek>(),
                new TimeOnly(9, 0), new TimeOnly(14, 0), 30, 3);
        }
        List<long> slots;
        await using (var db = runtime.Stores.OpenMunicipal(code))
        {
            slots = await db.AppointmentSlots.AsNoTracking().OrderBy(s => s.Id).Select(s => s.Id).ToListAsync();
        }
        var port = LocalHost.FreePort();
        using var host = LocalHost.Start(dir, options, port);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(120) };
        await LocalHost.WaitForHealthAsync(http);
        var birth = cards[0].BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // Warm-up: JIT and connections (a wrong birth date books nothing).
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => http.PostAsJsonAsync("/api/v1/public/appointments/overview", new { notice = cards[0].Notice, birthDate = "1900-01-01" })));

        var latencies = new double[cards.Count];
        var next = -1;
        var random = new Random(7);
        var chosen = cards.Select(_ => slots[random.Next(slots.Count)]).ToArray();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < cards.Count)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsJsonAsync("/api/v1/public/appointments", new { notice = cards[i].Notice, birthDate = birth, slotId = chosen[i] });
                if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
                {
                    throw new InvalidOperationException($"booking answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        var rate = cards.Count / watch.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        var p99 = latencies[(int)Math.Ceiling(latencies.Length * 0.99) - 1];

        next = -1;
        watch.Restart();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < cards.Count)
            {
                using var response = await http.GetAsync("/health");
                response.EnsureSuccessStatusCode();
            }
        }));
        var healthRate = cards.Count / watch.Elapsed.TotalSeconds;

        await using var check = runtime.Stores.OpenMunicipal(code);
        var seats = await check.AppointmentSlots.AsNoTracking().ToListAsync();
        var active = await check.Appointments.AsNoTracking().Where(a => a.State == AppointmentState.Booked).GroupBy(a => a.SlotId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var overbooked = seats.Sum(s => Math.Max(0, active.GetValueOrDefault(s.Id) - s.Capacity) + Math.Max(0, s.Booked - s.Capacity)
            + Math.Abs(s.Booked - active.GetValueOrDefault(s.Id)));
        if (active.Values.Sum() != seats.Sum(s => s.Capacity))
        {
            Console.Error.WriteLine($"  note: {active.Values.Sum()} bookings for {seats.Sum(s => s.Capacity)} seats");
        }
        return (rate, p99, healthRate, overbooked);
    }

    /// <summary>Server time of each window step (in process, no HTTP) for hand-overs of real cards, with 10,000 other cards in the safe.</summary>
    private static async Task<List<Figure>> WindowStepsAsync(int runs)
    {
        var steps = new[] { "scan (start)", "identity verification", "checks", "PINs from the pad (chip)", "hand-over" };
        var samples = steps.ToDictionary(s => s, _ => new List<double>());
        var p99s = steps.ToDictionary(s => s, _ => new List<double>());
        const int handOvers = 40;
        for (var run = 0; run < runs; run++)
        {
            var (_, runtime, dir) = NewStores();
            try
            {
                var code = runtime.Stores.Municipalities.First().Code;
                await ApplyAsync(runtime, handOvers);
                var list = (await runtime.CardProductionBatch().RunAsync("bench")).Lists.Single();
                await using var db = runtime.Stores.OpenMunicipal(code);
                for (var batch = 2; batch < 12; batch++)
                {
                    await TestCards.WithNoticesAsync(db, 1000, Core.Calendar.JapanClock.Today(TimeProvider.System).AddDays(-7), batch); // the safe's other 10,000 cards, noticed last week
                }
                var safe = runtime.CardSafe(code);
                await safe.ImportListAsync(db, list.ToCsv(), "bench");
                foreach (var e in list.Entries)
                {
                    await safe.ReceiveAsync(db, e.Serial, "bench");
                    await safe.SetUpAsync(db, e.Serial, "bench");
                }
                var letters = await runtime.IssuanceNotices(code).SendWaveAsync(db, Core.Calendar.JapanClock.Today(TimeProvider.System), "bench", size: handOvers);
                var window = runtime.WindowDesk(code);
                var times = steps.ToDictionary(s => s, _ => new List<double>());
                var verification = new VerificationCase(false, [new PresentedDocument("drivers-license"), new PresentedDocument("passport")],
                    Core.Calendar.JapanClock.Today(TimeProvider.System));
                var json = VerificationCaseJson.Write(verification);
                foreach (var letter in letters)
                {
                    var t = Stopwatch.GetTimestamp();
                    var started = await window.StartAsync(db, letter.Number, 1, "bench");
                    times[steps[0]].Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    t = Stopwatch.GetTimestamp();
                    await window.VerifyIdentityAsync(db, started.Issuance.Id, verification, json, null, null);
                    times[steps[1]].Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    t = Stopwatch.GetTimestamp();
                    await Myna.Municipal.Issuance.WindowDesk.RecordChecksAsync(db, started.Issuance.Id, true, true, true);
                    times[steps[2]].Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    t = Stopwatch.GetTimestamp();
                    var pins = await window.SubmitPinsAsync(db, started.Issuance.Id, "2580", "2580", "MYNA2026", "MYNA2026", "bench");
                    times[steps[3]].Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    if (!pins.Accepted)
                    {
                        throw new InvalidOperationException("the bench's PINs were refused: " + pins.Reason?.English);
                    }
                    t = Stopwatch.GetTimestamp();
                    await window.CompleteAsync(db, started.Issuance.Id, true, false, false, "bench");
                    times[steps[4]].Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                }
                foreach (var s in steps)
                {
                    var sorted = times[s].Skip(2).Order().ToList(); // the first hand-overs pay for JIT
                    p99s[s].Add(sorted[(int)Math.Ceiling(sorted.Count * 0.99) - 1]);
                    samples[s].Add(ApplyLoad.Median(sorted));
                }
                Console.Error.WriteLine($"window run {run + 1}/{runs}: " + string.Join(", ", steps.Select(s =>
                    string.Create(CultureInfo.InvariantCulture, $"{s} p99 {p99s[s][^1]:F1} ms"))));
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        return steps.Select(s => new Figure($"window step '{s}': server time p99, 10,000 cards in the safe", handOvers, ApplyLoad.Median(p99s[s]), p99s[s].Min(),
            p99s[s].Max(), "ms", null, string.Create(CultureInfo.InvariantCulture, $"median step {ApplyLoad.Median(samples[s]):F1} ms"))).ToList();
    }

    private static string PgThrowaway(params string[] args)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(Report.FindRoot(), "scripts", "pg-throwaway.sh"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode == 0 ? output : throw new InvalidOperationException("PostgreSQL for the bench: " + error);
    }
}
