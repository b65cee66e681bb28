using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Myna.Bench;

/// <summary>Writes docs/benchmarks.json and the generated table inside docs/benchmarks.md.</summary>
public static class Report
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Each suite has its own JSON file and its own table between markers; a new suite's table is appended.</summary>
    public static async Task WriteAsync(BenchReport report, string suite)
    {
        var begin = suite == "register" ? "<!-- bench:begin -->" : $"<!-- bench:{suite}:begin -->";
        var end = suite == "register" ? "<!-- bench:end -->" : $"<!-- bench:{suite}:end -->";
        var docs = Path.Combine(FindRoot(), "docs");
        await File.WriteAllTextAsync(Path.Combine(docs, suite == "register" ? "benchmarks.json" : $"benchmarks-{suite}.json"),
            JsonSerializer.Serialize(report, Indented));
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"Measured {report.At:yyyy-MM-dd HH:mm} UTC on {report.Machine}, commit {report.Commit}.");
        table.AppendLine();
        table.AppendLine("| figure | size | median | min | max | unit | ratio to reference |");
        table.AppendLine("| --- | ---: | ---: | ---: | ---: | --- | ---: |");
        foreach (var f in report.Figures)
        {
            var ratio = f.RatioToReference is { } r ? r.ToString("P0", CultureInfo.InvariantCulture) : "—";
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {f.Name} | {f.Size:N0} | {f.Median:N1} | {f.Min:N1} | {f.Max:N1} | {f.Unit} | {ratio} |");
        }
        var path = Path.Combine(docs, "benchmarks.md");
        var text = File.Exists(path) ? await File.ReadAllTextAsync(path) : "# Benchmarks\n";
        if (!text.Contains(begin, StringComparison.Ordinal))
        {
            text = text.TrimEnd() + $"\n\n## Suite: {suite}\n\n{begin}\n{end}\n";
        }
        var start = text.IndexOf(begin, StringComparison.Ordinal);
        var stop = text.IndexOf(end, StringComparison.Ordinal);
        text = text[..(start + begin.Length)] + "\n" + table + text[stop..];
        await File.WriteAllTextAsync(path, text);
        Console.WriteLine(table);
    }

    public static string FindRoot()
    {
        var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Myna.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("run from inside the repository");
    }
}
