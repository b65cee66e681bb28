using System.Buffers.Binary;
using System.Text;

namespace Myna.Testing;

/// <summary>
/// JPEG files built byte by byte: a frame header with the given size, optionally an EXIF
/// shooting date, padded to the given length. Enough for the mechanical checks of DOMAIN §4.3,
/// which read headers only.
/// </summary>
public static class TestPhotos
{
    public static byte[] Jpeg(int width = 600, int height = 800, int bytes = 40_000, DateOnly? takenOn = null)
    {
        var s = new MemoryStream();
        s.Write([0xFF, 0xD8]);
        if (takenOn is { } day)
        {
            // APP1 "Exif\0\0" + little-endian TIFF with one IFD0 entry: DateTime (0x0132), ASCII, 20 bytes at offset 26.
            var tiff = new byte[46];
            "II"u8.CopyTo(tiff);
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(2), 42);
            BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 8);
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(8), 1);
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(10), 0x0132);
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(12), 2);
            BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(14), 20);
            BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(18), 26);
            Encoding.ASCII.GetBytes(FormattableString.Invariant($"{day.Year:D4}:{day.Month:D2}:{day.Day:D2} 10:00:00\0")).CopyTo(tiff, 26);
            var app1 = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
            s.Write([0xFF, 0xE1, (byte)((app1.Length + 2) >> 8), (byte)((app1.Length + 2) & 0xFF)]);
            s.Write(app1);
        }
        s.Write([0xFF, 0xC0, 0x00, 0x11, 0x08, (byte)(height >> 8), (byte)(height & 0xFF), (byte)(width >> 8), (byte)(width & 0xFF), 0x03,
            0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
        s.Write([0xFF, 0xDA, 0x00, 0x02]);
        while (s.Length < bytes - 2)
        {
            s.WriteByte(0x55);
        }
        s.Write([0xFF, 0xD9]);
        return s.ToArray();
    }
}
