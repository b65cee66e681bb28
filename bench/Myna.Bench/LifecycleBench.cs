using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Myna.Core.Lifecycle;
using Myna.Hosting;
using Myna.Municipal;
using Myna.National.Cards;
using Myna.Pki.Authorities;
using Myna.Pki.Ocsp;

namespace Myna.Bench;

/// <summary>
/// The card lifecycle's figures (DOMAIN §8): the nightly batches — expiry notices (§8.2) and the 90-day
/// invalidation of moved-out holders' cards (§8.6) — over 100k and 1M held cards, time and peak memory
/// (each in its own child process), and the latency from a call-centre suspension to OCSP saying so (§8.3).
/// </summary>
public static class LifecycleBench
{
    private static readonly DateOnly Day = new(2026, 12, 1);

    public static async Task<List<Figure>> RunAsync(IReadOnlyList<int> sizes, int cards, int runs)
    {
        var figures = new List<Figure>();
        foreach (var size in sizes)
        {
            var expiry = new List<JobResult>();
            var floor = new List<JobResult>();
            var invalidate = new List<JobResult>();
            for (var run = 0; run < runs; run++)
            {
                var dir = Path.Combine(Path.GetTempPath(), "myna-bench-" + Guid.NewGuid().ToString("N")[..8]);
                Directory.CreateDirectory(dir);
                try
                {
                    await Suite.ChildAsync("life-seed", dir, size);
                    floor.Add(await Suite.ChildAsync("life-expiry-floor", dir, size));
                    expiry.Add(await Suite.ChildAsync("life-expiry", dir, size));
                    invalidate.Add(await Suite.ChildAsync("life-invalidate", dir, size));
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{size:N0} cards run {run + 1}/{runs}: expiry {expiry[^1].Rows:N0} notices in {expiry[^1].Seconds:F2}s (floor {floor[^1].Seconds:F2}s), " +
                        $"invalidation {invalidate[^1].Rows:N0} cards in {invalidate[^1].Seconds:F2}s"));
                }
                finally
                {
                    Directory.Delete(dir, recursive: true);
                }
            }
            var floorSeconds = Suite.Median(floor.Select(f => f.Seconds));
            figures.Add(Figure("expiry notices, monthly batch with its print data: wall time (≈ 5 % of the cards get a card or certificate notice)", size, expiry.Select(e => e.Seconds), "s",
                floorSeconds / Suite.Median(expiry.Select(e => e.Seconds)), "the same INSERT…SELECT without the checks (floor)"));
            figures.Add(Figure("expiry notices: peak memory", size, expiry.Select(e => e.PeakBytes / 1048576.0), "MiB", null, "—"));
            figures.Add(Figure("90-day invalidation, daily batch: wall time (0.1 % of the cards due)", size, invalidate.Select(e => e.Seconds), "s", null, "—"));
            figures.Add(Figure("90-day invalidation: per card invalidated (national side included)", size,
                invalidate.Select(e => e.Seconds * 1000 / Math.Max(1, e.Rows)), "ms", null, "—"));
            figures.Add(Figure("90-day invalidation: peak memory", size, invalidate.Select(e => e.PeakBytes / 1048576.0), "MiB", null, "—"));
        }
        figures.AddRange(await SuspensionLatencyAsync(cards, runs));
        return figures;
    }

    private static Figure Figure(string name, int size, IEnumerable<double> values, string unit, double? ratio, string reference)
    {
        var v = values.ToList();
        return new Figure(name, size, Suite.Median(v), v.Min(), v.Max(), unit, ratio, reference);
    }

    /// <summary>
    /// Not timed: <paramref name="cards"/> residents each holding a card, expiries spread over ten years,
    /// move-outs for 1 % of them (a tenth overdue, their cards known to the national side), written with
    /// prepared statements in one transaction.
    /// </summary>
    public static async Task SeedAsync(MynaRuntime runtime, int cards)
    {
        runtime.EnsureKeys();
        await runtime.Stores.MigrateAllAsync();
        var code = runtime.Stores.Municipalities.First().Code;
        var now = DateTimeOffset.UtcNow;
        await using (var db = runtime.Stores.OpenMunicipal(code))
        {
            await db.Database.OpenConnectionAsync();
            await using var tx = await db.Database.BeginTransactionAsync();
            var connection = db.Database.GetDbConnection();
            System.Data.Common.DbCommand Command(string text, params string[] names)
            {
                var c = connection.CreateCommand();
                c.Transaction = tx.GetDbTransaction();
                c.CommandText = text;
                foreach (var n in names)
                {
                    var p = c.CreateParameter();
                    p.ParameterName = n;
                    c.Parameters.Add(p);
                }
                c.Prepare();
                return c;
            }
            await db.Database.ExecuteSqlAsync($"INSERT INTO households (household_code, created_at) VALUES ('BENCH', {now})");
            await using var resident = Command(
                "INSERT INTO residents (resident_code, household_id, relationship, family_name, given_name, family_name_kana, given_name_kana, birth_date, sex, " +
                "prefecture, city, town, block, status, registered_on, search_name, search_kana, updated_at) " +
                "VALUES (@c, 1, '世帯主', '石巻', '太郎', 'イシノマキ', 'タロウ', @b, 1, '宮城県', '石巻市', '穀町', '1-1', 1, @b, '石巻太郎', 'イシノマキタロウ', @at)",
                "@c", "@b", "@at");
            await using var held = Command(
                "INSERT INTO held_cards (serial, resident_id, held_since, expiry, certificates_expiry, state, endorsements, updated_at) VALUES (@s, @r, @h, @e, @ce, 1, 0, @at)",
                "@s", "@r", "@h", "@e", "@ce", "@at");
            await using var moveOut = Command(
                "INSERT INTO move_outs (resident_id, destination, destination_address, planned_on, held_card_id, created_at, sent_at) VALUES (@r, '042145', '東松島市', @p, @r, @at, @at)",
                "@r", "@p", "@at");
            for (var i = 1; i <= cards; i++)
            {
                var birth = new DateOnly(1950, 1, 1).AddDays(i % 20000);
                resident.Parameters[0].Value = (object)((10000000000L + i).ToString(CultureInfo.InvariantCulture));
                resident.Parameters[1].Value = (object)(birth);
                resident.Parameters[2].Value = (object)(now);
                await resident.ExecuteNonQueryAsync();
                var expiry = Day.AddDays(i % 3650 - 10); // ten years of expiries: ≈ 2.5 % of the cards within the next 3 months, as many certificates
                held.Parameters[0].Value = (object)(Serial(i));
                held.Parameters[1].Value = (object)((long)i);
                held.Parameters[2].Value = (object)(expiry.AddYears(-10));
                held.Parameters[3].Value = (object)(expiry);
                held.Parameters[4].Value = (object)(expiry.AddDays(-(i % 700)));
                held.Parameters[5].Value = (object)(now);
                await held.ExecuteNonQueryAsync();
                if (i % 100 == 0)
                {
                    moveOut.Parameters[0].Value = (object)((long)i);
                    moveOut.Parameters[1].Value = (object)(Overdue(i) ? Day.AddDays(-(LifecycleRules.MoveInDays + 1 + i % 30)) : Day.AddDays(-(i % 90)));
                    moveOut.Parameters[2].Value = (object)(now);
                    await moveOut.ExecuteNonQueryAsync();
                }
            }
            await tx.CommitAsync();
        }
        await using var national = runtime.Stores.OpenNational();
        for (var i = 1000; i <= cards; i += 1000)
        {
            national.ProducedCards.Add(new Myna.National.Production.ProducedCard
            {
                Serial = Serial(i), MunicipalityCode = code.Value, ApplicationId = "bench" + i.ToString(CultureInfo.InvariantCulture), Expiry = Day.AddYears(5),
                State = Myna.National.Production.ProducedCardState.Listed, MadeAt = now, UpdatedAt = now,
            });
        }
        await national.SaveChangesAsync();
    }

    private static bool Overdue(int i) => i % 1000 == 0;

    private static string Serial(int i) => i.ToString("X16", CultureInfo.InvariantCulture);

    /// <summary>One nightly job; returns the notices made or the cards invalidated.</summary>
    public static async Task<int> NightlyAsync(MynaRuntime runtime, MunicipalDb db, string kind)
    {
        var code = runtime.Stores.Municipalities.First().Code;
        switch (kind)
        {
            case "life-expiry":
                {
                    var made = await runtime.ExpiryNotices(code).RunAsync(db, Day, "bench");
                    // The print data of the month is part of the batch.
                    var letters = await runtime.ExpiryNotices(code).LettersAsync(db, Myna.Municipal.Lifecycle.ExpiryNoticeBatch.Month(Day), "bench");
                    var csv = Myna.Municipal.Lifecycle.ExpiryNoticeBatch.PrintCsv(letters);
                    return csv.Length > 0 && letters.Count == made ? made : throw new InvalidOperationException($"{letters.Count} letters for {made} notices");
                }
            case "life-expiry-floor":
                {
                    // The floor of the same work: one INSERT…SELECT of the same rows, without the join and the never-twice check.
                    await db.Database.ExecuteSqlRawAsync("CREATE TABLE floor_notices (held_card_id INTEGER, resident_id INTEGER, expiry TEXT)");
                    return await db.Database.ExecuteSqlAsync(
                        $"INSERT INTO floor_notices SELECT id, resident_id, expiry FROM held_cards WHERE state = 1 AND expiry >= {Day} AND expiry <= {Day.AddMonths(3)}");
                }
            default:
                return await runtime.MoveDesk(code).InvalidateOverdueAsync(db, Day, "bench");
        }
    }

    /// <summary>
    /// From the call centre's suspension to the OCSP responder answering "revoked (certificateHold)":
    /// real cards made by production, the four information as a caller says them, the responder asked
    /// right after the suspension returns (and again until it says so). Beside it: one OCSP answer alone.
    /// </summary>
    private static async Task<List<Figure>> SuspensionLatencyAsync(int cards, int runs)
    {
        var latencies = new List<double>();
        var ocspAlone = new List<double>();
        var p99s = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var (_, runtime, dir) = IssuanceBench.NewStores();
            try
            {
                await IssuanceBench.QueueAsync(runtime, cards);
                await runtime.CardProductionBatch().RunAsync("bench");
                List<(string Serial, LossReport Report)> targets;
                await using (var national = runtime.Stores.OpenNational())
                {
                    targets = (await national.ProducedCards.AsNoTracking().Join(national.ProductionRequests.AsNoTracking(), c => c.RequestId, r => r.Id, (c, r) => new { c.Serial, r })
                            .ToListAsync())
                        .Select(x => (x.Serial, new LossReport(x.r.FullName, x.r.BirthDate, x.r.Address, x.r.Sex, "本人", false))).ToList();
                }
                var centre = runtime.CallCentre();
                var responder = runtime.OcspResponder();
                var runLatencies = new List<double>();
                foreach (var (serial, report) in targets)
                {
                    string userSerial;
                    await using (var national = runtime.Stores.OpenNational())
                    {
                        userSerial = await national.Certificates.Where(c => c.CardSerial == serial && c.Ca == (int)CaKind.UserAuthentication).Select(c => c.Serial).SingleAsync();
                    }
                    var request = OcspRequest.Build([CertId.For(runtime.Authority(CaKind.UserAuthentication).Certificate, Convert.FromHexString(userSerial))], nonce: null);
                    var alone = Stopwatch.StartNew();
                    var before = OcspResponses.Parse(await responder.RespondAsync(CaKind.UserAuthentication, request)).Responses[0].Status;
                    ocspAlone.Add(alone.Elapsed.TotalMilliseconds);
                    if (before != OcspCertStatus.Good)
                    {
                        throw new InvalidOperationException("the certificate is not good before the call");
                    }
                    var watch = Stopwatch.StartNew();
                    await centre.SuspendAsync(report, "bench");
                    while (OcspResponses.Parse(await responder.RespondAsync(CaKind.UserAuthentication, request)).Responses[0] is not { Status: OcspCertStatus.Revoked, Reason: 6 })
                    {
                        if (watch.Elapsed > TimeSpan.FromSeconds(5))
                        {
                            throw new InvalidOperationException("OCSP did not show the suspension within 5 s");
                        }
                    }
                    runLatencies.Add(watch.Elapsed.TotalMilliseconds);
                }
                latencies.AddRange(runLatencies);
                p99s.Add(Percentile(runLatencies, 0.99));
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"suspension run {run + 1}/{runs}: {runLatencies.Count} cards, p50 {Percentile(runLatencies, 0.5):F1} ms, p99 {p99s[^1]:F1} ms"));
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        var aloneP50 = Percentile(ocspAlone, 0.5);
        return
        [
            Figure("suspension → OCSP says certificateHold: p99 (call centre to responder, 2 certificates per card)", cards, p99s, "ms", null, "—"),
            new Figure("suspension → OCSP: p50 (all runs)", cards * runs, Percentile(latencies, 0.5), latencies.Min(), latencies.Max(), "ms",
                Percentile(latencies, 0.5) / aloneP50, "one OCSP answer alone (p50 " + aloneP50.ToString("F2", CultureInfo.InvariantCulture) + " ms)"),
        ];
    }

    internal static double Percentile(IReadOnlyList<double> values, double p)
    {
        var v = values.Order().ToList();
        return v[Math.Min(v.Count - 1, (int)Math.Ceiling(p * v.Count) - 1)];
    }
}
