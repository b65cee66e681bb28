using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Myna.Documents.Notices;
using Myna.Hosting;
using Myna.Hosting.Demo;
using Myna.Storage.Stores;

namespace Myna.Bench;

/// <summary>What one job measured: rows, seconds, peak resident memory of its process.</summary>
public sealed record JobResult(string Kind, int Rows, double Seconds, long PeakBytes);

/// <summary>
/// The jobs, each run in a fresh child process so that its peak memory (VmHWM) is its own.
/// </summary>
public static class Jobs
{
    public static async Task<JobResult> RunAsync(string kind, string dir, int rows)
    {
        var runtime = new MynaRuntime(new MynaOptions
        {
            KeyDirectory = Path.Combine(dir, "keys"),
            Database = new StoreOptions { DataDirectory = Path.Combine(dir, "data") },
        }, TimeProvider.System);
        var code = runtime.Stores.Municipalities.First().Code;
        var watch = new Stopwatch();
        switch (kind)
        {
            case "raw-insert":
                watch.Start();
                RawInsert(Path.Combine(dir, "raw.db"), rows);
                watch.Stop();
                break;
            case "csv":
                {
                    // Not timed: prepares the input file for the import job.
                    await using var writer = new StreamWriter(Path.Combine(dir, "residents.csv"), false, new System.Text.UTF8Encoding(false), 1 << 16);
                    var csv = new Myna.Core.Text.CsvWriter(writer);
                    csv.WriteRecord(Myna.Core.Residents.ResidentCsv.Columns);
                    foreach (var r in new DemoResidents("宮城県", "石巻市", 1, new DateOnly(2026, 11, 22)).Generate(rows))
                    {
                        csv.WriteRecord(Myna.Core.Residents.ResidentCsv.Row(r.Code.Value, r.Data, r.RegisteredOn));
                    }
                    break;
                }
            case "import":
                {
                    runtime.EnsureKeys();
                    await runtime.Stores.MigrateAllAsync();
                    await using var db = runtime.Stores.OpenMunicipal(code);
                    watch.Start();
                    var result = await runtime.ResidentImporter(code).ImportCsvAsync(db, Path.Combine(dir, "residents.csv"), "utf-8", "bench");
                    watch.Stop();
                    if (!result.Succeeded || result.Added != rows)
                    {
                        throw new InvalidOperationException("import failed: " + string.Join("; ", result.Problems.Take(3)));
                    }
                    break;
                }
            case "number":
                {
                    await using var db = runtime.Stores.OpenMunicipal(code);
                    watch.Start();
                    var summary = await runtime.NumberAssignment(code).RunAsync(db, code, "bench");
                    watch.Stop();
                    if (summary.Numbered != rows)
                    {
                        throw new InvalidOperationException($"numbered {summary.Numbered} of {rows}");
                    }
                    break;
                }
            case "notice-generate":
                {
                    // The notification batch and its printer's data file (no PDFs): the "print data" figure.
                    await using var db = runtime.Stores.OpenMunicipal(code);
                    watch.Start();
                    var summary = await runtime.NoticeGeneration(code).RunAsync(db, new DateOnly(2026, 11, 24), "bench");
                    var output = await NoticeOutput.WriteAsync(runtime.NoticePrintData(code).ReadAsync(db, summary.BatchId), summary.BatchId, "石巻市",
                        new NoticeOutputOptions(Path.Combine(dir, "notices"), Pdf: false));
                    watch.Stop();
                    if (output.Rows != rows)
                    {
                        throw new InvalidOperationException($"print data has {output.Rows} of {rows} records");
                    }
                    break;
                }
            case "notice-pdf":
                {
                    // PDF pages for the first envelopes of the batch (the page rate does not depend on the batch size).
                    await using var db = runtime.Stores.OpenMunicipal(code);
                    watch.Start();
                    var output = await NoticeOutput.WriteAsync(
                        runtime.NoticePrintData(code).ReadAsync(db, 1).Where(r => r.EnvelopeSequence <= PdfEnvelopes), 1, "石巻市",
                        new NoticeOutputOptions(Path.Combine(dir, "pdf")));
                    watch.Stop();
                    return new JobResult(kind, checked((int)output.Pages), watch.Elapsed.TotalSeconds, PeakBytes());
                }
            case "ops-seed":
                await ReportsBench.SeedAsync(dir, rows);
                break;
            case "ops-floor":
                {
                    ReportsBench.ReadEventsRaw(dir); // warm, like the page's report: the floor is the reading itself
                    watch.Start();
                    var read = ReportsBench.ReadEventsRaw(dir);
                    watch.Stop();
                    return new JobResult(kind, read, watch.Elapsed.TotalSeconds, PeakBytes());
                }
            case "ops-report":
            case "ops-report-warm":
                {
                    if (kind == "ops-report-warm")
                    {
                        await ReportsBench.ReportAsync(dir); // the page's case: the process has made a report before
                    }
                    watch.Start();
                    var issued = await ReportsBench.ReportAsync(dir);
                    watch.Stop();
                    return new JobResult(kind, issued, watch.Elapsed.TotalSeconds, PeakBytes());
                }
            case "life-seed":
                await LifecycleBench.SeedAsync(runtime, rows);
                break;
            case "life-expiry":
            case "life-expiry-floor":
            case "life-invalidate":
                {
                    await using var db = runtime.Stores.OpenMunicipal(code);
                    watch.Start();
                    var done = await LifecycleBench.NightlyAsync(runtime, db, kind);
                    watch.Stop();
                    return new JobResult(kind, done, watch.Elapsed.TotalSeconds, PeakBytes());
                }
            default:
                throw new ArgumentException("unknown job " + kind);
        }
        return new JobResult(kind, rows, watch.Elapsed.TotalSeconds, PeakBytes());
    }

    /// <summary>
    /// The machine's SQLite limit for this shape of work: one prepared INSERT per row, one
    /// transaction, the same pragmas as Myna's stores, a row like a stored number.
    /// </summary>
    private static void RawInsert(string path, int rows)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = SqlitePragmasText + "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, resident_id INTEGER NOT NULL, cipher BLOB NOT NULL, hash BLOB NOT NULL, last4 TEXT NOT NULL)";
            pragma.ExecuteNonQuery();
        }
        using var tx = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO t (resident_id, cipher, hash, last4) VALUES (@r, @c, @h, @l)";
        var r = insert.Parameters.Add("@r", SqliteType.Integer);
        var c = insert.Parameters.Add("@c", SqliteType.Blob);
        var h = insert.Parameters.Add("@h", SqliteType.Blob);
        var l = insert.Parameters.Add("@l", SqliteType.Text);
        insert.Prepare();
        var cipher = new byte[40];
        var hash = new byte[32];
        for (var i = 0; i < rows; i++)
        {
            r.Value = i;
            c.Value = cipher;
            h.Value = hash;
            l.Value = "1234";
            insert.ExecuteNonQuery();
        }
        tx.Commit();
    }

    /// <summary>Envelopes rendered by the PDF job.</summary>
    public const int PdfEnvelopes = 2000;

    private const string SqlitePragmasText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; ";

    private static long PeakBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kb * 1024;
            }
        }
        return 0;
    }
}
