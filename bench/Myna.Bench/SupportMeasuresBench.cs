using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Calendar;
using Myna.Core.SupportMeasures;
using Myna.Hosting;
using Myna.Hosting.Demo;
using Myna.Municipal;
using Myna.Municipal.Residents;
using Myna.Municipal.SupportMeasures;

namespace Myna.Bench;

/// <summary>
/// Support measures' figures (DOMAIN §9): what the address rule costs a clerk's address search, and how long a
/// measure takes to reach the other municipality.
/// </summary>
public static class SupportMeasuresBench
{
    /// <summary>
    /// A city of 150,000 residents with 1,000 measures in force, searched by address as a clerk (who may not see
    /// protected addresses) — beside the same searches with the same measures lifted, alternating (A B A B) in one process.
    /// </summary>
    public static async Task<List<Figure>> SearchAsync(int residents, int measures, int searches, int runs)
    {
        var withRule = new List<double>();
        var without = new List<double>();
        var withP50 = new List<double>();
        var withoutP50 = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var dir = Path.Combine(Path.GetTempPath(), "myna-bench-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dir);
            try
            {
                await Suite.ChildAsync("csv", dir, residents);
                await Suite.ChildAsync("import", dir, residents);
                var runtime = ReportsBench.Runtime(dir);
                var code = runtime.Stores.Municipalities.First().Code;
                await using var db = runtime.Stores.OpenMunicipal(code);
                var fragments = await SeedMeasuresAsync(db, measures);
                var queries = runtime.ResidentQueries(code);
                var clerk = new Reader("bench-clerk", MaySeeProtected: false);
                List<double> on = [], off = [];
                for (var round = 0; round < 4; round++)
                {
                    // Lifted measures are kept but apply to nobody: the same tables, the rule finds nothing.
                    var state = round % 2 == 0 ? SupportMeasureState.Lifted : SupportMeasureState.Active;
                    await db.SupportMeasures.ExecuteUpdateAsync(s => s.SetProperty(m => m.State, state));
                    var into = state == SupportMeasureState.Active ? on : off;
                    foreach (var fragment in fragments.Take(searches))
                    {
                        var watch = Stopwatch.StartNew();
                        await queries.SearchAsync(db, new ResidentSearchCriteria(Address: fragment), clerk);
                        into.Add(watch.Elapsed.TotalMilliseconds);
                    }
                }
                withRule.Add(Percentile(on, 0.99));
                without.Add(Percentile(off, 0.99));
                withP50.Add(Percentile(on, 0.5));
                withoutP50.Add(Percentile(off, 0.5));
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"run {run + 1}/{runs}: address search p99 {withRule[^1]:F1} ms with {measures} measures in force, {without[^1]:F1} ms with none (p50 {withP50[^1]:F1} / {withoutP50[^1]:F1} ms)"));
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(dir, recursive: true);
            }
        }
        return
        [
            F($"address search as a clerk, {measures} measures in force: p99", residents, withRule, "ms", Suite.Median(without) / Suite.Median(withRule),
                "the same searches with no measure in force (p99)"),
            F($"address search as a clerk, {measures} measures in force: p50", residents, withP50, "ms", Suite.Median(withoutP50) / Suite.Median(withP50),
                "the same searches with no measure in force (p50)"),
        ];
    }

    /// <summary>
    /// Not timed: <paramref name="measures"/> applicants spread over the city, each with a household, recorded as
    /// the desk records them (one row per measure and per person); returns address fragments a clerk would type —
    /// towns with and without protected residents.
    /// </summary>
    private static async Task<List<string>> SeedMeasuresAsync(MunicipalDb db, int measures)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var step = Math.Max(1, await db.Residents.CountAsync() / measures);
        var applicants = await db.Residents.AsNoTracking().Where(r => r.Id % step == 0).OrderBy(r => r.Id).Take(measures)
            .Select(r => new { r.ResidentCode, r.FamilyName, r.GivenName, r.Town, r.Block }).ToListAsync();
        var now = DateTimeOffset.UtcNow;
        var i = 0;
        foreach (var a in applicants)
        {
            var name = a.FamilyName + "\u3000" + a.GivenName;
            db.SupportMeasures.Add(new SupportMeasure
            {
                Reference = string.Create(CultureInfo.InvariantCulture, $"SM-BENCH-{++i:D5}"), Kind = SupportMeasureKind.DomesticViolence,
                ApplicantResidentCode = a.ResidentCode, ApplicantName = name, BasisKind = SupportBasisKind.Police, BasisBody = "石巻警察署", BasisDate = today,
                StartsOn = today, EndsOn = today.AddYears(1).AddDays(-1), State = SupportMeasureState.Active, CreatedAt = now, CreatedBy = "bench", UpdatedAt = now,
                People = [new SupportMeasurePerson { ResidentCode = a.ResidentCode, Name = name, Role = SupportPersonRole.Applicant, CoveredFrom = today }],
            });
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        var towns = applicants.Select(a => a.Town).Distinct().ToList();
        var blocks = applicants.Select(a => a.Town + a.Block).Distinct().ToList();
        // Alternate a town (many matches) and a town with its block (a few): what a clerk types at the window.
        return towns.Zip(blocks, (t, b) => new[] { t, b }).SelectMany(x => x).ToList();
    }

    /// <summary>
    /// The time from a measure's creation to its acknowledgement by the other municipality (石巻市 → 東松島市, the 本籍 there),
    /// in-process through the host's exchange and the outbox, beside the same creation with no related municipality (the
    /// desk's own work, the reference). Alternated A B A B in one process.
    /// </summary>
    public static async Task<List<Figure>> ForwardAsync(int measures, int runs)
    {
        var (options, _, dir) = IssuanceBench.NewStores();
        // NewStores' runtime added the demo municipality already; the neighbour is the other side of the forward.
        options.Municipalities.Add(MynaOptions.DemoNeighbour);
        var runtime = new MynaRuntime(options, TimeProvider.System);
        try
        {
            runtime.EnsureKeys();
            await runtime.Stores.MigrateAllAsync();
            var origin = Core.Identifiers.MunicipalityCode.Parse(MynaOptions.Demo.Code);
            var other = Core.Identifiers.MunicipalityCode.Parse(MynaOptions.DemoNeighbour.Code);
            await DemoSetup.LoadResidentsAsync(runtime, origin, measures * runs * 2 + 10, 3, "bench");
            await using var db = runtime.Stores.OpenMunicipal(origin);
            var ids = await db.Residents.AsNoTracking().OrderBy(r => r.Id).Select(r => r.Id).ToListAsync();
            // Half the applicants keep their 本籍 in the neighbour (forwarded there), half nowhere else (nothing to forward).
            await db.Residents.Where(r => r.Id % 2 == 0).ExecuteUpdateAsync(s => s.SetProperty(r => r.FamilyRegisterMunicipality, other.Value));
            await db.Residents.Where(r => r.Id % 2 != 0).ExecuteUpdateAsync(s => s.SetProperty(r => r.FamilyRegisterMunicipality, (string?)null));
            var desk = runtime.SupportMeasureDesk(origin);
            var today = JapanClock.Today(runtime.Time);
            var forwarded = new List<double>();
            var local = new List<double>();
            var p99Forwarded = new List<double>();
            var next = 0;
            for (var run = 0; run < runs; run++)
            {
                var a = new List<double>();
                var b = new List<double>();
                for (var i = 0; i < measures; i++)
                {
                    foreach (var (sink, even) in new[] { (a, true), (b, false) })
                    {
                        while (ids[next] % 2 == 0 != even)
                        {
                            next++;
                        }
                        var applicant = ids[next++];
                        var watch = Stopwatch.StartNew();
                        var measure = await desk.CreateAsync(db, new SupportMeasureApplication(applicant, SupportMeasureKind.DomesticViolence, SupportBasisKind.Police,
                            "石巻警察署", today, null, null, null, [], [new OffenderInput("加害　太郎")]), "bench");
                        watch.Stop();
                        if (even && !await db.SupportMeasureForwards.AnyAsync(f => f.MeasureId == measure.Id && f.AcknowledgedAt != null))
                        {
                            throw new InvalidOperationException($"measure {measure.Reference} was not acknowledged by {other.Value}");
                        }
                        sink.Add(watch.Elapsed.TotalMilliseconds);
                        db.ChangeTracker.Clear();
                    }
                }
                forwarded.Add(Suite.Median(a));
                local.Add(Suite.Median(b));
                p99Forwarded.Add(a.Order().ElementAt((int)Math.Ceiling(a.Count * 0.99) - 1));
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"support-forward run {run + 1}/{runs}: creation → acknowledgement median {forwarded[^1]:F1} ms (p99 {p99Forwarded[^1]:F1}), creation alone {local[^1]:F1} ms"));
            }
            var reference = Suite.Median(local);
            return
            [
                new Figure("support-forward: creation alone, nothing to forward (reference)", measures, reference, local.Min(), local.Max(), "ms", null, "—"),
                new Figure("support-forward: creation → acknowledged by the other municipality, median", measures, Suite.Median(forwarded), forwarded.Min(),
                    forwarded.Max(), "ms", reference / Suite.Median(forwarded), "creation alone"),
                new Figure("support-forward: creation → acknowledged, p99", measures, Suite.Median(p99Forwarded), p99Forwarded.Min(), p99Forwarded.Max(), "ms",
                    reference / Suite.Median(p99Forwarded), "creation alone"),
            ];
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static Figure F(string name, int size, IEnumerable<double> values, string unit, double? ratio = null, string reference = "—")
    {
        var v = values.ToList();
        return new Figure(name, size, Suite.Median(v), v.Min(), v.Max(), unit, ratio, reference);
    }
}
