using System.Globalization;
using System.Text;

namespace Myna.Core.Residents;

/// <summary>
/// Finds characters outside JIS X 0208 in a name or address (DOMAIN §2): the signature
/// certificate carries an alternative character (代替文字) for each, with 0/1 position flags.
/// </summary>
public static class AlternativeCharacters
{
    private static readonly Encoding Cp932 = CreateCp932();

    // Common 異体字 and their JIS X 0208 stand-ins; anything else is substituted by 〓 (geta),
    // which the register office then replaces by hand.
    private static readonly Dictionary<string, string> Substitutes = new(StringComparer.Ordinal)
    {
        ["髙"] = "高",
        ["﨑"] = "崎",
        ["德"] = "徳",
        ["瀨"] = "瀬",
        ["𠮷"] = "吉",
        ["濵"] = "浜",
        ["栁"] = "柳",
        ["邉"] = "辺",
        ["邊"] = "辺",
        ["琦"] = "埼",
    };

    private static Encoding CreateCp932()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    /// <summary>
    /// Returns the 0/1 flags per text element and the substituted text, or (null, null) when
    /// every character is inside JIS X 0208 (or JIS X 0201).
    /// </summary>
    public static (string? Flags, string? Substitute) Analyse(string text)
    {
        StringBuilder? flags = null;
        StringBuilder? substitute = null;
        var index = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        var position = 0;
        while (elements.MoveNext())
        {
            var element = (string)elements.Current;
            if (!IsInJisX0208(element))
            {
                if (flags is null)
                {
                    flags = new StringBuilder(new string('0', position));
                    substitute = new StringBuilder(text[..index]);
                }
                flags.Append('1');
                substitute!.Append(Substitutes.TryGetValue(element, out var s) ? s : "〓");
            }
            else
            {
                flags?.Append('0');
                substitute?.Append(element);
            }
            index += element.Length;
            position++;
        }
        return (flags?.ToString(), substitute?.ToString());
    }

    /// <summary>
    /// CP932 is JIS X 0208 plus vendor rows: row 13 (lead byte 0x87) and the IBM extensions
    /// (0xED–0xEE, 0xFA–0xFC) are not JIS X 0208, so a round trip alone is not enough.
    /// </summary>
    public static bool IsInJisX0208(string element)
    {
        byte[] bytes;
        try
        {
            bytes = Cp932.GetBytes(element);
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
        if (bytes.Length == 1)
        {
            return true;
        }
        if (bytes.Length != 2 || !string.Equals(Cp932.GetString(bytes), element, StringComparison.Ordinal))
        {
            return false;
        }
        return bytes[0] is not (0x87 or 0xED or 0xEE or 0xFA or 0xFB or 0xFC);
    }
}
