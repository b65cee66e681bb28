using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Myna.Hosting;
using Myna.Hosting.Demo;
using Myna.Storage.Stores;

namespace Myna.Bench;

/// <summary>
/// The reports' figures (DOMAIN §11): the operations report over one year of events of a city of 150,000
/// residents and other sizes (time beside its floor, and peak memory, in its own process), and the dashboard page's p99 under 20
/// supervisors at once (the real host on loopback, signed in with cookies like a browser).
/// </summary>
public static partial class ReportsBench
{
    private static readonly DateOnly YearEnd = new(2026, 11, 30);

    /// <summary>
    /// At each size: the operations report beside its floor (the same event rows read raw, nothing computed) in
    /// alternation, and the dashboard under load at 150,000 residents (or the last size).
    /// </summary>
    public static async Task<List<Figure>> RunAsync(IReadOnlyList<int> sizes, int supervisors, int runs)
    {
        var figures = new List<Figure>();
        var p99s = new List<double>();
        var rates = new List<double>();
        var dashboardAt = sizes.Contains(150_000) ? 150_000 : sizes[^1]; // the city of the issue's figure
        foreach (var residents in sizes)
        {
            var report = new List<JobResult>();
            var warm = new List<JobResult>();
            var floor = new List<JobResult>();
            for (var run = 0; run < runs; run++)
            {
                var dir = Path.Combine(Path.GetTempPath(), "myna-bench-" + Guid.NewGuid().ToString("N")[..8]);
                Directory.CreateDirectory(dir);
                try
                {
                    await Suite.ChildAsync("ops-seed", dir, residents);
                    floor.Add(await Suite.ChildAsync("ops-floor", dir, residents));
                    report.Add(await Suite.ChildAsync("ops-report", dir, residents));
                    warm.Add(await Suite.ChildAsync("ops-report-warm", dir, residents));
                    var line = string.Create(CultureInfo.InvariantCulture,
                        $"{residents:N0} residents run {run + 1}/{runs}: operations report {report[^1].Seconds:F2}s (warm {warm[^1].Seconds * 1000:F0} ms), {report[^1].PeakBytes / 1048576.0:F0} MiB " +
                        $"(floor {floor[^1].Seconds * 1000:F0} ms, {floor[^1].Rows:N0} rows)");
                    if (residents == dashboardAt)
                    {
                        var (p99, rate) = await DashboardLoadAsync(dir, supervisors);
                        p99s.Add(p99);
                        rates.Add(rate);
                        line += string.Create(CultureInfo.InvariantCulture, $"; dashboard p99 {p99:F0} ms, {rate:F0}/s");
                    }
                    Console.Error.WriteLine(line);
                }
                finally
                {
                    Directory.Delete(dir, recursive: true);
                }
            }
            var floorSeconds = Suite.Median(floor.Select(f => f.Seconds));
            figures.Add(F("operations report, one year of events (city of N residents): wall time, first in its process (the command line)", residents,
                report.Select(r => r.Seconds), "s", floorSeconds / Suite.Median(report.Select(r => r.Seconds)), "the same event rows read raw (floor)"));
            figures.Add(F("operations report: wall time in a process that has made one before (the page)", residents,
                warm.Select(r => r.Seconds * 1000), "ms", floorSeconds / Suite.Median(warm.Select(r => r.Seconds)), "the same event rows read raw (floor)"));
            figures.Add(F("operations report: event rows in the year", residents, floor.Select(f => (double)f.Rows), "rows"));
            figures.Add(F("operations report: peak memory", residents, report.Select(r => r.PeakBytes / 1048576.0), "MiB"));
        }
        figures.Add(F($"dashboard page, {supervisors} supervisors at once: p99", dashboardAt, p99s, "ms"));
        figures.Add(F("dashboard page: pages/s", dashboardAt, rates, "pages/s"));
        return figures;

        static Figure F(string name, int size, IEnumerable<double> values, string unit, double? ratio = null, string reference = "—")
        {
            var v = values.ToList();
            return new Figure(name, size, Suite.Median(v), v.Min(), v.Max(), unit, ratio, reference);
        }
    }

    private static MynaOptions Options(string dir) => new()
    {
        KeyDirectory = Path.Combine(dir, "keys"),
        Database = new StoreOptions { DataDirectory = Path.Combine(dir, "data") },
    };

    public static MynaRuntime Runtime(string dir) => new(Options(dir), TimeProvider.System);

    /// <summary>
    /// Not timed: a year of a 150k city's card business written straight into its store — notices to 40 %
    /// of households, returns and their handling, applications, cards through the safe, hand-overs at four
    /// desks with measured times — spread over the weekdays of the year.
    /// </summary>
    public static async Task SeedAsync(string dir, int residents)
    {
        var runtime = Runtime(dir);
        runtime.EnsureKeys();
        await runtime.Stores.MigrateAllAsync();
        var code = runtime.Stores.Municipalities.First().Code;
        await DemoSetup.EnsureAccountsAsync(runtime, code);
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dir, "data", code.Value + ".db")};Foreign Keys=False");
        connection.Open();
        using var tx = connection.BeginTransaction();
        SqliteCommand Command(string sql)
        {
            var c = connection.CreateCommand();
            c.Transaction = tx;
            c.CommandText = sql;
            // Each name once, in order of first use; a name used twice is one value.
            foreach (var name in Parameter().Matches(sql).Select(m => m.Value).Distinct())
            {
                c.Parameters.Add(new SqliteParameter(name, null));
            }
            return c;
        }
        void Run(SqliteCommand c, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                c.Parameters[i].Value = values[i] ?? DBNull.Value;
            }
            c.ExecuteNonQuery();
        }
        var weekdays = Enumerable.Range(0, 365).Select(d => YearEnd.AddDays(-d)).Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).ToArray();
        DateTimeOffset At(int i, int minute) => new DateTimeOffset(weekdays[i % weekdays.Length].ToDateTime(new TimeOnly(9, 0)), Core.Calendar.JapanClock.Offset).AddMinutes(minute % 480);
        var random = new Random(11);
        var envelopes = residents * 2 / 5 / 1; // households of about 2.5
        Run(Command("INSERT INTO notice_batches (notice_date, kind, started_at, started_by, envelopes, notices, is_resend) VALUES ($d, 2, $at, 'bench', $e, $n, 0)"),
            weekdays[^1], At(0, 0), envelopes, residents);
        using (var envelope = Command("INSERT INTO notice_envelopes (batch_id, sequence, household_id, delivery, address, addressee, state, state_changed_at, return_reason) VALUES (1, $s, $s, 1, '石巻市', '世帯主', $st, $at, $r)"))
        using (var mail = Command("INSERT INTO mail_events (envelope_id, from_state, to_state, at, actor) VALUES ($e, $f, $t, $at, 'bench')"))
        {
            for (var i = 1; i <= envelopes; i++)
            {
                var returned = i % 12 == 0; // about 8 % come back
                Run(envelope, i, returned ? 4 : 2, At(i, i), returned ? 1 + i % 4 : null);
                Run(mail, i, 1, 2, At(i, i));
                if (returned)
                {
                    Run(mail, i, 2, 4, At(i + 5, i));
                    if (i % 24 == 0)
                    {
                        Run(mail, i, 4, i % 48 == 0 ? 7 : 6, At(i + 20, i));
                    }
                }
            }
        }
        using (var notice = Command("INSERT INTO notices (batch_id, envelope_id, resident_id, resident_number_id, kind, application_id) VALUES (1, $e, $r, $r, 2, $a)"))
        {
            for (var i = 1; i <= residents; i++)
            {
                Run(notice, 1 + i % envelopes, i, "A" + i.ToString("D22", CultureInfo.InvariantCulture));
            }
        }
        Run(Command("INSERT INTO delivery_lists (id, card_count, content, imported_at, imported_by) VALUES ('BENCH', 0, '', $at, 'bench')"), At(0, 0));
        var applications = residents / 3;
        using var application = Command("INSERT INTO card_applications (application_id, receipt_number, resident_id, channel, status, received_on, received_at, updated_at, recorded_by, " +
            "wants_signature_certificate, wants_user_certificate, braille, consent, is_reissue, register_snapshot) VALUES ($a, $a, $r, 2, 8, $d, $at, $at, 'bench', 1, 1, 0, 1, 0, '{}')");
        using var applicationEvent = Command("INSERT INTO application_events (card_application_id, status, at, actor) VALUES ($c, $s, $at, 'bench')");
        using var card = Command("INSERT INTO cards (serial, card_application_id, resident_id, delivery_list_id, line, state, expiry, braille, signature_certificate, user_certificate, updated_at) " +
            "VALUES ($s, $c, $c, 'BENCH', $c, $st, '2036-01-01', 0, 1, 1, $at)");
        using var cardEvent = Command("INSERT INTO card_events (card_id, state, at, actor) VALUES ($c, $s, $at, 'bench')");
        using var handOver = Command("INSERT INTO window_issuances (card_id, clerk, desk, started_at, ended_at, outcome, by_proxy, photo_matches, face_checked, register_matches_documents, " +
            "pin_refusals, alternative_characters_confirmed, juki_card_collected, notification_card_collected) VALUES ($c, 'bench', $d, $s, $e, 2, 0, 1, 1, 1, 0, 1, 0, 1)");
        for (var i = 1; i <= applications; i++)
        {
            var day = (i - 1) * weekdays.Length / applications; // spread over the year, oldest last in the array
            var received = At(weekdays.Length - 1 - day, i);
            Run(application, "B" + i.ToString("D22", CultureInfo.InvariantCulture), i, DateOnly.FromDateTime(received.DateTime), received);
            Run(applicationEvent, i, 1, received);
            Run(applicationEvent, i, 3, received.AddDays(2));
            Run(applicationEvent, i, 4, received.AddDays(2));
            var issued = i % 10 != 0; // 90 % collected within the year
            Run(card, i.ToString("X16", CultureInfo.InvariantCulture), i, issued ? 5 : 4, received.AddDays(30));
            foreach (var (state, days) in new[] { (1, 28), (2, 30), (3, 31), (4, 32) })
            {
                Run(cardEvent, i, state, received.AddDays(days));
            }
            Run(applicationEvent, i, 7, received.AddDays(30));
            if (issued)
            {
                var start = received.AddDays(40 + i % 20);
                Run(handOver, i, 1 + i % 4, start, start.AddMinutes(12 + random.Next(0, 30)));
                Run(cardEvent, i, 5, start.AddMinutes(30));
                Run(applicationEvent, i, 8, start.AddMinutes(30));
            }
        }
        tx.Commit();
    }

    [GeneratedRegex(@"\$\w+")]
    private static partial Regex Parameter();

    public static async Task<int> ReportAsync(string dir)
    {
        var runtime = Runtime(dir);
        await using var db = runtime.Stores.OpenMunicipal(runtime.Stores.Municipalities.First().Code);
        var figures = await Myna.Municipal.Reports.OperationsReport.ComputeAsync(db, YearEnd.AddDays(-364), YearEnd);
        return figures.CardsIssued > 0 ? figures.CardsIssued : throw new InvalidOperationException("the report found no hand-over");
    }

    /// <summary>
    /// The floor of the report: every row of the period's event tables the report reads, read raw in one pass each
    /// (the same columns, no filtering, grouping or percentiles); answers the number of rows read.
    /// </summary>
    public static int ReadEventsRaw(string dir)
    {
        var runtime = Runtime(dir);
        var file = Path.Combine(dir, "data", runtime.Stores.Municipalities.First().Code.Value + ".db");
        using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly");
        connection.Open();
        var rows = 0;
        foreach (var sql in new[]
        {
            "SELECT e.envelope_id, e.to_state, e.at, v.return_reason FROM mail_events e JOIN notice_envelopes v ON v.id = e.envelope_id",
            "SELECT envelope_id, COUNT(*) FROM notices GROUP BY envelope_id",
            "SELECT card_application_id, at FROM application_events WHERE status = 1",
            "SELECT card_id, state, at, id FROM card_events",
            "SELECT desk, started_at, ended_at FROM window_issuances WHERE outcome = 2 AND ended_at IS NOT NULL",
        })
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    _ = reader.GetValue(i);
                }
                rows++;
            }
        }
        return rows;
    }

    /// <summary>20 supervisors signed in (cookies), each loading /dashboard in a loop; p99 of the page's time.</summary>
    private static async Task<(double P99, double Rate)> DashboardLoadAsync(string dir, int supervisors)
    {
        var port = LocalHost.FreePort();
        using var host = LocalHost.Start(dir, Options(dir).ResolvePaths(), port);
        var baseUri = new Uri($"http://127.0.0.1:{port}");
        using (var probe = new HttpClient { BaseAddress = baseUri })
        {
            await LocalHost.WaitForHealthAsync(probe);
        }
        var clients = new List<HttpClient>();
        for (var i = 0; i < supervisors; i++)
        {
            var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };
            var form = await client.GetStringAsync("/account/login");
            var token = Token().Match(form).Groups[1].Value;
            using var signIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Municipality"] = "042021", ["UserName"] = "supervisor", ["Password"] = "supervisor-demo-2026", ["__RequestVerificationToken"] = token,
            }));
            if (signIn.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"sign-in answered {(int)signIn.StatusCode}");
            }
            clients.Add(client);
        }
        await Task.WhenAll(clients.Select(c => c.GetStringAsync("/dashboard"))); // warm-up
        const int pagesEach = 15;
        var latencies = new List<double>();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select(async c =>
        {
            for (var i = 0; i < pagesEach; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await c.GetAsync("/dashboard");
                if (response.StatusCode != HttpStatusCode.OK || !(await response.Content.ReadAsStringAsync()).Contains("data-testid=\"dashboard\"", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"the dashboard answered {(int)response.StatusCode}");
                }
                lock (latencies)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }));
        var rate = latencies.Count / watch.Elapsed.TotalSeconds;
        foreach (var c in clients)
        {
            c.Dispose();
        }
        latencies.Sort();
        return (latencies[(int)Math.Ceiling(latencies.Count * 0.99) - 1], rate);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
