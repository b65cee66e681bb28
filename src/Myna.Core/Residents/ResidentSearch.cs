using System.Text;

namespace Myna.Core.Residents;

/// <summary>
/// Normalisation shared by the stored search keys and the clerk's query, so that a query typed
/// in hiragana, half-width katakana or with spaces finds the same residents, and a name typed with another form of a
/// character (高橋 for 髙橋, 斉藤 for 齋藤: <see cref="NameVariants"/>) finds the registered one.
/// </summary>
public static class ResidentSearch
{
    /// <summary>An address as the clerk typed it, without spaces: compared with the register's own text, so nothing is folded.</summary>
    public static string NormalizeAddress(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());

    /// <summary>No spaces, 異体字 folded to their search key (DOMAIN §2): the stored key and the query fold alike.</summary>
    public static string NormalizeName(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                sb.Append(c);
            }
        }
        return NameVariants.Fold(sb.ToString());
    }

    /// <summary>Half-width → full-width katakana, hiragana → katakana, no spaces.</summary>
    public static string NormalizeKana(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }
            // Hiragana ぁ..ゖ and ゝゞ sit exactly 0x60 below their katakana.
            sb.Append(c is >= '\u3041' and <= '\u3096' or '\u309D' or '\u309E' ? (char)(c + 0x60) : c);
        }
        return sb.ToString();
    }

    /// <summary>True when the text is written only in kana (after normalisation), so a search should use the reading.</summary>
    public static bool IsKana(string normalized) =>
        normalized.Length > 0 && normalized.All(c => c is (>= '\u30A1' and <= '\u30FA') or '\u30FC' or '\u30FB');
}
