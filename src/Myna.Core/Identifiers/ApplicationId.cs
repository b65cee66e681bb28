using System.Security.Cryptography;

namespace Myna.Core.Identifiers;

/// <summary>
/// An application ID (申請書ID, DOMAIN §1.5): 23 digits = the municipality code (6) + 16 random
/// digits + a Luhn check digit over the first 22. Opaque to residents and unrelated to the
/// individual number. <c>default(ApplicationId)</c> holds no ID: its <see cref="Value"/> is empty.
/// </summary>
public readonly struct ApplicationId : IEquatable<ApplicationId>
{
    public const int DigitCount = 23;
    public const int RandomDigitCount = 16;
    private const int PayloadDigitCount = DigitCount - 1;

    private static readonly IdentifierRule Rule = new(IdentifierMessages.ApplicationId, DigitCount, sensitive: false);

    private readonly string? _value;

    private ApplicationId(string value) => _value = value;

    /// <summary>The 23 ASCII digits.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>The municipality that issued the form (the first 6 digits).</summary>
    public MunicipalityCode Municipality => _value is null ? default : MunicipalityCode.FromValidated(_value[..MunicipalityCode.DigitCount]);

    /// <summary>A new ID whose 16 random digits come from the platform CSPRNG (DOMAIN §1.5).</summary>
    public static ApplicationId New(MunicipalityCode municipality)
    {
        RequireMunicipality(municipality);
        Span<char> random = stackalloc char[RandomDigitCount];
        RandomNumberGenerator.GetItems("0123456789", random);
        return Compose(municipality, random);
    }

    /// <summary>
    /// A new ID drawn from <paramref name="random"/>: reproducible demo and test data only; real
    /// forms use <see cref="New(MunicipalityCode)"/>, whose digits cannot be guessed.
    /// </summary>
    public static ApplicationId New(MunicipalityCode municipality, Random random)
    {
        RequireMunicipality(municipality);
        ArgumentNullException.ThrowIfNull(random);
        Span<char> digits = stackalloc char[RandomDigitCount];
        random.GetItems("0123456789", digits);
        return Compose(municipality, digits);
    }

    /// <summary>Normalizes (full-width digits, spaces, hyphens) and validates; throws <see cref="IdentifierFormatException"/>.</summary>
    public static ApplicationId Parse(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return TryParse(input, out var value, out var problem) ? value : throw new IdentifierFormatException(problem);
    }

    /// <summary>
    /// Validates the shape, the Luhn check digit, and then the embedded municipality code, so a
    /// typo anywhere is reported as the check digit and a well-formed but foreign ID as its code.
    /// </summary>
    public static bool TryParse(string? input, out ApplicationId value, out IdentifierProblem problem)
    {
        value = default;
        if (!Rule.TryShape(input, out string digits, out problem))
        {
            return false;
        }

        char expected = CheckDigits.Luhn(digits.AsSpan(0, PayloadDigitCount));
        if (digits[PayloadDigitCount] != expected)
        {
            problem = Rule.CheckDigitMismatch(expected);
            return false;
        }

        char expectedMunicipality = CheckDigits.Municipality(digits.AsSpan(0, MunicipalityCode.BodyDigitCount));
        if (digits[MunicipalityCode.BodyDigitCount] != expectedMunicipality)
        {
            problem = new(IdentifierError.CheckDigit, IdentifierMessages.ApplicationMunicipalityCheckDigit.With(expectedMunicipality));
            return false;
        }

        value = new ApplicationId(digits);
        return true;
    }

    /// <summary>The Luhn check digit for the first 22 digits; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static char ComputeCheckDigit(ReadOnlySpan<char> payload22)
    {
        Rule.RequireBody(payload22, PayloadDigitCount, "payload", nameof(payload22));
        return CheckDigits.Luhn(payload22);
    }

    public override string ToString() => Value;

    public bool Equals(ApplicationId other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is ApplicationId other && Equals(other);

    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    public static bool operator ==(ApplicationId left, ApplicationId right) => left.Equals(right);

    public static bool operator !=(ApplicationId left, ApplicationId right) => !left.Equals(right);

    private static void RequireMunicipality(MunicipalityCode municipality)
    {
        if (municipality.Value.Length == 0)
        {
            throw new ArgumentException("the municipality code is missing (default value)", nameof(municipality));
        }
    }

    private static ApplicationId Compose(MunicipalityCode municipality, ReadOnlySpan<char> random16)
    {
        Span<char> digits = stackalloc char[DigitCount];
        municipality.Value.CopyTo(digits);
        random16.CopyTo(digits[MunicipalityCode.DigitCount..]);
        digits[PayloadDigitCount] = CheckDigits.Luhn(digits[..PayloadDigitCount]);
        return new ApplicationId(new string(digits));
    }
}
