using System.Text.RegularExpressions;

namespace Myna.Core.Text.Messages;

/// <summary>
/// What every entry of the catalogue (and every page word) must satisfy, so a missing or untranslated text is
/// found by a test rather than by a resident: both languages present, the Japanese written in Japanese, the
/// English free of Japanese except where Japanese is quoted or given as a gloss or example, the same
/// placeholders in both, and a well-formed code.
/// </summary>
public static partial class CatalogueRules
{
    /// <summary>A catalogue code: lowercase segments of letters, digits and hyphens, joined by dots (e.g. <c>date.era.unknown</c>).</summary>
    public static bool IsWellFormedCode(string code) => CodePattern().IsMatch(code);

    /// <summary>
    /// What is wrong with one entry, in plain words for the test's failure message; empty when nothing is.
    /// <paramref name="showsOtherLanguage"/> is the explicit allowance for a text written in the other language on purpose
    /// (the language switch names the language it switches to in that language's words). A text made only of
    /// placeholders and punctuation (e.g. <c>{0}: {1}</c>) needs no Japanese.
    /// </summary>
    public static IReadOnlyList<string> Problems(string code, string ja, string en, bool showsOtherLanguage = false)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(ja))
        {
            problems.Add($"{code}: the Japanese text is empty");
        }
        else if (!HasJapanese(ja) && !showsOtherLanguage && !IsFormatOnly(ja))
        {
            problems.Add($"{code}: the Japanese text \"{ja}\" contains no Japanese");
        }
        if (string.IsNullOrWhiteSpace(en))
        {
            problems.Add($"{code}: the English text is empty");
        }
        else if (!showsOtherLanguage && HasJapanese(WithoutAllowedJapanese(en)))
        {
            problems.Add($"{code}: the English text \"{en}\" contains Japanese outside quotes, parentheses or examples");
        }
        var jaHoles = Placeholders(ja);
        var enHoles = Placeholders(en);
        if (!jaHoles.SetEquals(enHoles))
        {
            problems.Add($"{code}: the placeholders differ (Japanese {{{string.Join("},{", jaHoles.Order())}}}, English {{{string.Join("},{", enHoles.Order())}}})");
        }
        return problems;
    }

    private static bool IsFormatOnly(string text) => !PlaceholderPattern().Replace(text, "").Any(char.IsLetter);

    /// <summary>Kana, kanji (including the compatibility and extension blocks), the iteration mark and the long vowel mark.</summary>
    public static bool HasJapanese(string text) => JapanesePattern().IsMatch(text);

    /// <summary>
    /// The English text with the places where Japanese belongs taken out: quoted text (“…”, "…", ‘…’, 「…」, 『…』),
    /// a gloss in parentheses (e.g. "the inquiry reply (照会回答書)"), and examples introduced by "e.g." or "such as".
    /// </summary>
    public static string WithoutAllowedJapanese(string en) => AllowedJapanesePattern().Replace(en, " ");

    private static HashSet<string> Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)+$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"[\u3000-\u303F\u3040-\u30FF\uFF01-\uFF0F\uFF1A-\uFF20\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF66-\uFF9F]|[\uD840-\uD87F][\uDC00-\uDFFF]")]
    private static partial Regex JapanesePattern();

    [GeneratedRegex(@"“[^”]*”|""[^""]*""|‘[^’]*’|「[^」]*」|『[^』]*』|\([^)]*\)|（[^）]*）|\b(e\.g\.|such as)[^.;]*")]
    private static partial Regex AllowedJapanesePattern();

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex PlaceholderPattern();
}
