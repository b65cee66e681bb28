using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Applications;
using Myna.Hosting;
using Myna.Hosting.Demo;
using Myna.Storage.Stores;

namespace Myna.Bench;

/// <summary>
/// The online application under load (issue 3): the real web host in its own process on
/// loopback, a bounded client sending multipart submissions with a 5 MB photo, each to a
/// different application ID. Times are measured at the client: request sent to response read.
/// </summary>
public static class ApplyLoad
{
    public const int PhotoBytes = 5 * 1024 * 1024;

    public static async Task<List<Figure>> RunAsync(int requests, int concurrency, int runs)
    {
        var p50 = new List<double>();
        var p99 = new List<double>();
        var rates = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var (median, ninetyNinth, perSecond) = await OneRunAsync(requests, concurrency);
            p50.Add(median);
            p99.Add(ninetyNinth);
            rates.Add(perSecond);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"apply run {run + 1}/{runs}: p50 {median:F1} ms, p99 {ninetyNinth:F1} ms, {perSecond:F1} submissions/s"));
        }
        Figure F(string name, List<double> values, string unit) =>
            new(name, requests, Median(values), values.Min(), values.Max(), unit, null, "—");
        return
        [
            F($"online application with a 5 MB photo: p50 ({concurrency} concurrent clients)", p50, "ms"),
            F($"online application with a 5 MB photo: p99 ({concurrency} concurrent clients)", p99, "ms"),
            F("online application with a 5 MB photo: throughput", rates, "submissions/s"),
        ];
    }

    internal static double Median(List<double> v)
    {
        var s = v.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }

    private static async Task<(double P50, double P99, double PerSecond)> OneRunAsync(int requests, int concurrency)
    {
        var dir = Path.Combine(Path.GetTempPath(), "myna-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var options = new MynaOptions { KeyDirectory = Path.Combine(dir, "keys"), Database = new StoreOptions { DataDirectory = Path.Combine(dir, "data") } };
            var runtime = new MynaRuntime(options, TimeProvider.System);
            var code = runtime.Stores.Municipalities.First().Code;
            runtime.EnsureKeys();
            await runtime.Stores.MigrateAllAsync();
            await DemoSetup.LoadResidentsAsync(runtime, code, requests * 2 + 200, 1, "bench");
            List<string> ids;
            await using (var db = runtime.Stores.OpenMunicipal(code))
            {
                await runtime.NumberAssignment(code).RunAsync(db, code, "bench");
                await runtime.NoticeGeneration(code).RunAsync(db, new DateOnly(2026, 11, 24), "bench");
                var today = Core.Calendar.JapanClock.Today(TimeProvider.System);
                var forms = await db.Notices.Join(db.Residents, n => n.ResidentId, r => r.Id, (n, r) => new { n.ApplicationId, r.BirthDate }).ToListAsync();
                ids = forms.Where(f => !ApplicationRules.IsUnder15(f.BirthDate, today)).Select(f => f.ApplicationId).Take(requests).ToList();
            }
            if (ids.Count < requests)
            {
                throw new InvalidOperationException($"only {ids.Count} adult forms for {requests} requests");
            }
            var port = LocalHost.FreePort();
            using var host = LocalHost.Start(dir, options, port);
            var photo = Photo();
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
            await LocalHost.WaitForHealthAsync(http);
            // Warm-up: the first requests pay for JIT and connection setup.
            await SubmitAsync(http, "0", photo, expectCreated: false);

            var latencies = new double[requests];
            var next = -1;
            var total = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < requests)
                {
                    var watch = Stopwatch.StartNew();
                    await SubmitAsync(http, ids[i], photo, expectCreated: true);
                    latencies[i] = watch.Elapsed.TotalMilliseconds;
                }
            }));
            total.Stop();
            Array.Sort(latencies);
            return (latencies[requests / 2], latencies[(int)Math.Ceiling(requests * 0.99) - 1], requests / total.Elapsed.TotalSeconds);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task SubmitAsync(HttpClient http, string applicationId, byte[] photo, bool expectCreated)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(applicationId), "applicationId" },
            { new StringContent("bench@example.jp"), "email" },
            { new StringContent("true"), "consent" },
        };
        var file = new ByteArrayContent(photo);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "photo", "photo.jpg");
        using var response = await http.PostAsync("/api/v1/public/applications", form);
        await response.Content.ReadAsByteArrayAsync();
        if (expectCreated && response.StatusCode != System.Net.HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"submission answered {(int)response.StatusCode}");
        }
    }

    /// <summary>A JPEG of 5 MB: frame header of 3000×4000, the rest entropy-coded-like filler.</summary>
    private static byte[] Photo()
    {
        var bytes = new byte[PhotoBytes];
        new Random(1).NextBytes(bytes);
        byte[] header = [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x0F, 0xA0, 0x0B, 0xB8, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xFF, 0xDA, 0x00, 0x02];
        header.CopyTo(bytes, 0);
        bytes[^2] = 0xFF;
        bytes[^1] = 0xD9;
        return bytes;
    }
}
