using System.Text;
using Myna.Core.Residents;

namespace Myna.Core.SupportMeasures;

/// <summary>How sure the check is that a person on a request is a recorded offender.</summary>
internal enum OffenderMatch
{
    None,
    /// <summary>The name or reading matches and no birth date tells them apart (one side does not know it).</summary>
    Possible,
    /// <summary>The name or reading matches and so does the birth date.</summary>
    Certain,
}

/// <summary>
/// Compares what a request says about a person with what a measure knows about its offenders
/// (DOMAIN §9). Names and readings are compared after folding width, spaces, hiragana/katakana,
/// middle dots and Latin case, so 「ﾔﾏﾀﾞ ﾀﾛｳ」, 「やまだたろう」 and 「ヤマダ　タロウ」 are one reading.
/// A name may also be compared with a reading, for names recorded only in kana. Variant kanji
/// (髙/高, 﨑/崎) are not folded: the officer records the reading, which catches them.
/// </summary>
internal static class SupportMeasureCheckMatching
{
    public static OffenderMatch Match(RequesterIdentity? person, OffenderFacts offender)
    {
        if (person is null)
        {
            return OffenderMatch.None;
        }
        string[] theirs = [Fold(person.Name), Fold(person.NameReading)];
        string[] known = [Fold(offender.Name), Fold(offender.NameReading)];
        var named = theirs.Any(t => t.Length > 0 && known.Contains(t, StringComparer.Ordinal));
        if (!named)
        {
            return OffenderMatch.None;
        }
        if (person.BirthDate is { } born && offender.BirthDate is { } offenderBorn)
        {
            // Both known: a different birth date is a different person with the same name.
            return born == offenderBorn ? OffenderMatch.Certain : OffenderMatch.None;
        }
        return OffenderMatch.Possible;
    }

    /// <summary>Both addresses known and the same after folding width, spaces, hyphens and 丁目/番地/番/号.</summary>
    public static bool SameAddress(RequesterIdentity? person, OffenderFacts offender)
    {
        var theirs = FoldAddress(person?.Address);
        return theirs.Length > 0 && theirs == FoldAddress(offender.Address);
    }

    internal static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        var kana = ResidentSearch.NormalizeKana(text);
        var sb = new StringBuilder(kana.Length);
        foreach (var c in kana)
        {
            // Separators inside foreign names (ジョン・スミス, JOHN=SMITH) carry no identity.
            if (c is not ('・' or '=' or '-' or ',' or '.'))
            {
                sb.Append(char.ToUpperInvariant(c));
            }
        }
        return sb.ToString();
    }

    internal static string FoldAddress(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        var folded = text.Normalize(NormalizationForm.FormKC)
            .Replace("丁目", "-", StringComparison.Ordinal).Replace("番地", "-", StringComparison.Ordinal)
            .Replace("番", "-", StringComparison.Ordinal).Replace("号", "", StringComparison.Ordinal);
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }
            // ‐ ‑ ‒ – — ― − ー between digits all write the same hyphen in an address.
            sb.Append(c is '‐' or '‑' or '‒' or '–' or '—' or '―' or '−' or 'ー' ? '-' : char.ToUpperInvariant(c));
        }
        return sb.ToString().TrimEnd('-');
    }
}
