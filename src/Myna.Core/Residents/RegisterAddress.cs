namespace Myna.Core.Residents;

/// <summary>
/// The one way an address is written out of its register parts (DOMAIN §2), wherever a person or a
/// relying party reads it: the resident pages, the letters and envelopes, the chip's four information
/// and the signature certificate's address (§7.2, otherName <c>1.2.392.200149.8.5.5.5</c>). Prefecture,
/// municipality, town and block run together as the register writes them; the building, when there is
/// one, follows an ideographic space (U+3000), the register's own separator, as the name's family and
/// given names are separated (§7.2). Never an ASCII space: that is not a JIS X 0208 character of the
/// register and would differ from the address a verifier compares with.
/// </summary>
public static class RegisterAddress
{
    public const char Separator = '\u3000';

    public static string Join(string prefecture, string city, string town, string block, string? building) =>
        string.IsNullOrWhiteSpace(building)
            ? string.Concat(prefecture, city, town, block)
            : string.Concat(prefecture, city, town, block) + Separator + building.Trim();

    /// <summary>
    /// Whether an address read from a card matches the register's: equal, or equal once the ASCII space that cards made
    /// before the separator was corrected put before the building is read as the register's separator — such a card in
    /// the safe is not a different person's card and must not be held back at setup (§6.1).
    /// </summary>
    public static bool SameAs(string register, string onCard) =>
        string.Equals(register, onCard, StringComparison.Ordinal)
        || string.Equals(register, onCard.Replace(' ', Separator), StringComparison.Ordinal);
}
