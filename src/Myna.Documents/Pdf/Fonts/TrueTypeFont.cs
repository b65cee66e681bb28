using System.Buffers.Binary;

namespace Myna.Documents.Pdf.Fonts;

/// <summary>
/// A TrueType (glyf-outline) font read into memory, with what a PDF writer needs: the glyph of a
/// character (cmap), its advance width (hmtx), the outlines of single glyphs (loca/glyf) and the
/// raw tables a subset copies. Read-only after construction, so one instance serves every thread.
/// </summary>
public sealed class TrueTypeFont
{
    private readonly byte[] data;
    private readonly Dictionary<string, (int Offset, int Length)> tables = new(StringComparer.Ordinal);
    private readonly Dictionary<int, ushort> characterToGlyph = [];
    private readonly ushort[] advances;
    private readonly short[] leftSideBearings;
    private readonly int[] glyphOffsets;

    public TrueTypeFont(byte[] data)
    {
        this.data = data;
        var version = U32(0);
        if (version != 0x00010000 && version != 0x74727565) // 'true'
        {
            throw new InvalidDataException("not a TrueType font with glyf outlines (a CFF/OTTO or collection file cannot be subset here)");
        }
        int count = U16(4);
        for (var i = 0; i < count; i++)
        {
            var record = 12 + 16 * i;
            var tag = System.Text.Encoding.ASCII.GetString(data, record, 4);
            tables[tag] = ((int)U32(record + 8), (int)U32(record + 12));
        }
        foreach (var required in new[] { "head", "hhea", "hmtx", "maxp", "loca", "glyf", "cmap" })
        {
            if (!tables.ContainsKey(required))
            {
                throw new InvalidDataException($"the font has no '{required}' table");
            }
        }
        var head = tables["head"].Offset;
        UnitsPerEm = U16(head + 18);
        BoundingBox = (S16(head + 36), S16(head + 38), S16(head + 40), S16(head + 42));
        var longOffsets = S16(head + 50) == 1;
        var hhea = tables["hhea"].Offset;
        Ascent = S16(hhea + 4);
        Descent = S16(hhea + 6);
        int metrics = U16(hhea + 34);
        GlyphCount = U16(tables["maxp"].Offset + 4);

        advances = new ushort[GlyphCount];
        leftSideBearings = new short[GlyphCount];
        var hmtx = tables["hmtx"].Offset;
        for (var g = 0; g < GlyphCount; g++)
        {
            advances[g] = U16(hmtx + 4 * Math.Min(g, metrics - 1));
            leftSideBearings[g] = g < metrics ? S16(hmtx + 4 * g + 2) : S16(hmtx + 4 * metrics + 2 * (g - metrics));
        }
        glyphOffsets = new int[GlyphCount + 1];
        var loca = tables["loca"].Offset;
        for (var g = 0; g <= GlyphCount; g++)
        {
            glyphOffsets[g] = longOffsets ? (int)U32(loca + 4 * g) : 2 * U16(loca + 2 * g);
        }
        ReadCharacterMap();
        PostScriptName = ReadPostScriptName() ?? "JapaneseGothic";
    }

    public static TrueTypeFont Load(string path) => new(File.ReadAllBytes(path));

    public int UnitsPerEm { get; }
    public int GlyphCount { get; }
    public short Ascent { get; }
    public short Descent { get; }
    public (short XMin, short YMin, short XMax, short YMax) BoundingBox { get; }
    public string PostScriptName { get; }

    /// <summary>The glyph for a Unicode scalar value, or 0 (.notdef) when the font lacks it.</summary>
    public ushort GlyphOf(int codePoint) => characterToGlyph.GetValueOrDefault(codePoint);

    public bool Has(int codePoint) => characterToGlyph.ContainsKey(codePoint);

    /// <summary>Advance width in font units.</summary>
    public int Advance(ushort glyph) => glyph < advances.Length ? advances[glyph] : 0;

    public short LeftSideBearing(ushort glyph) => glyph < leftSideBearings.Length ? leftSideBearings[glyph] : (short)0;

    /// <summary>The outline bytes of one glyph (empty for a blank glyph such as the space).</summary>
    public ReadOnlySpan<byte> GlyphData(ushort glyph)
    {
        var glyf = tables["glyf"].Offset;
        return data.AsSpan(glyf + glyphOffsets[glyph], glyphOffsets[glyph + 1] - glyphOffsets[glyph]);
    }

    /// <summary>A whole table's bytes, or null when the font has none by that tag.</summary>
    public ReadOnlySpan<byte> Table(string tag) =>
        tables.TryGetValue(tag, out var t) ? data.AsSpan(t.Offset, t.Length) : ReadOnlySpan<byte>.Empty;

    public bool HasTable(string tag) => tables.ContainsKey(tag);

    private void ReadCharacterMap()
    {
        var cmap = tables["cmap"].Offset;
        int count = U16(cmap + 2);
        int? format4 = null, format12 = null;
        for (var i = 0; i < count; i++)
        {
            var record = cmap + 4 + 8 * i;
            var (platform, encoding) = (U16(record), U16(record + 2));
            var sub = cmap + (int)U32(record + 4);
            var format = U16(sub);
            if (format == 12 && (platform == 3 && encoding == 10 || platform == 0))
            {
                format12 ??= sub;
            }
            else if (format == 4 && (platform == 3 && encoding == 1 || platform == 0))
            {
                format4 ??= sub;
            }
        }
        // Format 4 first, then format 12 on top: 12 is the superset (characters beyond the BMP) when present.
        if (format4 is { } f4)
        {
            int segments = U16(f4 + 6) / 2;
            var ends = f4 + 14;
            var starts = ends + 2 * segments + 2;
            var deltas = starts + 2 * segments;
            var rangeOffsets = deltas + 2 * segments;
            for (var s = 0; s < segments; s++)
            {
                int start = U16(starts + 2 * s), end = U16(ends + 2 * s), delta = U16(deltas + 2 * s), rangeOffset = U16(rangeOffsets + 2 * s);
                for (var c = start; c <= end && c != 0xFFFF; c++)
                {
                    int glyph;
                    if (rangeOffset == 0)
                    {
                        glyph = (c + delta) & 0xFFFF;
                    }
                    else
                    {
                        var at = rangeOffsets + 2 * s + rangeOffset + 2 * (c - start);
                        glyph = U16(at);
                        if (glyph != 0)
                        {
                            glyph = (glyph + delta) & 0xFFFF;
                        }
                    }
                    if (glyph != 0 && glyph < GlyphCount)
                    {
                        characterToGlyph[c] = (ushort)glyph;
                    }
                }
            }
        }
        if (format12 is { } f12)
        {
            var groups = U32(f12 + 12);
            for (var i = 0; i < groups; i++)
            {
                var g = f12 + 16 + 12 * i;
                uint start = U32(g), end = U32(g + 4), glyph = U32(g + 8);
                for (var c = start; c <= end; c++, glyph++)
                {
                    if (glyph != 0 && glyph < GlyphCount)
                    {
                        characterToGlyph[(int)c] = (ushort)glyph;
                    }
                }
            }
        }
        if (characterToGlyph.Count == 0)
        {
            throw new InvalidDataException("the font has no Unicode character map (cmap format 4 or 12)");
        }
    }

    private string? ReadPostScriptName()
    {
        if (!tables.TryGetValue("name", out var t))
        {
            return null;
        }
        int count = U16(t.Offset + 2), strings = t.Offset + U16(t.Offset + 4);
        for (var i = 0; i < count; i++)
        {
            var r = t.Offset + 6 + 12 * i;
            if (U16(r + 6) != 6)
            {
                continue;
            }
            var (platform, length, offset) = (U16(r), U16(r + 8), U16(r + 10));
            var text = platform == 1
                ? System.Text.Encoding.ASCII.GetString(data, strings + offset, length)
                : System.Text.Encoding.BigEndianUnicode.GetString(data, strings + offset, length);
            // A PDF name allows only printable ASCII without delimiters.
            var clean = new string([.. text.Where(ch => ch is > ' ' and < '\u007f' && !"()<>[]{}/%#".Contains(ch, StringComparison.Ordinal))]);
            if (clean.Length > 0)
            {
                return clean;
            }
        }
        return null;
    }

    private ushort U16(int at) => BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(at));
    private short S16(int at) => BinaryPrimitives.ReadInt16BigEndian(data.AsSpan(at));
    private uint U32(int at) => BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(at));
}
