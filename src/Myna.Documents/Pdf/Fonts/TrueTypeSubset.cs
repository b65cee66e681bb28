using System.Buffers.Binary;

namespace Myna.Documents.Pdf.Fonts;

/// <summary>
/// A font program holding only the glyphs a document uses, renumbered from 0 (.notdef) in the
/// order given, with the components of composite glyphs added. This is what keeps a one-page
/// letter at tens of kilobytes instead of embedding the whole 6 MB Japanese font.
/// </summary>
public static class TrueTypeSubset
{
    // Tables copied as they are: hinting programs and the metrics viewers consult.
    private static readonly string[] Copied = ["cvt ", "fpgm", "prep", "gasp", "OS/2"];

    /// <summary>
    /// Builds the subset. <paramref name="glyphs"/> are original glyph ids; the result maps each
    /// (and every composite's component) to its id in the subset.
    /// </summary>
    public static (byte[] Font, IReadOnlyDictionary<ushort, ushort> NewIds) Build(TrueTypeFont font, IEnumerable<ushort> glyphs)
    {
        var order = new List<ushort> { 0 };
        var ids = new Dictionary<ushort, ushort> { [0] = 0 };
        void Add(ushort glyph)
        {
            if (ids.ContainsKey(glyph))
            {
                return;
            }
            ids[glyph] = checked((ushort)order.Count);
            order.Add(glyph);
            foreach (var component in Components(font.GlyphData(glyph)))
            {
                Add(component);
            }
        }
        foreach (var g in glyphs)
        {
            Add(g);
        }

        var glyf = new MemoryStream();
        var loca = new byte[4 * (order.Count + 1)];
        var hmtx = new byte[4 * order.Count];
        for (var i = 0; i < order.Count; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(4 * i), (uint)glyf.Length);
            var outline = font.GlyphData(order[i]).ToArray();
            Renumber(outline, ids);
            glyf.Write(outline);
            while (glyf.Length % 4 != 0)
            {
                glyf.WriteByte(0);
            }
            BinaryPrimitives.WriteUInt16BigEndian(hmtx.AsSpan(4 * i), (ushort)font.Advance(order[i]));
            BinaryPrimitives.WriteInt16BigEndian(hmtx.AsSpan(4 * i + 2), font.LeftSideBearing(order[i]));
        }
        BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(4 * order.Count), (uint)glyf.Length);

        var head = font.Table("head").ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(8), 0); // checksumAdjustment, set below
        BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), 1); // long loca offsets
        var hhea = font.Table("hhea").ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(hhea.AsSpan(34), (ushort)order.Count);
        var maxp = font.Table("maxp").ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(maxp.AsSpan(4), (ushort)order.Count);
        // post format 3: no glyph names (they would refer to the old numbering).
        var post = font.Table("post").Length >= 32 ? font.Table("post")[..32].ToArray() : new byte[32];
        BinaryPrimitives.WriteUInt32BigEndian(post, 0x00030000);

        var tables = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["head"] = head, ["hhea"] = hhea, ["maxp"] = maxp, ["hmtx"] = hmtx,
            ["loca"] = loca, ["glyf"] = glyf.ToArray(), ["post"] = post,
        };
        foreach (var tag in Copied.Where(font.HasTable))
        {
            tables[tag] = font.Table(tag).ToArray();
        }
        var file = Assemble(tables);
        var adjustment = unchecked(0xB1B0AFBA - Checksum(file));
        var headOffset = HeadOffset(file);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(headOffset + 8), adjustment);
        return (file, ids);
    }

    private const short Composite = -1;

    private static List<ushort> Components(ReadOnlySpan<byte> outline)
    {
        var found = new List<ushort>();
        ForEachComponent(outline.ToArray(), (bytes, at) => found.Add(BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(at))));
        return found;
    }

    private static void Renumber(byte[] outline, Dictionary<ushort, ushort> ids) =>
        ForEachComponent(outline, (bytes, at) =>
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(at), ids[BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(at))]));

    /// <summary>Calls <paramref name="visit"/> with the offset of each component's glyph index in a composite glyph.</summary>
    private static void ForEachComponent(byte[] outline, Action<byte[], int> visit)
    {
        if (outline.Length < 10 || BinaryPrimitives.ReadInt16BigEndian(outline) != Composite)
        {
            return;
        }
        var at = 10;
        ushort flags;
        do
        {
            flags = BinaryPrimitives.ReadUInt16BigEndian(outline.AsSpan(at));
            visit(outline, at + 2);
            at += 4 + ((flags & 0x0001) != 0 ? 4 : 2); // ARG_1_AND_2_ARE_WORDS
            at += (flags & 0x0008) != 0 ? 2 : (flags & 0x0040) != 0 ? 4 : (flags & 0x0080) != 0 ? 8 : 0; // scale, x/y scale, 2×2
        }
        while ((flags & 0x0020) != 0 && at < outline.Length); // MORE_COMPONENTS
    }

    private static byte[] Assemble(SortedDictionary<string, byte[]> tables)
    {
        var count = tables.Count;
        var entrySelector = (int)Math.Floor(Math.Log2(count));
        var searchRange = 16 * (1 << entrySelector);
        var directory = 12 + 16 * count;
        var total = directory + tables.Values.Sum(t => (t.Length + 3) & ~3);
        var file = new byte[total];
        BinaryPrimitives.WriteUInt32BigEndian(file, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(4), (ushort)count);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(6), (ushort)searchRange);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(8), (ushort)entrySelector);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(10), (ushort)(16 * count - searchRange));
        var record = 12;
        var offset = directory;
        foreach (var (tag, bytes) in tables)
        {
            System.Text.Encoding.ASCII.GetBytes(tag, file.AsSpan(record));
            BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(record + 4), Checksum(bytes));
            BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(record + 8), (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(record + 12), (uint)bytes.Length);
            bytes.CopyTo(file, offset);
            offset += (bytes.Length + 3) & ~3;
            record += 16;
        }
        return file;
    }

    private static int HeadOffset(byte[] file)
    {
        int count = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(4));
        for (var i = 0; i < count; i++)
        {
            var record = 12 + 16 * i;
            if (file.AsSpan(record, 4).SequenceEqual("head"u8))
            {
                return (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(record + 8));
            }
        }
        throw new InvalidOperationException("subset without a head table");
    }

    private static uint Checksum(byte[] bytes)
    {
        uint sum = 0;
        for (var i = 0; i < bytes.Length; i += 4)
        {
            uint word = 0;
            for (var j = 0; j < 4; j++)
            {
                word = (word << 8) | (i + j < bytes.Length ? bytes[i + j] : 0u);
            }
            sum = unchecked(sum + word);
        }
        return sum;
    }
}
