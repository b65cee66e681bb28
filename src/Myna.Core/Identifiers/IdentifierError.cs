namespace Myna.Core.Identifiers;

/// <summary>
/// The rule an identifier input broke (DOMAIN §1.3 "report which rule failed").
/// Checked in this order, so the first broken rule is the one reported.
/// </summary>
public enum IdentifierError
{
    /// <summary>Nothing was entered once spaces and hyphens are removed.</summary>
    Empty,

    /// <summary>The input has the wrong number of digits.</summary>
    Length,

    /// <summary>The input contains a character that is not a digit.</summary>
    NonDigit,

    /// <summary>The check digit (or an embedded code's check digit) does not match.</summary>
    CheckDigit,
}
