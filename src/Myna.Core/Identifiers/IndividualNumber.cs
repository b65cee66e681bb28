namespace Myna.Core.Identifiers;

/// <summary>
/// An individual number (個人番号, DOMAIN §1.3): 11-digit body + mod-11 check digit.
/// <see cref="ToString"/> returns the masked form, so the number cannot leak into logs or
/// messages by interpolation (DOMAIN §12); <see cref="Value"/> and <see cref="FormatFull"/> are
/// for the places that have a registered purpose to show it.
/// <c>default(IndividualNumber)</c> holds no number: its <see cref="Value"/> is empty.
/// </summary>
public readonly struct IndividualNumber : IEquatable<IndividualNumber>
{
    public const int DigitCount = 12;
    public const int BodyDigitCount = 11;

    private static readonly IdentifierRule Rule = new(IdentifierMessages.IndividualNumber, DigitCount, sensitive: true);

    private readonly string? _value;

    private IndividualNumber(string value) => _value = value;

    /// <summary>The 12 ASCII digits. Sensitive: show only with a registered purpose (DOMAIN §12).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>The last 4 digits, the part DOMAIN §1.3 allows to be shown by default.</summary>
    public string Last4 => _value is null ? string.Empty : _value[^4..];

    /// <summary>"********9018": eight asterisks and the last 4 digits (DOMAIN §1.3 "Display").</summary>
    public string Masked => _value is null ? string.Empty : string.Concat("********", _value.AsSpan(8));

    /// <summary>Normalizes (full-width digits, spaces, hyphens) and validates; throws <see cref="IdentifierFormatException"/>.</summary>
    public static IndividualNumber Parse(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return TryParse(input, out var value, out var problem) ? value : throw new IdentifierFormatException(problem);
    }

    /// <summary>
    /// Normalizes and validates. The problem's message never contains the input or its digits.
    /// </summary>
    public static bool TryParse(string? input, out IndividualNumber value, out IdentifierProblem problem)
    {
        value = default;
        if (!Rule.TryShape(input, out string digits, out problem))
        {
            return false;
        }

        char expected = CheckDigits.Mod11(digits.AsSpan(0, BodyDigitCount));
        if (digits[BodyDigitCount] != expected)
        {
            problem = Rule.CheckDigitMismatch(expected);
            return false;
        }

        value = new IndividualNumber(digits);
        return true;
    }

    /// <summary>The check digit for an 11-digit body; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static char ComputeCheckDigit(ReadOnlySpan<char> body11)
    {
        Rule.RequireBody(body11, BodyDigitCount, "body", nameof(body11));
        return CheckDigits.Mod11(body11);
    }

    /// <summary>
    /// Appends the check digit to an 11-digit body, e.g. the FF1 output of numbering (DOMAIN §1.3).
    /// Throws <see cref="ArgumentException"/> (without quoting the digits) unless the body is 11 ASCII digits.
    /// </summary>
    public static IndividualNumber FromBody(ReadOnlySpan<char> body11)
    {
        char check = ComputeCheckDigit(body11);
        Span<char> digits = stackalloc char[DigitCount];
        body11.CopyTo(digits);
        digits[BodyDigitCount] = check;
        return new IndividualNumber(new string(digits));
    }

    /// <summary>"1234 5678 9018": the full number in groups of 4. Only for a registered purpose (DOMAIN §12).</summary>
    public string FormatFull()
    {
        if (_value is null)
        {
            return string.Empty;
        }

        Span<char> text = stackalloc char[DigitCount + 2];
        _value.AsSpan(0, 4).CopyTo(text);
        text[4] = ' ';
        _value.AsSpan(4, 4).CopyTo(text[5..]);
        text[9] = ' ';
        _value.AsSpan(8, 4).CopyTo(text[10..]);
        return new string(text);
    }

    /// <summary>The masked form (<see cref="Masked"/>), never the digits.</summary>
    public override string ToString() => Masked;

    public bool Equals(IndividualNumber other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is IndividualNumber other && Equals(other);

    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    public static bool operator ==(IndividualNumber left, IndividualNumber right) => left.Equals(right);

    public static bool operator !=(IndividualNumber left, IndividualNumber right) => !left.Equals(right);
}
