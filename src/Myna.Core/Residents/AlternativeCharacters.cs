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
        var bits = Jis0208.Value;
        if (text.All(c => bits[c]))
        {
            return (null, null); // the common case, without splitting into text elements
        }
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
    /// The flags read back as words (DOMAIN §2): each flag is one character of the registered text, in order — 1 where the
    /// character is outside JIS X 0208 and the certificate carries a stand-in, 0 where it is written as registered. Returns
    /// the substituted characters with their 1-based position; 〓 as a stand-in means none is chosen yet.
    /// </summary>
    public static IReadOnlyList<Substitution> Explain(string registered, string? flags, string? substitute)
    {
        if (string.IsNullOrEmpty(flags) || substitute is null)
        {
            return [];
        }
        var originals = Elements(registered);
        var stand = Elements(substitute);
        var result = new List<Substitution>();
        for (var i = 0; i < flags.Length && i < originals.Count && i < stand.Count; i++)
        {
            if (flags[i] == '1')
            {
                result.Add(new Substitution(i + 1, originals[i], stand[i]));
            }
        }
        return result;
    }

    private static List<string> Elements(string text)
    {
        var list = new List<string>();
        var e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext())
        {
            list.Add((string)e.Current);
        }
        return list;
    }

    /// <summary>
    /// CP932 is JIS X 0208 plus vendor rows: row 13 (lead byte 0x87) and the IBM extensions
    /// (0xED–0xEE, 0xFA–0xFC) are not JIS X 0208, so a round trip alone is not enough. The
    /// answer for every BMP character is computed once into a bitmap (8 KiB); characters outside
    /// the BMP are never in JIS X 0208.
    /// </summary>
    public static bool IsInJisX0208(string element) =>
        element.Length == 1 && Jis0208.Value[element[0]];

    private static readonly Lazy<System.Collections.BitArray> Jis0208 = new(() =>
    {
        var bits = new System.Collections.BitArray(65536);
        Span<char> one = stackalloc char[1];
        Span<byte> bytes = stackalloc byte[8];
        Span<char> back = stackalloc char[2];
        for (var c = 0; c < 65536; c++)
        {
            if (c is >= 0xD800 and <= 0xDFFF)
            {
                continue; // surrogate halves are not characters
            }
            one[0] = (char)c;
            int length;
            try
            {
                length = Cp932.GetBytes(one, bytes);
            }
            catch (EncoderFallbackException)
            {
                continue;
            }
            bits[c] = length switch
            {
                1 => true, // JIS X 0201 (ASCII, half-width katakana): no substitute needed
                2 => bytes[0] is not (0x87 or 0xED or 0xEE or 0xFA or 0xFB or 0xFC)
                    && Cp932.GetChars(bytes[..2], back) == 1 && back[0] == c,
                _ => false,
            };
        }
        return bits;
    });
}

/// <summary>One character the certificate writes with a stand-in: its 1-based position in the registered text.</summary>
public sealed record Substitution(int Position, string Registered, string StandIn)
{
    /// <summary>〓 (geta): no stand-in is chosen yet; the register office chooses one by hand.</summary>
    public bool Undecided => StandIn == "〓";
}
