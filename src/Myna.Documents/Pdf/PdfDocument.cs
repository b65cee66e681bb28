using SkiaSharp;

namespace Myna.Documents.Pdf;

/// <summary>
/// A PDF written page by page to a stream (nothing is kept once a page ends, so a document of
/// any length runs in constant memory), with the few drawing verbs the forms need, in points
/// from the top-left corner of an A4 page.
/// </summary>
public sealed class PdfDocument : IDisposable
{
    public const float A4Width = 595.28f;
    public const float A4Height = 841.89f;
    /// <summary>Points per millimetre.</summary>
    public const float Mm = 72f / 25.4f;

    private readonly SKDocument document;
    private readonly SKPaint ink = new() { Color = SKColors.Black, IsAntialias = true };
    private readonly SKPaint rule = new() { Color = SKColors.Black, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 0.7f };
    private readonly Dictionary<float, SKFont> fonts = [];
    private SKCanvas? page;

    public PdfDocument(Stream output, string title, string author)
    {
        document = SKDocument.CreatePdf(output, new SKDocumentPdfMetadata
        {
            Title = title,
            Author = author,
            Creator = "Myna",
            Producer = "Myna",
            RasterDpi = 300,
        }) ?? throw new InvalidOperationException("the PDF backend could not be started");
    }

    public int Pages { get; private set; }

    private SKCanvas Canvas => page ?? throw new InvalidOperationException("no page is open");

    public void BeginPage()
    {
        EndPage();
        page = document.BeginPage(A4Width, A4Height);
        Pages++;
    }

    public void EndPage()
    {
        if (page is not null)
        {
            document.EndPage();
            page = null;
        }
    }

    private SKFont Font(float size)
    {
        if (!fonts.TryGetValue(size, out var font))
        {
            font = new SKFont(JapaneseFont.Typeface, size) { Subpixel = true };
            fonts[size] = font;
        }
        return font;
    }

    /// <summary>Text whose baseline starts at (x, y).</summary>
    public void Text(string text, float x, float y, float size, SKTextAlign align = SKTextAlign.Left) =>
        Canvas.DrawText(Printable(text), x, y, align, Font(size), ink);

    /// <summary>
    /// A character the typeface lacks is printed as 〓 (geta), the typesetters' mark for a
    /// character to be set by hand (外字), never as an empty box or silently dropped.
    /// </summary>
    public string Printable(string text)
    {
        var face = Font(10);
        if (face.ContainsGlyphs(text))
        {
            return text;
        }
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            builder.Append(rune.Value < 0x20 || face.ContainsGlyph(rune.Value) ? rune.ToString() : "〓");
        }
        return builder.ToString();
    }

    /// <summary>Text shrunk as needed to fit <paramref name="width"/>, for long names and addresses.</summary>
    public void TextFit(string text, float x, float y, float size, float width)
    {
        var measured = Font(size).MeasureText(Printable(text));
        var fitted = measured > width ? MathF.Max(5f, MathF.Floor(size * width / measured * 10f) / 10f) : size;
        Text(text, x, y, fitted);
    }

    public void Box(float x, float y, float width, float height) => Canvas.DrawRect(x, y, width, height, rule);

    public void Line(float x1, float y1, float x2, float y2) => Canvas.DrawLine(x1, y1, x2, y2, rule);

    /// <summary>The open page's canvas, for drawings of their own (QR codes).</summary>
    public SKCanvas CanvasForDrawing() => Canvas;

    public void Dispose()
    {
        EndPage();
        document.Close();
        document.Dispose();
        foreach (var font in fonts.Values)
        {
            font.Dispose();
        }
        ink.Dispose();
        rule.Dispose();
    }
}
