namespace Myna.Core.Identifiers;

/// <summary>
/// A municipality code (地方公共団体コード, DOMAIN §1.1): the 5-digit JIS X 0402 code + a check digit,
/// e.g. 042021 (石巻市), 131024 (中央区). Public: no masking.
/// <c>default(MunicipalityCode)</c> holds no code: its <see cref="Value"/> is empty.
/// </summary>
public readonly struct MunicipalityCode : IEquatable<MunicipalityCode>
{
    public const int DigitCount = 6;
    public const int BodyDigitCount = 5;

    private static readonly IdentifierRule Rule = new(IdentifierMessages.MunicipalityCode, DigitCount, sensitive: false);

    private readonly string? _value;

    private MunicipalityCode(string value) => _value = value;

    /// <summary>The 6 ASCII digits.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Normalizes (full-width digits, spaces, hyphens) and validates; throws <see cref="IdentifierFormatException"/>.</summary>
    public static MunicipalityCode Parse(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return TryParse(input, out var value, out var problem) ? value : throw new IdentifierFormatException(problem);
    }

    public static bool TryParse(string? input, out MunicipalityCode value, out IdentifierProblem problem)
    {
        value = default;
        if (!Rule.TryShape(input, out string digits, out problem))
        {
            return false;
        }

        char expected = CheckDigits.Municipality(digits.AsSpan(0, BodyDigitCount));
        if (digits[BodyDigitCount] != expected)
        {
            problem = Rule.CheckDigitMismatch(expected);
            return false;
        }

        value = new MunicipalityCode(digits);
        return true;
    }

    /// <summary>The check digit for a 5-digit JIS X 0402 code; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static char ComputeCheckDigit(ReadOnlySpan<char> body5)
    {
        Rule.RequireBody(body5, BodyDigitCount, "JIS X 0402 code", nameof(body5));
        return CheckDigits.Municipality(body5);
    }

    /// <summary>Appends the check digit to a 5-digit JIS X 0402 code.</summary>
    public static MunicipalityCode FromBody(ReadOnlySpan<char> body5)
    {
        char check = ComputeCheckDigit(body5);
        Span<char> digits = stackalloc char[DigitCount];
        body5.CopyTo(digits);
        digits[BodyDigitCount] = check;
        return new MunicipalityCode(new string(digits));
    }

    /// <summary>For digits already validated elsewhere (the prefix of a valid application ID).</summary>
    internal static MunicipalityCode FromValidated(string digits) => new(digits);

    public override string ToString() => Value;

    public bool Equals(MunicipalityCode other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is MunicipalityCode other && Equals(other);

    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    public static bool operator ==(MunicipalityCode left, MunicipalityCode right) => left.Equals(right);

    public static bool operator !=(MunicipalityCode left, MunicipalityCode right) => !left.Equals(right);
}
