using System.Globalization;

namespace Myna.Core.Identifiers;

/// <summary>
/// Collation number B (照合番号B, DOMAIN §1.6): 14 digits = birth date YYMMDD + the card's expiry
/// year YYYY + the card's 4-digit security code. It unlocks the card-face application (§7.7), so
/// it is treated like a password: <see cref="ToString"/> is masked and messages never quote it.
/// It has no check digit; whether it is right is for the card to decide, so <see cref="Parse"/>
/// checks only the shape. <c>default(CollationNumberB)</c> holds no number.
/// </summary>
public readonly struct CollationNumberB : IEquatable<CollationNumberB>
{
    public const int DigitCount = 14;
    public const int SecurityCodeDigitCount = 4;

    private static readonly IdentifierRule Rule = new(IdentifierMessages.CollationNumberB, DigitCount, sensitive: true);

    private readonly string? _value;

    private CollationNumberB(string value) => _value = value;

    /// <summary>The 14 ASCII digits. Secret: only for the card (DOMAIN §7.7).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>
    /// Builds the number from the card holder's birth date, the card's expiry year (4 digits, not
    /// before the birth year) and its 4-digit security code. Throws <see cref="ArgumentException"/>
    /// without quoting the values.
    /// </summary>
    public static CollationNumberB Create(DateOnly birthDate, int expiryYear, string securityCode)
    {
        ArgumentNullException.ThrowIfNull(securityCode);
        if (expiryYear < birthDate.Year || expiryYear > 9999)
        {
            throw new ArgumentOutOfRangeException(
                nameof(expiryYear), "the card's expiry year has 4 digits and is not before the birth year");
        }

        if (securityCode.Length != SecurityCodeDigitCount || !IdentifierInput.IsAsciiDigits(securityCode))
        {
            throw new ArgumentException("a card's security code has exactly 4 ASCII digits", nameof(securityCode));
        }

        string value = string.Concat(
            birthDate.ToString("yyMMdd", CultureInfo.InvariantCulture),
            expiryYear.ToString("D4", CultureInfo.InvariantCulture),
            securityCode);
        return new CollationNumberB(value);
    }

    /// <summary>Normalizes (full-width digits, spaces, hyphens) and checks for 14 digits; throws <see cref="IdentifierFormatException"/>.</summary>
    public static CollationNumberB Parse(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return TryParse(input, out var value, out var problem) ? value : throw new IdentifierFormatException(problem);
    }

    public static bool TryParse(string? input, out CollationNumberB value, out IdentifierProblem problem)
    {
        value = default;
        if (!Rule.TryShape(input, out string digits, out problem))
        {
            return false;
        }

        value = new CollationNumberB(digits);
        return true;
    }

    /// <summary>Fourteen asterisks: never the digits.</summary>
    public override string ToString() => _value is null ? string.Empty : new string('*', DigitCount);

    public bool Equals(CollationNumberB other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is CollationNumberB other && Equals(other);

    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    public static bool operator ==(CollationNumberB left, CollationNumberB right) => left.Equals(right);

    public static bool operator !=(CollationNumberB left, CollationNumberB right) => !left.Equals(right);
}
