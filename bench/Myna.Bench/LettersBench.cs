using System.Diagnostics;
using Myna.Documents.Applications;
using Myna.Documents.Pdf;
using SkiaSharp;

namespace Myna.Bench;

/// <summary>
/// A one-page letter (the deficiency notice, issue 19 points 8–9): milliseconds to render and
/// bytes, beside the previous writer — Skia's PDF backend setting the same lines in the same font,
/// which embedded the whole font — alternated A B A B in this process.
/// </summary>
public static class LettersBench
{
    private const int LettersPerRun = 50;

    public static Task<List<Figure>> RunAsync(int runs)
    {
        var notice = new DeficiencyNotice("04202112345678901234567", "石巻　太郎", "986-8501", "宮城県石巻市穀町14番1号", new DateOnly(2026, 11, 1),
            ["顔写真が不鮮明", "背景が無地でない・影がある"], new DateOnly(2026, 11, 24), "石巻市", "http://localhost:5080",
            "宮城県石巻市穀町14番1号 石巻市役所1階 市民課", "市民課 マイナンバーカード担当", "0225-95-1111");
        Lines = Extract(DeficiencyNoticePdf.Render(notice));
        DeficiencyNoticePdf.Render(notice); // warm both paths (font read once per process)
        SkiaLetter();
        var (ours, skia, ourBytes, skiaBytes) = (new List<double>(), new List<double>(), 0, 0);
        for (var run = 0; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < LettersPerRun; i++)
            {
                ourBytes = DeficiencyNoticePdf.Render(notice).Length;
            }
            ours.Add(watch.Elapsed.TotalMilliseconds / LettersPerRun);
            watch.Restart();
            for (var i = 0; i < LettersPerRun; i++)
            {
                skiaBytes = SkiaLetter().Length;
            }
            skia.Add(watch.Elapsed.TotalMilliseconds / LettersPerRun);
            Console.Error.WriteLine($"letters run {run + 1}/{runs}: ours {ours[^1]:F2} ms ({ourBytes:N0} B), Skia {skia[^1]:F2} ms ({skiaBytes:N0} B)");
        }
        var reference = "Skia PDF backend (previous writer)";
        return Task.FromResult(new List<Figure>
        {
            F("one-page letter: render time", ours, "ms", Median(ours) / Median(skia), reference),
            F("one-page letter: render time, Skia PDF backend", skia, "ms", null, "—"),
            F("one-page letter: size", [ourBytes], "bytes", (double)ourBytes / skiaBytes, reference),
            F("one-page letter: size, Skia PDF backend", [skiaBytes], "bytes", null, "—"),
        });
    }

    /// <summary>The letter's lines, set with Skia as the previous writer did.</summary>
    private static IReadOnlyList<string> Lines = [];

    private static byte[] SkiaLetter()
    {
        using var stream = new MemoryStream();
        using (var typeface = SKTypeface.FromFile(JapaneseFont.SearchPaths().First(File.Exists)))
        using (var font = new SKFont(typeface, 10.5f))
        using (var ink = new SKPaint { Color = SKColors.Black })
        using (var document = SKDocument.CreatePdf(stream)!)
        {
            var canvas = document.BeginPage(PdfDocument.A4Width, PdfDocument.A4Height);
            var y = 60f;
            foreach (var line in Lines)
            {
                canvas.DrawText(line, 57, y, SKTextAlign.Left, font, ink);
                y += 18;
            }
            document.EndPage();
            document.Close();
        }
        return stream.ToArray();
    }

    /// <summary>The letter's text lines as pdftotext reads them, so the reference sets the same characters.</summary>
    private static List<string> Extract(byte[] pdf)
    {
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, pdf);
        using var p = Process.Start(new ProcessStartInfo("pdftotext", [path, "-"]) { RedirectStandardOutput = true })!;
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        File.Delete(path);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.Length > 0)];
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static Figure F(string name, List<double> values, string unit, double? ratio, string reference) =>
        new(name, 1, Median(values), values.Min(), values.Max(), unit, ratio, reference);
}
