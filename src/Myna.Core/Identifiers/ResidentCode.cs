using System.Globalization;

namespace Myna.Core.Identifiers;

/// <summary>
/// A resident code (住民票コード, DOMAIN §1.2): 10 random digits + a check digit computed with the
/// individual number's mod-11 scheme (the official formula is not public; see <see cref="CheckDigits.Mod11"/>).
/// <c>default(ResidentCode)</c> holds no code: its <see cref="Value"/> is empty.
/// </summary>
public readonly struct ResidentCode : IEquatable<ResidentCode>
{
    public const int DigitCount = 11;
    public const int BodyDigitCount = 10;

    /// <summary>The largest 10-digit body, inclusive.</summary>
    public const long MaxBody = 9_999_999_999;

    private static readonly IdentifierRule Rule = new(IdentifierMessages.ResidentCode, DigitCount, sensitive: false);

    private readonly string? _value;

    private ResidentCode(string value) => _value = value;

    /// <summary>The 11 ASCII digits.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Normalizes (full-width digits, spaces, hyphens) and validates; throws <see cref="IdentifierFormatException"/>.</summary>
    public static ResidentCode Parse(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return TryParse(input, out var value, out var problem) ? value : throw new IdentifierFormatException(problem);
    }

    public static bool TryParse(string? input, out ResidentCode value, out IdentifierProblem problem)
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

        value = new ResidentCode(digits);
        return true;
    }

    /// <summary>The check digit for a 10-digit body; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static char ComputeCheckDigit(ReadOnlySpan<char> body10)
    {
        Rule.RequireBody(body10, BodyDigitCount, "body", nameof(body10));
        return CheckDigits.Mod11(body10);
    }

    /// <summary>Appends the check digit to a 10-digit body given as ASCII digits.</summary>
    public static ResidentCode FromBody(ReadOnlySpan<char> body10)
    {
        char check = ComputeCheckDigit(body10);
        Span<char> digits = stackalloc char[DigitCount];
        body10.CopyTo(digits);
        digits[BodyDigitCount] = check;
        return new ResidentCode(new string(digits));
    }

    /// <summary>
    /// Appends the check digit to a body given as a number, zero-padded to 10 digits; the body must
    /// be in [0, <see cref="MaxBody"/>] (both inclusive), as drawn by the register at assignment.
    /// </summary>
    public static ResidentCode FromBody(long body10)
    {
        if (body10 is < 0 or > MaxBody)
        {
            throw new ArgumentOutOfRangeException(nameof(body10), "a resident code body is between 0 and 9,999,999,999");
        }

        Span<char> body = stackalloc char[BodyDigitCount];
        body10.TryFormat(body, out _, "D10", CultureInfo.InvariantCulture);
        return FromBody(body);
    }

    public override string ToString() => Value;

    public bool Equals(ResidentCode other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is ResidentCode other && Equals(other);

    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    public static bool operator ==(ResidentCode left, ResidentCode right) => left.Equals(right);

    public static bool operator !=(ResidentCode left, ResidentCode right) => !left.Equals(right);
}
