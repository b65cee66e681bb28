using System.Text;

namespace Myna.Core.Notices;

/// <summary>Where a letter goes: the kind of place, its postal code and address as printed on the envelope.</summary>
public readonly record struct LetterDestination(DeliveryKind Kind, string? PostalCode, string Address);

/// <summary>
/// The one rule for the address on an envelope or a letter (DOMAIN §3.2, §9). The place is chosen as §3.2 says
/// (a registered residence or proxy first, then the register), and for a person whose address is withheld it is
/// checked once more: a letter about a protected person is never addressed to an offender's address, nor to an
/// address the person left (the register's address after a move-out, an address before a move within the
/// municipality) — such a letter waits at the office instead. Every caller that prints an address on mail goes
/// through <see cref="Choose"/>, so no path can skip the check.
/// </summary>
public static class LetterAddress
{
    /// <param name="wanted">The place §3.2 chooses for this person.</param>
    /// <param name="withheld">The person's address is withheld by a support measure (§9).</param>
    /// <param name="forbidden">Offenders' addresses and the addresses the person left; checked only when withheld.</param>
    /// <param name="officeAddress">Where a held letter waits (留め置き).</param>
    public static LetterDestination Choose(LetterDestination wanted, bool withheld, IEnumerable<string> forbidden, string officeAddress)
    {
        if (wanted.Kind == DeliveryKind.HeldAtOffice)
        {
            return new LetterDestination(DeliveryKind.HeldAtOffice, null, officeAddress);
        }
        if (withheld && forbidden.Any(f => SamePlace(wanted.Address, f)))
        {
            return new LetterDestination(DeliveryKind.HeldAtOffice, null, officeAddress);
        }
        return wanted;
    }

    /// <summary>
    /// Two written addresses name the same place: equal once width, spaces and dash forms are folded, or one is the
    /// other with a building or room added (an offender's address is often known only to the block).
    /// </summary>
    public static bool SamePlace(string a, string b)
    {
        var x = Fold(a);
        var y = Fold(b);
        if (x.Length == 0 || y.Length == 0)
        {
            return false;
        }
        return x == y || (x.StartsWith(y, StringComparison.Ordinal) && !char.IsAsciiDigit(x[y.Length]))
            || (y.StartsWith(x, StringComparison.Ordinal) && !char.IsAsciiDigit(y[x.Length]));
    }

    /// <summary>NFKC (full-width digits become ASCII), no whitespace, every dash form and 丁目/番/番地/号 as one hyphen.</summary>
    public static string Fold(string address)
    {
        var text = address.Normalize(NormalizationForm.FormKC)
            .Replace("丁目", "-", StringComparison.Ordinal).Replace("番地", "-", StringComparison.Ordinal)
            .Replace("番", "-", StringComparison.Ordinal).Replace("号", "", StringComparison.Ordinal);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }
            var d = c is '‐' or '‑' or '‒' or '–' or '—' or '―' or '−' or 'ー' or 'ｰ' && sb.Length > 0 && char.IsAsciiDigit(sb[^1]) ? '-' : c;
            if (d == '-' && sb.Length > 0 && sb[^1] == '-')
            {
                continue;
            }
            sb.Append(d);
        }
        return sb.ToString().TrimEnd('-');
    }
}
