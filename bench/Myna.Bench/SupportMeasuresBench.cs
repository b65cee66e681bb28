using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Calendar;
using Myna.Core.SupportMeasures;
using Myna.Data;
using Myna.Data.Demo;
using Myna.Data.SupportMeasures;

namespace Myna.Bench;

/// <summary>
/// Support measures (issue 17, DOMAIN §9). <c>support-forward</c>: the time from a measure's creation to its acknowledgement
/// by the other municipality (石巻市 → 東松島市, the 本籍 there), in-process through the host's exchange and the outbox, beside
/// the same creation with no related municipality (the desk's own work, the reference). Alternated A B A B in one process.
/// </summary>
public static class SupportMeasuresBench
{
    public static async Task<List<Figure>> RunAsync(int measures, int runs)
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
                    forwarded.Max(), "ms", Suite.Median(forwarded) / reference, "creation alone"),
                new Figure("support-forward: creation → acknowledged, p99", measures, Suite.Median(p99Forwarded), p99Forwarded.Min(), p99Forwarded.Max(), "ms",
                    Suite.Median(p99Forwarded) / reference, "creation alone"),
            ];
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }
}
