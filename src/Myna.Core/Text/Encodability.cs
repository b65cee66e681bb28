using System.Globalization;
using System.Text;

namespace Myna.Core.Text;

/// <summary>
/// Whether text can be written in a file's encoding, found before the file is written: a name
/// with 𠮷 cannot go into CP932 (Shift_JIS), and the clerk needs the row and the column to fix it,
/// not a half-written file.
/// </summary>
public static class Encodability
{
    /// <summary>The index of the first character <paramref name="encoding"/> cannot represent, or null. The encoding must throw on fallback.</summary>
    public static int? FirstUnencodable(Encoding encoding, string value)
    {
        try
        {
            encoding.GetByteCount(value);
            return null;
        }
        catch (EncoderFallbackException e)
        {
            return Math.Max(0, e.Index);
        }
    }

    /// <summary>"U+20BB7" for the character (or surrogate pair) at <paramref name="index"/>.</summary>
    public static string CodePointAt(string value, int index)
    {
        if (char.IsLowSurrogate(value[index]) && index > 0 && char.IsHighSurrogate(value[index - 1]))
        {
            index--;
        }
        var code = char.IsHighSurrogate(value[index]) && index + 1 < value.Length && char.IsLowSurrogate(value[index + 1])
            ? char.ConvertToUtf32(value[index], value[index + 1])
            : value[index];
        return "U+" + code.ToString("X4", CultureInfo.InvariantCulture);
    }
}

/// <summary>A field an export cannot write in the chosen encoding: <see cref="Row"/> counts data rows from 1 (the header is not a row).</summary>
public sealed class ExportEncodingException(long row, string column, string message) : InvalidOperationException(message)
{
    public long Row { get; } = row;
    public string Column { get; } = column;
}
