using System.Security.Cryptography;
using Myna.Core.Identifiers;

namespace Myna.Core.Issuance;

/// <summary>
/// The issuance notice's number (交付通知書番号, DOMAIN §6.2) [project format]: 11 random digits
/// and a Luhn check digit, printed 4-4-4 and as a QR code, so a mistyped or misread number is caught.
/// </summary>
public static class NoticeNumber
{
    public const int Length = 12;

    public static string New()
    {
        Span<char> digits = stackalloc char[Length];
        for (var i = 0; i < Length - 1; i++)
        {
            digits[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        }
        digits[^1] = CheckDigits.Luhn(digits[..^1]);
        return new string(digits);
    }

    /// <summary>The number in a typed or scanned value (hyphens and spaces ignored), or null when it is not a valid notice number.</summary>
    public static string? Parse(string? input)
    {
        var digits = new string((input ?? "").Where(ch => ch is not ('-' or ' ' or '\u3000')).ToArray());
        return digits.Length == Length && digits.All(char.IsAsciiDigit) && CheckDigits.Luhn(digits.AsSpan(0, Length - 1)) == digits[^1] ? digits : null;
    }
}
