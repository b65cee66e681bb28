namespace Myna.Core.Identifiers;

/// <summary>
/// A corporate number (法人番号, DOMAIN §1.4): 13 digits with the check digit FIRST, followed by
/// the 12-digit base. Public: no masking.
/// <c>default(CorporateNumber)</c> holds no number: its <see cref="Value"/> is empty.
/// </summary>
public readonly struct CorporateNumber : IEquatable<CorporateNumber>
{
    public const int DigitCount = 13;
    public const int BaseDigitCount = 12;

    private static readonly IdentifierRule Rule = new(IdentifierMessages.CorporateNumber, DigitCount, sensitive: false);

    private readonly string? _value;

    private CorporateNumber(string value) => _value = value;

    /// <summary>The 13 ASCII digits, check digit first.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Normalizes (full-width digits, spaces, hyphens) and validates; throws <see cref="IdentifierFormatException"/>.</summary>
    public static CorporateNumber Parse(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return TryParse(input, out var value, out var problem) ? value : throw new IdentifierFormatException(problem);
    }

    public static bool TryParse(string? input, out CorporateNumber value, out IdentifierProblem problem)
    {
        value = default;
        if (!Rule.TryShape(input, out string digits, out problem))
        {
            return false;
        }

        char expected = CheckDigits.Corporate(digits.AsSpan(1));
        if (digits[0] != expected)
        {
            problem = Rule.CheckDigitMismatch(expected);
            return false;
        }

        value = new CorporateNumber(digits);
        return true;
    }

    /// <summary>The check digit (1–9) for a 12-digit base; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static char ComputeCheckDigit(ReadOnlySpan<char> base12)
    {
        Rule.RequireBody(base12, BaseDigitCount, "base", nameof(base12));
        return CheckDigits.Corporate(base12);
    }

    /// <summary>Puts the check digit in front of a 12-digit base.</summary>
    public static CorporateNumber FromBase(ReadOnlySpan<char> base12)
    {
        char check = ComputeCheckDigit(base12);
        Span<char> digits = stackalloc char[DigitCount];
        digits[0] = check;
        base12.CopyTo(digits[1..]);
        return new CorporateNumber(new string(digits));
    }

    public override string ToString() => Value;

    public bool Equals(CorporateNumber other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is CorporateNumber other && Equals(other);

    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    public static bool operator ==(CorporateNumber left, CorporateNumber right) => left.Equals(right);

    public static bool operator !=(CorporateNumber left, CorporateNumber right) => !left.Equals(right);
}
