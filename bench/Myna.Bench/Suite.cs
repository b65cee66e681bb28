using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Myna.Bench;

public sealed record Figure(string Name, int Size, double Median, double Min, double Max, string Unit, double? RatioToReference, string Reference);

public sealed record BenchReport(DateTimeOffset At, string Machine, string Commit, IReadOnlyList<Figure> Figures);

/// <summary>
/// Runs the jobs in child processes, alternating each of Myna's jobs with the reference job
/// (A B A B …) so that machine noise hits both alike; reports medians with min and max.
/// </summary>
public static class Suite
{
    /// <summary>The notification batch (issue 3): print data records/s and PDF pages/s, with peak memory.</summary>
    public static async Task<List<Figure>> NoticesAsync(IReadOnlyList<int> sizes, int runs)
    {
        var figures = new List<Figure>();
        foreach (var size in sizes)
        {
            var generate = new List<JobResult>();
            var pdf = new List<JobResult>();
            for (var run = 0; run < runs; run++)
            {
                var dir = Path.Combine(Path.GetTempPath(), "myna-bench-" + Guid.NewGuid().ToString("N")[..8]);
                Directory.CreateDirectory(dir);
                try
                {
                    await ChildAsync("csv", dir, size);
                    await ChildAsync("import", dir, size);
                    await ChildAsync("number", dir, size);
                    generate.Add(await ChildAsync("notice-generate", dir, size));
                    pdf.Add(await ChildAsync("notice-pdf", dir, size));
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{size:N0} notices run {run + 1}/{runs}: print data {generate[^1].Seconds:F1}s, {pdf[^1].Rows:N0} PDF pages {pdf[^1].Seconds:F1}s"));
                }
                finally
                {
                    Directory.Delete(dir, recursive: true);
                }
            }
            figures.Add(Rate("notices: batch + print data (myna notices generate --no-pdf)", size, generate, null, "—"));
            figures.Add(Seconds("notices: batch + print data, wall time", size, generate));
            figures.Add(Rate("notices: PDF pages (A4, Japanese, QR)", size, pdf, null, "—") with { Unit = "pages/s" });
            figures.Add(Memory("notices: batch + print data, peak memory", size, generate));
            figures.Add(Memory("notices: PDF, peak memory", size, pdf));
        }
        return figures;
    }

    public static async Task<BenchReport> RunAsync(IReadOnlyList<int> sizes, int runs)
    {
        var figures = new List<Figure>();
        foreach (var size in sizes)
        {
            var import = new List<JobResult>();
            var number = new List<JobResult>();
            var raw = new List<JobResult>();
            for (var run = 0; run < runs; run++)
            {
                var dir = Path.Combine(Path.GetTempPath(), "myna-bench-" + Guid.NewGuid().ToString("N")[..8]);
                Directory.CreateDirectory(dir);
                try
                {
                    await ChildAsync("csv", dir, size);
                    import.Add(await ChildAsync("import", dir, size));
                    raw.Add(await ChildAsync("raw-insert", dir, size));
                    number.Add(await ChildAsync("number", dir, size));
                    File.Delete(Path.Combine(dir, "raw.db"));
                    raw.Add(await ChildAsync("raw-insert", dir, size));
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{size:N0} run {run + 1}/{runs}: import {import[^1].Seconds:F1}s, number {number[^1].Seconds:F1}s, raw {raw[^2].Seconds:F1}/{raw[^1].Seconds:F1}s"));
                }
                finally
                {
                    Directory.Delete(dir, recursive: true);
                }
            }
            var rawRate = Median(raw.Select(r => r.Rows / r.Seconds));
            figures.Add(Rate("SQLite prepared-insert limit (reference)", size, raw, null, "—"));
            figures.Add(Rate("resident CSV import", size, import, rawRate, "SQLite prepared-insert limit"));
            figures.Add(Rate("numbering (myna number assign)", size, number, rawRate, "SQLite prepared-insert limit"));
            figures.Add(Seconds("resident CSV import: wall time", size, import));
            figures.Add(Seconds("numbering: wall time", size, number));
            figures.Add(Memory("resident CSV import: peak memory", size, import));
            figures.Add(Memory("numbering: peak memory", size, number));
        }
        return new BenchReport(DateTimeOffset.UtcNow, Machine(), Commit(), figures);
    }

    private static Figure Rate(string name, int size, List<JobResult> runs, double? reference, string referenceName)
    {
        var rates = runs.Select(r => r.Rows / r.Seconds).ToList();
        var median = Median(rates);
        return new Figure(name, size, median, rates.Min(), rates.Max(), "rows/s", reference is null ? null : median / reference.Value, referenceName);
    }

    private static Figure Seconds(string name, int size, List<JobResult> runs)
    {
        var s = runs.Select(r => r.Seconds).ToList();
        return new Figure(name, size, Median(s), s.Min(), s.Max(), "s", null, "—");
    }

    private static Figure Memory(string name, int size, List<JobResult> runs)
    {
        var m = runs.Select(r => r.PeakBytes / 1048576.0).ToList();
        return new Figure(name, size, Median(m), m.Min(), m.Max(), "MiB", null, "—");
    }

    internal static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToList();
        return v.Count % 2 == 1 ? v[v.Count / 2] : (v[v.Count / 2 - 1] + v[v.Count / 2]) / 2;
    }

    internal static async Task<JobResult> ChildAsync(string kind, string dir, int rows)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
        psi.ArgumentList.Add(typeof(Suite).Assembly.Location);
        foreach (var a in new[] { "job", kind, dir, rows.ToString(CultureInfo.InvariantCulture) })
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"job {kind} failed with exit code {p.ExitCode}");
        }
        return JsonSerializer.Deserialize<JobResult>(output.Trim().Split('\n')[^1])!;
    }

    public static string Machine() =>
        $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0:F0} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";

    public static string Commit()
    {
        try
        {
            var psi = new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true };
            using var p = Process.Start(psi)!;
            var sha = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return sha;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
