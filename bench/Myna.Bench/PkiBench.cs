using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Myna.Hosting;
using Myna.Hosting.Demo;
using Myna.National.Jpki;
using Myna.Pki.Authorities;
using Myna.Pki.Ocsp;
using Myna.Pki.Profiles;
using Myna.Pki.Revocation;
using Myna.Storage.Stores;

namespace Myna.Bench;

/// <summary>
/// The public certificate service (issue 4), each figure beside its reference in the same run:
/// OCSP against the <c>openssl ocsp</c> responder serving the same certificates and statuses;
/// CRL build and sign against <c>openssl ca -gencrl</c> on the same revocations; issuance
/// against the raw RSA-2048 sign rate.
/// </summary>
public static class PkiBench
{
    private static readonly string[] ReasonNames = ["keyCompromise", "affiliationChanged", "superseded", "cessationOfOperation"];
    private static readonly int[] ReasonCodes = [1, 3, 4, 5];

    public static async Task<List<Figure>> RunAsync(IReadOnlyList<int> crlSizes, int ocspSeconds, int concurrency, int runs)
    {
        var dir = Path.Combine(Path.GetTempPath(), "myna-bench-pki-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var options = new MynaOptions { KeyDirectory = Path.Combine(dir, "keys"), Database = new StoreOptions { DataDirectory = Path.Combine(dir, "data") } };
            var runtime = new MynaRuntime(options, TimeProvider.System);
            await runtime.ReadyWithCasAsync();
            var code = runtime.Stores.Municipalities.First().Code;
            await DemoSetup.LoadResidentsAsync(runtime, code, 400, 1, "bench");

            var figures = new List<Figure>();
            figures.AddRange(await IssuanceAsync(runtime, code, runs));
            figures.AddRange(await OcspAsync(runtime, dir, options, ocspSeconds, concurrency, runs));
            figures.AddRange(Crl(runtime, dir, crlSizes, runs));
            return figures;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static Figure Ratio(string name, int size, List<double> ours, List<double> reference, string unit, string referenceName, bool higherIsBetter)
    {
        var ratios = ours.Zip(reference, (o, r) => higherIsBetter ? o / r : r / o).ToList();
        return new Figure(name, size, ApplyLoad.Median(ours), ours.Min(), ours.Max(), unit, ApplyLoad.Median(ratios),
            $"{referenceName}: median {ApplyLoad.Median(reference).ToString("N1", CultureInfo.InvariantCulture)} {unit}");
    }

    // ---- issuance -------------------------------------------------------------------------

    private static async Task<List<Figure>> IssuanceAsync(MynaRuntime runtime, Core.Identifiers.MunicipalityCode code, int runs)
    {
        const int perRun = 60;
        var holders = await HoldersAsync(runtime, code, perRun * runs);
        var requests = holders.Select(_ =>
        {
            using var key = RSA.Create(2048);
            return new CertificateRequest("CN=card", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequest();
        }).ToList();
        var issuance = runtime.CertificateIssuance();
        var caKey = runtime.Authority(CaKind.UserAuthentication).Key;
        var ours = new List<double>();
        var raw = new List<double>();
        var data = RandomNumberGenerator.GetBytes(1000);
        await using var db = runtime.Stores.OpenNational();
        await issuance.IssueAsync(db, CaKind.Signature, requests[0], holders[0].Holder, holders[0].Info, "bench"); // warm-up
        for (var run = 0; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < perRun; i++)
            {
                var n = run * perRun + i;
                (await issuance.IssueAsync(db, CaKind.UserAuthentication, requests[n], holders[n].Holder, null, "bench")).Certificate.Dispose();
            }
            ours.Add(perRun / watch.Elapsed.TotalSeconds);
            watch.Restart();
            for (var i = 0; i < perRun * 4; i++)
            {
                caKey.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            }
            raw.Add(perRun * 4 / watch.Elapsed.TotalSeconds);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"issuance run {run + 1}/{runs}: {ours[^1]:F1}/s, raw RSA-2048 sign {raw[^1]:F1}/s"));
        }
        return [Ratio("certificate issuance from a PKCS#10 request (stored before and after signing)", perRun, ours, raw, "certificates/s", "raw RSA-2048 signs", true)];
    }

    private static async Task<List<(Holder Holder, FourInformation Info)>> HoldersAsync(MynaRuntime runtime, Core.Identifiers.MunicipalityCode code, int count)
    {
        await using var db = runtime.Stores.OpenMunicipal(code);
        var residents = await db.Residents.AsNoTracking().OrderBy(r => r.Id).Take(count).ToListAsync();
        return residents.Select(r => (new Holder(code, Core.Identifiers.ResidentCode.Parse(r.ResidentCode), r.BirthDate, new DateOnly(2035, 1, 1)),
            new FourInformation(r.FullName, r.NameAltFlags, (int)r.Sex, r.BirthDate, r.Address, r.AddressAltFlags))).ToList();
    }

    // ---- OCSP -----------------------------------------------------------------------------

    private static async Task<List<Figure>> OcspAsync(MynaRuntime runtime, string dir, MynaOptions options, int seconds, int concurrency, int runs)
    {
        // The user-authentication CA's certificates from the issuance run; every fourth revoked.
        await using (var db = runtime.Stores.OpenNational())
        {
            var serials = await db.Certificates.AsNoTracking().Where(c => c.Ca == (int)CaKind.UserAuthentication).Select(c => c.Serial).ToListAsync();
            var status = runtime.CertificateStatus();
            for (var i = 0; i < serials.Count; i += 4)
            {
                await status.RevokeAsync(db, CaKind.UserAuthentication, serials[i], RevocationReason.KeyCompromise, "bench");
            }
        }
        var ca = runtime.Authority(CaKind.UserAuthentication);
        List<IssuedCertificate> rows;
        await using (var db = runtime.Stores.OpenNational())
        {
            rows = await db.Certificates.AsNoTracking().Where(c => c.Ca == (int)CaKind.UserAuthentication).ToListAsync();
        }
        var index = Path.Combine(dir, "index.txt");
        await File.WriteAllLinesAsync(index, rows.Select(r => IndexLine(r.Status == CertificateStatus.Revoked ? 'R' : 'V', r.NotAfter, r.StatusAt, 1, r.Serial)));
        var caPem = Path.Combine(dir, "auth-ca.pem");
        var signerPem = Path.Combine(dir, "auth-ocsp.pem");
        var signerKey = Path.Combine(dir, "auth-ocsp.key");
        await File.WriteAllTextAsync(caPem, ca.Certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(signerPem, ca.OcspCertificate.ExportCertificatePem());
        await File.WriteAllTextAsync(signerKey, ca.OcspKey.ExportPkcs8PrivateKeyPem());
        // The requests OpenSSL's client would send (SHA-1 CertID, here without a nonce so answers can be reused).
        var bodies = rows.Select(r => OcspRequest.Build([CertId.For(ca.Certificate, Convert.FromHexString(r.Serial), CertId.Sha1)], null)).ToList();
        var withNonce = rows.Select(r => OcspRequest.Build([CertId.For(ca.Certificate, Convert.FromHexString(r.Serial), CertId.Sha1)], RandomNumberGenerator.GetBytes(16))).ToList();

        // The responder itself, without HTTP: what a request costs before the network and the web host.
        var responder = runtime.OcspResponder();
        var inProcess = new List<double>();
        const int inProcessRequests = 20_000;
        for (var lap = 0; lap <= runs; lap++)
        {
            var w = Stopwatch.StartNew();
            for (var i = 0; i < inProcessRequests; i++)
            {
                await responder.RespondAsync(CaKind.UserAuthentication, bodies[i % bodies.Count]);
            }
            if (lap > 0)
            {
                inProcess.Add(inProcessRequests / w.Elapsed.TotalSeconds); // lap 0 warms up
            }
        }
        var myPort = LocalHost.FreePort();
        using var host = LocalHost.Start(dir, options, myPort);
        // OpenSSL's responder is started afresh for each run: its workers hang for good on the
        // connections a load generator leaves half-open when it stops.
        var sslPort = LocalHost.FreePort();
        var openssl = StartOpenSslResponder(dir, index, caPem, signerPem, signerKey, sslPort);
        using var mine = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{myPort}"), Timeout = TimeSpan.FromSeconds(30) };
        await LocalHost.WaitForHealthAsync(mine);
        await WaitForOcspAsync(sslPort, bodies[0]);
        // Both answer the same statuses (a sanity check, and the warm-up).
        foreach (var i in new[] { 0, 1 })
        {
            var a = OcspResponses.Parse(await ExchangeAsync(myPort, "/pki/ocsp/auth", bodies[i])).Responses[0].Status;
            var b = OcspResponses.Parse(await ExchangeAsync(sslPort, "/", bodies[i])).Responses[0].Status;
            if (a != b)
            {
                throw new InvalidOperationException($"the responders disagree on certificate {i}: {a} vs {b}");
            }
        }
        var plain = WriteBodies(dir, "ocsp-plain", bodies);
        var nonced = WriteBodies(dir, "ocsp-nonce", withNonce);
        Wrk(myPort, "/pki/ocsp/auth", plain, concurrency, 2, closeEach: false); // warm-up

        var (ourRate, ourP99, theirRate, theirP99, nonceRate, nonceP99) = (new List<double>(), new List<double>(), new List<double>(), new List<double>(), new List<double>(), new List<double>());
        var (keptRate, keptP99) = (new List<double>(), new List<double>());
        for (var run = 0; run < runs; run++)
        {
            var o = Wrk(myPort, "/pki/ocsp/auth", plain, concurrency, seconds, closeEach: true);
            if (run > 0)
            {
                openssl.Dispose();
                sslPort = LocalHost.FreePort();
                openssl = StartOpenSslResponder(dir, index, caPem, signerPem, signerKey, sslPort);
                await WaitForOcspAsync(sslPort, bodies[0]);
            }
            var t = Wrk(sslPort, "/", plain, concurrency, seconds, closeEach: true);
            var n = Wrk(myPort, "/pki/ocsp/auth", nonced, concurrency, seconds, closeEach: true);
            var k = Wrk(myPort, "/pki/ocsp/auth", plain, concurrency, seconds, closeEach: false);
            keptRate.Add(k.Rate);
            keptP99.Add(k.P99);
            ourRate.Add(o.Rate);
            ourP99.Add(o.P99);
            theirRate.Add(t.Rate);
            theirP99.Add(t.P99);
            nonceRate.Add(n.Rate);
            nonceP99.Add(n.P99);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ocsp run {run + 1}/{runs}: Myna {o.Rate:F0}/s p99 {o.P99:F2} ms; openssl {t.Rate:F0}/s p99 {t.P99:F2} ms; Myna with nonce {n.Rate:F0}/s p99 {n.P99:F2} ms; Myna keep-alive {k.Rate:F0}/s p99 {k.P99:F2} ms"));
        }
        openssl.Dispose();
        return
        [
            Ratio($"OCSP responses, no nonce (answers reused until a status changes), {concurrency} clients, a connection per request", concurrency, ourRate, theirRate, "responses/s",
                "openssl ocsp -index -multi 2", true),
            Ratio("OCSP p99 latency, no nonce", concurrency, ourP99, theirP99, "ms", "openssl ocsp -index -multi 2", false),
            Ratio($"OCSP responses with a nonce (signed per request), {concurrency} clients", concurrency, nonceRate, theirRate, "responses/s",
                "openssl ocsp -index -multi 2 (no nonce)", true),
            Ratio("OCSP p99 latency with a nonce", concurrency, nonceP99, theirP99, "ms", "openssl ocsp -index -multi 2 (no nonce)", false),
            Ratio($"OCSP responses, no nonce, {concurrency} clients keeping their connections (HTTP/1.1 keep-alive; OpenSSL's responder closes each)", concurrency,
                keptRate, theirRate, "responses/s", "openssl ocsp -index -multi 2 (a connection per request)", true),
            Ratio("OCSP p99 latency, no nonce, keep-alive", concurrency, keptP99, theirP99, "ms", "openssl ocsp -index -multi 2 (a connection per request)", false),
            Ratio("OCSP responder in process (no HTTP), no nonce", inProcessRequests, inProcess, theirRate, "responses/s", "openssl ocsp -index -multi 2 over HTTP", true),
        ];
    }

    /// <summary>A line of OpenSSL's CA database: status, expiry, revocation[,reason], serial, file, subject.</summary>
    private static string IndexLine(char status, DateTimeOffset notAfter, DateTimeOffset? revokedAt, int reasonCode, string serial)
    {
        static string T(DateTimeOffset t) => t.UtcDateTime.ToString("yyMMddHHmmss", CultureInfo.InvariantCulture) + "Z";
        var revoked = status == 'R' ? T(revokedAt ?? DateTimeOffset.UtcNow) + "," + ReasonNames[Array.IndexOf(ReasonCodes, reasonCode)] : "";
        return $"{status}\t{T(notAfter)}\t{revoked}\t{serial}\tunknown\t/CN={serial}";
    }

    private static LocalHost.WebHost StartOpenSslResponder(string dir, string index, string ca, string signer, string key, int port)
    {
        var psi = new ProcessStartInfo("openssl") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "ocsp", "-index", index, "-port", port.ToString(CultureInfo.InvariantCulture), "-rsigner", signer, "-rkey", key, "-CA", ca,
                     "-nmin", "10", "-multi", "2" })
        {
            psi.ArgumentList.Add(a);
        }
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new LocalHost.WebHost(process);
    }

    private static async Task WaitForOcspAsync(int port, byte[] body)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                await ExchangeAsync(port, "/", body);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new InvalidOperationException("openssl ocsp did not start");
    }

    /// <summary>
    /// Load from <c>wrk</c> (two threads, <paramref name="connections"/> connections, for
    /// <paramref name="seconds"/>), cycling through the requests in <paramref name="folder"/>. With
    /// <paramref name="closeEach"/> every request asks for its own connection, which is all OpenSSL's
    /// responder serves; otherwise connections are kept (HTTP/1.1).
    /// </summary>
    private static (double Rate, double P99) Wrk(int port, string path, string folder, int connections, int seconds, bool closeEach)
    {
        var script = Path.Combine(folder, closeEach ? "close.lua" : "keep.lua");
        File.WriteAllText(script, $$"""
            local bodies = {}
            local i = 0
            for line in io.lines("{{Path.Combine(folder, "list.txt")}}") do
              local f = io.open(line, "rb"); bodies[#bodies + 1] = f:read("*a"); f:close()
            end
            local headers = { ["Content-Type"] = "application/ocsp-request"{{(closeEach ? ", [\"Connection\"] = \"close\"" : "")}} }
            request = function()
              i = i % #bodies + 1
              return wrk.format("POST", "{{path}}", headers, bodies[i])
            end
            """);
        var psi = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-t", "2", "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", seconds + "s", "--latency", "-s", script,
                     $"http://127.0.0.1:{port}{path}" })
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("wrk is missing: apt-get install wrk");
        var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        var rate = double.Parse(System.Text.RegularExpressions.Regex.Match(output, @"Requests/sec:\s+([0-9.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        if (p.ExitCode != 0 || output.Contains("Non-2xx", StringComparison.Ordinal) || rate < 1)
        {
            throw new InvalidOperationException($"wrk against port {port} failed or saw errors:\n" + output);
        }
        if (System.Text.RegularExpressions.Regex.Match(output, "Socket errors:.*") is { Success: true } socketErrors)
        {
            Console.Error.WriteLine($"  port {port}: {socketErrors.Value}"); // counted by wrk, not hidden
        }
        var p99 = System.Text.RegularExpressions.Regex.Match(output, @"99%\s+([0-9.]+)(us|ms|s)");
        var value = double.Parse(p99.Groups[1].Value, CultureInfo.InvariantCulture);
        return (rate, p99.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value });
    }

    private static string WriteBodies(string dir, string name, List<byte[]> bodies)
    {
        var folder = Path.Combine(dir, name);
        Directory.CreateDirectory(folder);
        var files = bodies.Select((b, i) =>
        {
            var file = Path.Combine(folder, i.ToString(CultureInfo.InvariantCulture) + ".der");
            File.WriteAllBytes(file, b);
            return file;
        }).ToList();
        File.WriteAllLines(Path.Combine(folder, "list.txt"), files);
        return folder;
    }

    /// <summary>One POST on its own connection; returns the response body.</summary>
    private static async Task<byte[]> ExchangeAsync(int port, string path, byte[] body)
    {
        using var client = new System.Net.Sockets.TcpClient { NoDelay = true };
        await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
        var stream = client.GetStream();
        var head = System.Text.Encoding.ASCII.GetBytes(
            $"POST {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/ocsp-request\r\nContent-Length: {body.Length}\r\n\r\n");
        var request = new byte[head.Length + body.Length];
        head.CopyTo(request, 0);
        body.CopyTo(request, head.Length);
        await stream.WriteAsync(request);
        using var response = new MemoryStream();
        await stream.CopyToAsync(response);
        var bytes = response.GetBuffer().AsSpan(0, (int)response.Length);
        var split = bytes.IndexOf("\r\n\r\n"u8);
        if (split < 0 || !bytes.StartsWith("HTTP/1."u8) || bytes[9..12].SequenceCompareTo("200"u8) != 0)
        {
            throw new InvalidOperationException($"port {port}: not an HTTP 200 answer");
        }
        return bytes[(split + 4)..].ToArray();
    }

    // ---- CRL ------------------------------------------------------------------------------

    private static List<Figure> Crl(MynaRuntime runtime, string dir, IReadOnlyList<int> sizes, int runs)
    {
        var ca = runtime.Authority(CaKind.Signature);
        var caPem = Path.Combine(dir, "sign-ca.pem");
        var caKey = Path.Combine(dir, "sign-ca.key");
        File.WriteAllText(caPem, ca.Certificate.ExportCertificatePem());
        File.WriteAllText(caKey, ca.Key.ExportPkcs8PrivateKeyPem());
        var figures = new List<Figure>();
        foreach (var size in sizes)
        {
            var random = new Random(size);
            var now = DateTimeOffset.UtcNow;
            var entries = Enumerable.Range(0, size).Select(i =>
            {
                var serial = new byte[16];
                random.NextBytes(serial);
                serial[0] = (byte)((serial[0] & 0x7F) | 0x40);
                return new RevokedEntry(serial, now.AddSeconds(-random.Next(1, 3_000_000)), ReasonCodes[i % ReasonCodes.Length]);
            }).ToList();
            var folder = Path.Combine(dir, "crl-" + size.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder);
            File.WriteAllLines(Path.Combine(folder, "index.txt"),
                entries.Select(e => IndexLine('R', now.AddYears(4), e.RevokedAt, e.Reason!.Value, Convert.ToHexString(e.Serial))));
            File.WriteAllText(Path.Combine(folder, "crlnumber"), "01\n");
            File.WriteAllText(Path.Combine(folder, "ca.cnf"), """
                [ ca ]
                default_ca = CA_default
                [ CA_default ]
                database = index.txt
                crlnumber = crlnumber
                default_md = sha256
                default_crl_days = 1
                unique_subject = no
                """);
            var ours = new List<double>();
            var theirs = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                var watch = Stopwatch.StartNew();
                var der = CrlBuilder.Build(ca.Certificate, ca.Key, new BigInteger(run + 2), now, now.AddDays(1), entries);
                ours.Add(watch.Elapsed.TotalMilliseconds);
                theirs.Add(OpenSslGenCrl(folder, caPem, caKey) * 1000);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"crl {size:N0} run {run + 1}/{runs}: Myna {ours[^1]:F0} ms ({der.Length / 1024:N0} KiB), openssl ca -gencrl {theirs[^1]:F0} ms"));
            }
            figures.Add(Ratio("CRL build and sign (DER)", size, ours, theirs, "ms", "openssl ca -gencrl", false));
        }
        return figures;
    }

    private static double OpenSslGenCrl(string folder, string caPem, string caKey)
    {
        var psi = new ProcessStartInfo("openssl") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "ca", "-gencrl", "-config", "ca.cnf", "-cert", caPem, "-keyfile", caKey, "-out", "crl.der", "-batch" })
        {
            psi.ArgumentList.Add(a);
        }
        var watch = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var error = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var seconds = watch.Elapsed.TotalSeconds;
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException("openssl ca -gencrl failed: " + error.Result);
        }
        return seconds;
    }
}
