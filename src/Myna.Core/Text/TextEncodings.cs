using System.Text;
using System.Text.Unicode;

namespace Myna.Core.Text;

/// <summary>
/// The encodings municipal systems export (issue: UTF-8 and Shift_JIS/CP932). Decoders are
/// strict: a byte sequence that is not valid in the chosen encoding is an error, never a
/// silent replacement character in someone's name.
/// </summary>
public static class TextEncodings
{
    static TextEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding StrictUtf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Encoding StrictCp932 { get; } = CreateCp932();

    private static Encoding CreateCp932()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    /// <summary>CP932 for writing, where a character it lacks becomes <paramref name="replacement"/> instead of an error.</summary>
    public static Encoding Cp932Replacing(string replacement)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932, new OneMarkPerCharacter(replacement), DecoderFallback.ExceptionFallback);
    }

    /// <summary>
    /// Like <see cref="EncoderReplacementFallback"/>, but a character outside the BMP (a surrogate
    /// pair, e.g. 𠮷) gets one mark, not one per UTF-16 unit: the printer sees one 外字 to set.
    /// </summary>
    private sealed class OneMarkPerCharacter(string mark) : EncoderFallback
    {
        public override int MaxCharCount => mark.Length;

        public override EncoderFallbackBuffer CreateFallbackBuffer() => new Buffer(mark);

        private sealed class Buffer(string mark) : EncoderFallbackBuffer
        {
            private int position = mark.Length;

            public override int Remaining => mark.Length - position;

            public override bool Fallback(char charUnknown, int index)
            {
                if (char.IsLowSurrogate(charUnknown))
                {
                    return false; // its high surrogate already produced the mark
                }
                position = 0;
                return true;
            }

            public override bool Fallback(char charUnknownHigh, char charUnknownLow, int index)
            {
                position = 0;
                return true;
            }

            public override char GetNextChar() => position < mark.Length ? mark[position++] : '\0';

            public override bool MovePrevious()
            {
                if (position == 0)
                {
                    return false;
                }
                position--;
                return true;
            }

            public override void Reset() => position = mark.Length;
        }
    }

    /// <summary>Resolves "utf-8", "cp932"/"shift_jis"/"sjis", or "auto" (null) for a file.</summary>
    public static Encoding ForFile(string path, string? name)
    {
        switch (name?.Trim().ToUpperInvariant())
        {
            case null or "" or "AUTO":
                return LooksLikeUtf8(path) ? StrictUtf8 : StrictCp932;
            case "UTF-8" or "UTF8":
                return StrictUtf8;
            case "CP932" or "SHIFT_JIS" or "SHIFT-JIS" or "SJIS" or "WINDOWS-31J":
                return StrictCp932;
            default:
                throw new ArgumentException($"unknown encoding '{name}': use utf-8, cp932 or auto", nameof(name));
        }
    }

    /// <summary>Decides on the first 64 KiB: a UTF-8 BOM, or bytes that decode as strict UTF-8.</summary>
    public static bool LooksLikeUtf8(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[65536];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var span = buffer.AsSpan(0, read);
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return true;
        }
        // A multi-byte sequence may be cut at the buffer's end: ignore up to 3 trailing bytes.
        for (var trim = 0; trim <= Math.Min(3, read); trim++)
        {
            if (Utf8.IsValid(span[..(read - trim)]))
            {
                return true;
            }
        }
        return false;
    }
}
