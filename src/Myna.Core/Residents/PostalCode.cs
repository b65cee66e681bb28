using Myna.Core.Identifiers;

namespace Myna.Core.Residents;

/// <summary>Japanese postal codes (郵便番号): 7 digits, stored as <c>NNN-NNNN</c>.</summary>
public static class PostalCode
{
    public const string Rule = "must be 7 digits (e.g. 986-8501)";

    /// <summary>Full-width digits and hyphens accepted; null when the input is not 7 digits.</summary>
    public static string? Normalize(string input)
    {
        var digits = IdentifierInput.Normalize(input);
        return digits.Length == 7 && digits.All(char.IsAsciiDigit) ? $"{digits[..3]}-{digits[3..]}" : null;
    }
}
