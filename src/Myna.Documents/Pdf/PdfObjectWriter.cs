using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Myna.Documents.Pdf;

/// <summary>
/// The file layer of a PDF (ISO 32000-1 §7.5): numbered objects written straight to the output
/// as they are made, their byte offsets kept for the cross-reference table written at the end.
/// Object numbers may be reserved before the object is written (the page tree, the font).
/// </summary>
internal sealed class PdfObjectWriter(Stream output)
{
    private readonly List<long> offsets = [0]; // object 0 is the free-list head
    private long position;

    public void Header() => Raw("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");

    /// <summary>A number for an object written later.</summary>
    public int Reserve()
    {
        offsets.Add(-1);
        return offsets.Count - 1;
    }

    public int Object(string body) => Object(Reserve(), body);

    public int Object(int number, string body)
    {
        Begin(number);
        Raw(body);
        Raw("\nendobj\n");
        return number;
    }

    /// <summary>A Flate-compressed stream object; <paramref name="extra"/> adds dictionary entries.</summary>
    public int Stream(ReadOnlySpan<byte> content, string extra = "", int? number = null)
    {
        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(content);
        }
        var n = number ?? Reserve();
        Begin(n);
        Raw(string.Create(CultureInfo.InvariantCulture, $"<< /Length {compressed.Length} /Filter /FlateDecode {extra}>>\nstream\n"));
        Bytes(compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        Raw("\nendstream\nendobj\n");
        return n;
    }

    /// <summary>The cross-reference table and trailer; the document is complete after this.</summary>
    public void Finish(int catalog, int info)
    {
        var missing = offsets.FindIndex(1, o => o < 0);
        if (missing > 0)
        {
            throw new InvalidOperationException($"PDF object {missing} was reserved but never written");
        }
        var xref = position;
        var table = new StringBuilder();
        table.Append(CultureInfo.InvariantCulture, $"xref\n0 {offsets.Count}\n0000000000 65535 f \n");
        foreach (var o in offsets.Skip(1))
        {
            table.Append(CultureInfo.InvariantCulture, $"{o:D10} 00000 n \n");
        }
        table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {offsets.Count} /Root {catalog} 0 R /Info {info} 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        Raw(table.ToString());
        output.Flush();
    }

    /// <summary>A text string (§7.9.2.2) in UTF-16BE with its byte-order mark, as hex.</summary>
    public static string TextString(string text) =>
        "<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(text)) + ">";

    public static string Number(float value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private void Begin(int number)
    {
        offsets[number] = position;
        Raw(string.Create(CultureInfo.InvariantCulture, $"{number} 0 obj\n"));
    }

    private void Raw(string text) => Bytes(Encoding.Latin1.GetBytes(text));

    private void Bytes(ReadOnlySpan<byte> bytes)
    {
        output.Write(bytes);
        position += bytes.Length;
    }
}
