using System.Globalization;
using System.Text;
using SkiaSharp;

namespace Myna.Documents.Pdf;

/// <summary>
/// A PDF written page by page to a stream (each page's content goes out when the page ends, so a
/// document of any length runs in near-constant memory), with the few drawing verbs the forms
/// need, in points from the top-left corner of an A4 page. Text is set in the Japanese font,
/// embedding only the glyphs used and mapping each back to the character written
/// (<see cref="DocumentFont"/>), so a one-page letter stays small and its text extracts as written.
/// </summary>
public sealed class PdfDocument : IDisposable
{
    public const float A4Width = 595.28f;
    public const float A4Height = 841.89f;
    /// <summary>Points per millimetre.</summary>
    public const float Mm = 72f / 25.4f;
    private const float RuleWidth = 0.7f;

    private readonly PdfObjectWriter file;
    private readonly DocumentFont font = new(JapaneseFont.Font);
    private readonly string title;
    private readonly string author;
    private readonly int catalog;
    private readonly int pageTree;
    private readonly int fontObject;
    private readonly List<int> pages = [];
    private StringBuilder? page;
    private bool closed;

    public PdfDocument(Stream output, string title, string author)
    {
        file = new PdfObjectWriter(output);
        this.title = title;
        this.author = author;
        file.Header();
        catalog = file.Reserve();
        pageTree = file.Reserve();
        fontObject = file.Reserve();
    }

    public int Pages => pages.Count + (page is null ? 0 : 1);

    private StringBuilder Content => page ?? throw new InvalidOperationException("no page is open");

    public void BeginPage()
    {
        EndPage();
        page = new StringBuilder(4096);
        page.Append(CultureInfo.InvariantCulture, $"0 g 0 G {PdfObjectWriter.Number(RuleWidth)} w\n");
    }

    public void EndPage()
    {
        if (page is null)
        {
            return;
        }
        var contents = file.Stream(Encoding.ASCII.GetBytes(page.ToString()));
        pages.Add(file.Object(string.Create(CultureInfo.InvariantCulture,
            $"<< /Type /Page /Parent {pageTree} 0 R /MediaBox [0 0 {PdfObjectWriter.Number(A4Width)} {PdfObjectWriter.Number(A4Height)}] " +
            $"/Resources << /Font << /F1 {fontObject} 0 R >> >> /Contents {contents} 0 R >>")));
        page = null;
    }

    /// <summary>Text whose baseline starts at (x, y); centred or right-aligned on x when asked.</summary>
    public void Text(string text, float x, float y, float size, SKTextAlign align = SKTextAlign.Left)
    {
        var printable = Printable(text);
        var width = font.Measure(printable, size);
        var left = align switch
        {
            SKTextAlign.Center => x - width / 2,
            SKTextAlign.Right => x - width,
            _ => x,
        };
        Content.Append(CultureInfo.InvariantCulture,
            $"BT /F1 {PdfObjectWriter.Number(size)} Tf {PdfObjectWriter.Number(left)} {PdfObjectWriter.Number(A4Height - y)} Td {font.Encode(printable)} Tj ET\n");
    }

    /// <summary>
    /// A character the typeface lacks is printed as 〓 (geta), the typesetters' mark for a
    /// character to be set by hand (外字), never as an empty box or silently dropped.
    /// </summary>
    public string Printable(string text)
    {
        var face = font.Font;
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            builder.Append(rune.Value < 0x20 || face.Has(rune.Value) ? rune.ToString() : "〓");
        }
        return builder.ToString();
    }

    /// <summary>Width of the text in points, as <see cref="Text"/> sets it.</summary>
    public float Measure(string text, float size) => font.Measure(Printable(text), size);

    /// <summary>Text shrunk as needed to fit <paramref name="width"/>, for long names and addresses.</summary>
    public void TextFit(string text, float x, float y, float size, float width)
    {
        var measured = Measure(text, size);
        var fitted = measured > width ? MathF.Max(5f, MathF.Floor(size * width / measured * 10f) / 10f) : size;
        Text(text, x, y, fitted);
    }

    public void Box(float x, float y, float width, float height) =>
        Content.Append(CultureInfo.InvariantCulture, $"{Rect(x, y, width, height)} re S\n");

    public void Line(float x1, float y1, float x2, float y2) =>
        Content.Append(CultureInfo.InvariantCulture,
            $"{PdfObjectWriter.Number(x1)} {PdfObjectWriter.Number(A4Height - y1)} m {PdfObjectWriter.Number(x2)} {PdfObjectWriter.Number(A4Height - y2)} l S\n");

    /// <summary>A filled rectangle (QR modules, chart bars) in the colour 0xRRGGBB, black by default.</summary>
    public void FillRect(float x, float y, float width, float height, int rgb = 0)
    {
        if (rgb == 0)
        {
            Content.Append(CultureInfo.InvariantCulture, $"{Rect(x, y, width, height)} re f\n");
            return;
        }
        static string Channel(int v) => PdfObjectWriter.Number(v / 255f);
        Content.Append(CultureInfo.InvariantCulture,
            $"q {Channel((rgb >> 16) & 0xFF)} {Channel((rgb >> 8) & 0xFF)} {Channel(rgb & 0xFF)} rg {Rect(x, y, width, height)} re f Q\n");
    }

    private static string Rect(float x, float y, float width, float height) =>
        $"{PdfObjectWriter.Number(x)} {PdfObjectWriter.Number(A4Height - y - height)} {PdfObjectWriter.Number(width)} {PdfObjectWriter.Number(height)}";

    public void Dispose()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        EndPage();
        font.Write(file, fontObject);
        file.Object(pageTree, string.Create(CultureInfo.InvariantCulture,
            $"<< /Type /Pages /Count {pages.Count} /Kids [{string.Join(' ', pages.Select(p => p.ToString(CultureInfo.InvariantCulture) + " 0 R"))}] >>"));
        file.Object(catalog, string.Create(CultureInfo.InvariantCulture, $"<< /Type /Catalog /Pages {pageTree} 0 R >>"));
        var info = file.Object(
            $"<< /Title {PdfObjectWriter.TextString(title)} /Author {PdfObjectWriter.TextString(author)} " +
            "/Creator (Myna) /Producer (Myna) >>");
        file.Finish(catalog, info);
    }
}
