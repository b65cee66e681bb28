namespace Myna.Core.Identifiers;

/// <summary>
/// The check-digit algorithms of DOMAIN §1, each in one place. Callers pass ASCII digits only.
/// </summary>
internal static class CheckDigits
{
    /// <summary>
    /// DOMAIN §1.3 (individual number, 11-digit body) and §1.2 (resident code, 10-digit body):
    /// Pn is the n-th digit from the lowest, Qn = n+1 for n ≤ 6 and n−5 for n ≥ 7,
    /// check = 11 − (Σ Pn×Qn mod 11), or 0 when the remainder is 0 or 1.
    /// The resident code's official formula is not public (§1.2), which is why both share this.
    /// </summary>
    public static char Mod11(ReadOnlySpan<char> body)
    {
        int sum = 0;
        for (int n = 1; n <= body.Length; n++)
        {
            int p = body[body.Length - n] - '0';
            int q = n <= 6 ? n + 1 : n - 5;
            sum += p * q;
        }

        int remainder = sum % 11;
        return remainder <= 1 ? '0' : (char)('0' + (11 - remainder));
    }

    /// <summary>
    /// DOMAIN §1.1: weights 6,5,4,3,2 from the first digit; check = last digit of 11 − (Σ mod 11).
    /// </summary>
    public static char Municipality(ReadOnlySpan<char> body5)
    {
        int sum = 0;
        for (int i = 0; i < 5; i++)
        {
            sum += (body5[i] - '0') * (6 - i);
        }

        return (char)('0' + ((11 - (sum % 11)) % 10));
    }

    /// <summary>
    /// DOMAIN §1.4: Pn from the lowest digit of the 12-digit base, Qn = 1 for odd n and 2 for
    /// even n; check = 9 − (Σ Pn×Qn mod 9).
    /// </summary>
    public static char Corporate(ReadOnlySpan<char> base12)
    {
        int sum = 0;
        for (int n = 1; n <= 12; n++)
        {
            int p = base12[12 - n] - '0';
            sum += p * (n % 2 == 1 ? 1 : 2);
        }

        return (char)('0' + (9 - (sum % 9)));
    }

    /// <summary>
    /// Luhn check digit for the payload (DOMAIN §1.5): doubles every second digit starting with
    /// the payload's last one, so the appended digit makes the whole string Luhn-valid.
    /// </summary>
    public static char Luhn(ReadOnlySpan<char> payload)
    {
        int sum = 0;
        bool doubled = true;
        for (int i = payload.Length - 1; i >= 0; i--)
        {
            int d = payload[i] - '0';
            if (doubled)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubled = !doubled;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }
}
