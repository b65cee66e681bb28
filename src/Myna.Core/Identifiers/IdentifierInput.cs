namespace Myna.Core.Identifiers;

/// <summary>
/// Cleans up identifiers as people type or paste them (DOMAIN §1.3 "Parsing user input"):
/// full-width digits become ASCII, and spaces and hyphen-like separators are dropped.
/// </summary>
public static class IdentifierInput
{
    /// <summary>
    /// Converts full-width digits (０-９) to ASCII and removes ASCII spaces, the ideographic space
    /// (U+3000), tabs and hyphen-like characters (- ‐ ‑ – — − － ｰ ー), then trims. Other characters
    /// are kept, so the validator can report them as non-digits.
    /// </summary>
    public static string Normalize(string input)
    {
        ArgumentNullException.ThrowIfNull(input);

        // Most input is already clean: return it without allocating.
        if (IsAsciiDigits(input))
        {
            return input;
        }

        var builder = new System.Text.StringBuilder(input.Length);
        foreach (char c in input)
        {
            if (c is >= '０' and <= '９')
            {
                builder.Append((char)('0' + (c - '０')));
            }
            else if (!IsSeparator(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }

    private static bool IsSeparator(char c) => c switch
    {
        ' ' or '\u3000' or '\t' => true,
        '-' or '\u2010' or '\u2011' or '\u2013' or '\u2014' or '\u2212' or '\uFF0D' or '\uFF70' or '\u30FC' => true,
        _ => false,
    };

    internal static bool IsAsciiDigits(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
