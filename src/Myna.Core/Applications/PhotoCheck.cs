using System.Buffers.Binary;
using System.Globalization;
using Myna.Core.Lifecycle;
using Myna.Core.Text.Messages;

namespace Myna.Core.Applications;

/// <summary>
/// One mechanical photo rule that a file breaks (DOMAIN §4.3): its stable <see cref="Code"/> and the catalogue message
/// (<see cref="PhotoMessages"/>) a resident reads.
/// </summary>
public sealed record PhotoProblem(string Code, Message Text);

/// <summary>What the file says about itself: pixel size and, when the camera wrote it, the shooting date.</summary>
public sealed record PhotoFacts(int Width, int Height, long Bytes, DateOnly? TakenOn);

/// <summary>
/// The mechanical checks of DOMAIN §4.3: JPEG, 20 KB – 7 MB, width and height 480–6000 px, taken
/// within 6 months when the file records its date. Frontal, no hat and plain background are
/// human checks (the review queue). Reads only the JPEG headers, never decodes the image.
/// </summary>
public static class PhotoCheck
{
    public const long MinBytes = 20 * 1024;
    public const long MaxBytes = 7 * 1024 * 1024;
    public const int MinPixels = 480;
    public const int MaxPixels = 6000;
    public const int MaxAgeMonths = 6;

    public static (PhotoFacts? Facts, IReadOnlyList<PhotoProblem> Problems) Check(ReadOnlySpan<byte> file, DateOnly today)
    {
        var problems = new List<PhotoProblem>();
        if (file.Length < MinBytes)
        {
            problems.Add(new("too-small", PhotoMessages.TooSmall.With(Kb(file.Length), MinBytes / 1024)));
        }
        if (file.Length > MaxBytes)
        {
            problems.Add(new("too-large", PhotoMessages.TooLarge.With(Mb(file.Length), MaxBytes / (1024 * 1024))));
        }
        if (!TryReadJpeg(file, out var width, out var height, out var taken))
        {
            problems.Add(new("not-jpeg", PhotoMessages.NotJpeg));
            return (null, problems);
        }
        if (width < MinPixels || height < MinPixels || width > MaxPixels || height > MaxPixels)
        {
            problems.Add(new("pixels", PhotoMessages.Pixels.With(width, height, MinPixels, MaxPixels)));
        }
        if (taken is { } day && day < today.AddMonths(-MaxAgeMonths))
        {
            problems.Add(new("too-old", PhotoMessages.TooOld.With(LifecycleMessages.Day(day), MaxAgeMonths)));
        }
        if (taken is { } future && future > today.AddDays(1))
        {
            problems.Add(new("future", PhotoMessages.Future));
        }
        return (new PhotoFacts(width, height, file.Length, taken), problems);
    }

    /// <summary>A size in KB or MB with at most one decimal, as the message shows it.</summary>
    private static string Kb(long bytes) => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Walks the JPEG markers to the frame header (SOFn) and, on the way, the EXIF DateTimeOriginal.</summary>
    public static bool TryReadJpeg(ReadOnlySpan<byte> file, out int width, out int height, out DateOnly? taken)
    {
        width = height = 0;
        taken = null;
        if (file.Length < 4 || file[0] != 0xFF || file[1] != 0xD8)
        {
            return false;
        }
        var i = 2;
        while (i + 4 <= file.Length)
        {
            if (file[i] != 0xFF)
            {
                return false;
            }
            var marker = file[i + 1];
            if (marker == 0xFF)
            {
                i++; // fill byte
                continue;
            }
            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                i += 2;
                continue;
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(file[(i + 2)..]);
            if (length < 2 || i + 2 + length > file.Length)
            {
                return false;
            }
            var segment = file.Slice(i + 4, length - 2);
            if (marker == 0xE1 && segment.StartsWith("Exif\0\0"u8))
            {
                taken = ExifDate(segment[6..]);
            }
            // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (segment.Length < 5)
                {
                    return false;
                }
                height = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]);
                width = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
                return width > 0 && height > 0;
            }
            if (marker == 0xDA)
            {
                return false; // image data before any frame header
            }
            i += 2 + length;
        }
        return false;
    }

    /// <summary>DateTimeOriginal (0x9003) or DateTime (0x0132) of a TIFF-structured EXIF block, "YYYY:MM:DD HH:MM:SS".</summary>
    private static DateOnly? ExifDate(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8)
        {
            return null;
        }
        var little = tiff[0] == (byte)'I';
        ushort U16(ReadOnlySpan<byte> s, int at) => at + 2 > s.Length ? (ushort)0 : little ? BinaryPrimitives.ReadUInt16LittleEndian(s[at..]) : BinaryPrimitives.ReadUInt16BigEndian(s[at..]);
        uint U32(ReadOnlySpan<byte> s, int at) => at + 4 > s.Length ? 0 : little ? BinaryPrimitives.ReadUInt32LittleEndian(s[at..]) : BinaryPrimitives.ReadUInt32BigEndian(s[at..]);
        DateOnly? found = null;
        var exifIfd = 0u;
        void Walk(ReadOnlySpan<byte> s, uint offset)
        {
            if (offset == 0 || offset + 2 > s.Length)
            {
                return;
            }
            var count = U16(s, (int)offset);
            for (var n = 0; n < count; n++)
            {
                var entry = (int)offset + 2 + n * 12;
                if (entry + 12 > s.Length)
                {
                    return;
                }
                var tag = U16(s, entry);
                if (tag == 0x8769)
                {
                    exifIfd = U32(s, entry + 8);
                }
                else if (tag is 0x9003 or 0x0132 && U32(s, entry + 4) >= 19)
                {
                    var at = (int)U32(s, entry + 8);
                    if (at + 19 <= s.Length && DateOnly.TryParseExact(System.Text.Encoding.ASCII.GetString(s.Slice(at, 10)), "yyyy':'MM':'dd",
                        CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && (tag == 0x9003 || found is null))
                    {
                        found = d;
                    }
                }
            }
        }
        Walk(tiff, U32(tiff, 4));
        Walk(tiff, exifIfd);
        return found;
    }
}
