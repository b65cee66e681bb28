using System.Text;

namespace Myna.Core.Text;

/// <summary>
/// What residents type on the public pages and their API, cleaned once in one way (DOMAIN §1.3 "Parsing user input"):
/// an input method's full-width digits, letters, hyphens and spaces are the same characters as their ASCII forms.
/// Number-like fields (notice numbers, application IDs, receipt numbers) are NFKC-normalised and lose their spaces
/// and hyphens; contact fields are NFKC-normalised and trimmed; names keep their characters (NFKC would change some
/// kanji) and only lose surrounding spaces. Anything else stays, so a validator can still say what is wrong.
/// </summary>
public static class PublicInput
{
    /// <summary>"１２３４－５６７８ ９０１２" → "123456789012": NFKC, then spaces and hyphen-like characters dropped.</summary>
    public static string Number(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return "";
        }
        var text = input.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && !IsHyphen(c))
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>An e-mail address or a phone number: NFKC (ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ, ０２２５－９５－１１１１), hyphen-likes as '-', no spaces; null when blank.</summary>
    public static string? Contact(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }
        var text = input.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(IsHyphen(c) ? '-' : c);
            }
        }
        return builder.ToString();
    }

    /// <summary>A name as written, without surrounding spaces (full-width ones included); null when blank.</summary>
    public static string? Name(string? input) => string.IsNullOrWhiteSpace(input) ? null : input.Trim();

    /// <summary>The dash-like characters an input method or a copied letter produces (ー, －, ‐, −, …); NFKC has already made '－' into '-'.</summary>
    private static bool IsHyphen(char c) => c is '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' or '\u30FC' or '\uFF70';
}
