using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Myna.Documents.Pdf.Fonts;

namespace Myna.Documents.Pdf;

/// <summary>
/// The font of one PDF as a CID-keyed Type 0 font (ISO 32000-1 §9.7). Every distinct character
/// WRITTEN gets its own character id, so the ToUnicode map (§9.10.3) sends each id back to
/// exactly the character the document wrote. The font's own cmap cannot be turned around for
/// this: it maps several code points to one glyph (石 U+77F3 and the Kangxi radical ⽯ U+2F6F
/// share a glyph in IPAex Gothic), and a reverse lookup picks the wrong one for copy, search and
/// screen readers. Two written characters that share a glyph get two ids pointing at that glyph
/// (CIDToGIDMap), so the text stays unambiguous. Only the glyphs used are embedded.
/// </summary>
internal sealed class DocumentFont(TrueTypeFont font)
{
    private readonly Dictionary<int, ushort> ids = [];
    private readonly List<(int Character, ushort Glyph)> written = [(0, 0)]; // id 0 is .notdef

    public TrueTypeFont Font => font;

    /// <summary>The text as 2-byte character ids (Identity-H), in hex for a string operand.</summary>
    public string Encode(string text)
    {
        var hex = new StringBuilder(text.Length * 4 + 2).Append('<');
        foreach (var rune in text.EnumerateRunes())
        {
            if (!ids.TryGetValue(rune.Value, out var id))
            {
                id = checked((ushort)written.Count);
                ids[rune.Value] = id;
                written.Add((rune.Value, font.GlyphOf(rune.Value)));
            }
            hex.Append(id.ToString("X4", CultureInfo.InvariantCulture));
        }
        return hex.Append('>').ToString();
    }

    /// <summary>Width of the text in points at <paramref name="size"/>.</summary>
    public float Measure(string text, float size)
    {
        var units = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            units += font.Advance(font.GlyphOf(rune.Value));
        }
        return units * size / font.UnitsPerEm;
    }

    /// <summary>Writes the Type 0 font, its descendant, descriptor, subset program and maps under <paramref name="number"/>.</summary>
    public void Write(PdfObjectWriter pdf, int number)
    {
        var (program, newIds) = TrueTypeSubset.Build(font, written.Select(w => w.Glyph));
        var tag = SubsetTag(program);
        var name = tag + "+" + font.PostScriptName;
        var fontFile = pdf.Stream(program, string.Create(CultureInfo.InvariantCulture, $"/Length1 {program.Length} "));

        var cidToGid = new byte[2 * written.Count];
        for (var id = 0; id < written.Count; id++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(cidToGid.AsSpan(2 * id), newIds[written[id].Glyph]);
        }
        var cidToGidMap = pdf.Stream(cidToGid);
        var toUnicode = pdf.Stream(Encoding.ASCII.GetBytes(ToUnicode()));

        var scale = 1000f / font.UnitsPerEm;
        var (xMin, yMin, xMax, yMax) = font.BoundingBox;
        var descriptor = pdf.Object(string.Create(CultureInfo.InvariantCulture,
            $"<< /Type /FontDescriptor /FontName /{name} /Flags 4 /FontBBox [{Scaled(xMin)} {Scaled(yMin)} {Scaled(xMax)} {Scaled(yMax)}] " +
            $"/ItalicAngle 0 /Ascent {Scaled(font.Ascent)} /Descent {Scaled(font.Descent)} /CapHeight {Scaled(font.Ascent)} /StemV 80 /FontFile2 {fontFile} 0 R >>"));
        var widths = string.Join(' ', written.Select(w => ((int)MathF.Round(font.Advance(w.Glyph) * scale)).ToString(CultureInfo.InvariantCulture)));
        var descendant = pdf.Object(string.Create(CultureInfo.InvariantCulture,
            $"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> " +
            $"/FontDescriptor {descriptor} 0 R /DW 1000 /W [0 [{widths}]] /CIDToGIDMap {cidToGidMap} 0 R >>"));
        pdf.Object(number, string.Create(CultureInfo.InvariantCulture,
            $"<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H /DescendantFonts [{descendant} 0 R] /ToUnicode {toUnicode} 0 R >>"));

        int Scaled(int v) => (int)MathF.Round(v * scale);
    }

    /// <summary>The CMap from each character id to the character written with it.</summary>
    private string ToUnicode()
    {
        var cmap = new StringBuilder();
        cmap.Append("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n")
            .Append("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n")
            .Append("/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n")
            .Append("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
        var entries = Enumerable.Range(1, written.Count - 1).ToList();
        foreach (var chunk in entries.Chunk(100)) // at most 100 entries per block (§9.10.3)
        {
            cmap.Append(CultureInfo.InvariantCulture, $"{chunk.Length} beginbfchar\n");
            foreach (var id in chunk)
            {
                var utf16 = Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(char.ConvertFromUtf32(written[id].Character)));
                cmap.Append(CultureInfo.InvariantCulture, $"<{id:X4}> <{utf16}>\n");
            }
            cmap.Append("endbfchar\n");
        }
        cmap.Append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        return cmap.ToString();
    }

    /// <summary>Six capital letters naming this subset (§9.6.4), derived from its content.</summary>
    private static string SubsetTag(byte[] program)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(program);
        return new string([.. hash.Take(6).Select(b => (char)('A' + b % 26))]);
    }
}
