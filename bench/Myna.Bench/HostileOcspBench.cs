using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Myna.Hosting;
using Myna.Pki.Authorities;
using Myna.Pki.Ocsp;
using Myna.Storage.Stores;

namespace Myna.Bench;

/// <summary>
/// The OCSP responder under hostile bodies: the web host's peak resident memory while 8 clients each post 29 MB at
/// once, beside its peak while the same 8 clients post ordinary requests for the same time (the reference). The body
/// is refused before it is read (413), so the ratio stays near 1: memory flat. Each hostile round sends half its
/// bodies with a declared length and half chunked, since the two reach the limit by different paths.
/// </summary>
public static class HostileOcspBench
{
    private const int Clients = 8;
    private const int HostileBytes = 29 * 1024 * 1024;

    public static async Task<List<Figure>> RunAsync(int runs)
    {
        var dir = Path.Combine(Path.GetTempPath(), "myna-bench-ocsp-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var options = new MynaOptions { KeyDirectory = Path.Combine(dir, "keys"), Database = new StoreOptions { DataDirectory = Path.Combine(dir, "data") } };
            var runtime = new MynaRuntime(options, TimeProvider.System);
            await runtime.ReadyWithCasAsync();
            var ca = runtime.Authority(CaKind.UserAuthentication).Certificate;
            var ordinary = OcspRequest.Build([CertId.For(ca, RandomNumberGenerator.GetBytes(16), CertId.Sha1)], RandomNumberGenerator.GetBytes(16));

            var port = LocalHost.FreePort();
            using var host = LocalHost.Start(dir, options, port);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
            await LocalHost.WaitForHealthAsync(http);
            await OrdinaryAsync(http, ordinary, TimeSpan.FromSeconds(2)); // warm-up

            var hostile = new List<double>();
            var reference = new List<double>();
            var refused = 0;
            for (var run = 0; run < runs; run++)
            {
                var (peak, statuses) = await WhileSampledAsync(host, () => HostileAsync(http.BaseAddress));
                hostile.Add(peak);
                if (statuses.Any(s => s != HttpStatusCode.RequestEntityTooLarge))
                {
                    throw new InvalidOperationException("a hostile body was answered " + string.Join(", ", statuses.Distinct()) + ", not 413");
                }
                refused += statuses.Count;
                var (normalPeak, _) = await WhileSampledAsync(host, async () =>
                {
                    await OrdinaryAsync(http, ordinary, TimeSpan.FromSeconds(3));
                    return (IReadOnlyList<HttpStatusCode>)[];
                });
                reference.Add(normalPeak);
            }
            var ratios = hostile.Zip(reference, (h, r) => r / h).ToList();
            return
            [
                new Figure("ocsp: host peak memory, 8 parallel 29 MB POSTs (refused 413)", Clients, ApplyLoad.Median(hostile), hostile.Min(), hostile.Max(), "MiB",
                    ApplyLoad.Median(ratios),
                    $"8 clients posting ordinary requests for 3 s: median {ApplyLoad.Median(reference).ToString("N1", CultureInfo.InvariantCulture)} MiB; {refused} hostile posts, all 413"),
            ];
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Runs the load while sampling the host's resident memory every 10 ms; the peak in MiB.</summary>
    private static async Task<(double Peak, IReadOnlyList<HttpStatusCode> Statuses)> WhileSampledAsync(LocalHost.WebHost host,
        Func<Task<IReadOnlyList<HttpStatusCode>>> load)
    {
        GC.Collect();
        var peak = host.ResidentMiB();
        var work = load();
        while (!work.IsCompleted)
        {
            peak = Math.Max(peak, host.ResidentMiB());
            await Task.Delay(10);
        }
        return (Math.Max(peak, host.ResidentMiB()), await work);
    }

    private static async Task<IReadOnlyList<HttpStatusCode>> HostileAsync(Uri host)
    {
        var posts = Enumerable.Range(0, Clients).Select(async i =>
        {
            // A connection of its own: the host closes it after refusing, and it must not be reused by the ordinary load.
            using var http = new HttpClient { BaseAddress = host, Timeout = TimeSpan.FromSeconds(60) };
            using var content = new StreamContent(new ZeroStream(HostileBytes, declared: i % 2 == 0));
            content.Headers.ContentType = new("application/ocsp-request");
            if (i % 2 == 0)
            {
                content.Headers.ContentLength = HostileBytes;
            }
            try
            {
                using var response = await http.PostAsync("/pki/ocsp/auth", content);
                return response.StatusCode;
            }
            catch (HttpRequestException)
            {
                // The host may close the connection before the client has finished sending: refused before it was read.
                return HttpStatusCode.RequestEntityTooLarge;
            }
        });
        return await Task.WhenAll(posts);
    }

    private static async Task OrdinaryAsync(HttpClient http, byte[] body, TimeSpan duration)
    {
        var until = DateTime.UtcNow + duration;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            while (DateTime.UtcNow < until)
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new("application/ocsp-request");
                using var response = await http.PostAsync("/pki/ocsp/auth", content);
                response.EnsureSuccessStatusCode();
            }
        }));
    }

    /// <summary>A body of zeros of a given length, produced as it is sent (the client holds none of it).</summary>
    private sealed class ZeroStream(long length, bool declared) : Stream
    {
        private long sent;
        public override bool CanRead => true;
        public override bool CanSeek => declared;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => sent; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - sent);
            Array.Clear(buffer, offset, n);
            sent += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
