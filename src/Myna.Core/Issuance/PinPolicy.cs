using System.Globalization;
using Myna.Core.Text.Messages;

namespace Myna.Core.Issuance;

/// <summary>
/// The three 4-digit PINs of a card (DOMAIN §6.6): user certificate, input-assist AP and resident-register AP. They
/// may be set to one value (the usual choice, <see cref="Same"/>) or each to its own.
/// </summary>
public sealed record FourDigitPins(string User, string InputAssist, string ResidentRegister)
{
    public static FourDigitPins Same(string pin) => new(pin, pin, pin);

    /// <summary>Each PIN with its kind, the user PIN first (a refusal names the first that fails).</summary>
    public IEnumerable<(PinKind Kind, string Pin)> Each() =>
        [(PinKind.UserAuthentication, User), (PinKind.InputAssist, InputAssist), (PinKind.ResidentRegister, ResidentRegister)];
}

/// <summary>The four PINs of the card (DOMAIN §6.6).</summary>
public enum PinKind
{
    /// <summary>署名用電子証明書: 6–16 of A–Z and 0–9, at least one letter and one digit; 5 tries.</summary>
    Signature,
    /// <summary>利用者証明用電子証明書: 4 digits; 3 tries.</summary>
    UserAuthentication,
    /// <summary>住民基本台帳用: 4 digits; 3 tries.</summary>
    ResidentRegister,
    /// <summary>券面事項入力補助用: 4 digits; 3 tries.</summary>
    InputAssist,
}

/// <summary>Why a PIN is refused (<see cref="Code"/>, stable), with a sentence the resident can act on from the catalogue.</summary>
public sealed record PinRefusal(string Code, MessageText Text)
{
    public string Japanese => Text.Ja;

    public string English => Text.En;
}

/// <summary>The pad's refusals of a PIN (DOMAIN §6.6), in the resident's language.</summary>
[MessageCatalogue]
public static class PinMessages
{
    public static readonly MessageText Mismatch = new("pin-rule.mismatch", "確認のため入力した暗証番号が一致しません。もう一度入力してください。",
        "The two entries differ: enter the PIN again.");
    public static readonly MessageText SignatureFormat = new("pin-rule.signature-format", "署名用の暗証番号は英大文字（A〜Z）と数字を組み合わせた6〜16文字です。",
        "A signature PIN is 6 to 16 characters of letters A–Z and digits.");
    public static readonly MessageText Mix = new("pin-rule.mix", "英字と数字をそれぞれ1文字以上含めてください。", "Use at least one letter and one digit.");
    public static readonly MessageText FourDigits = new("pin-rule.four-digits", "暗証番号は数字4桁です。", "This PIN is 4 digits.");
    public static readonly MessageText Repeated = new("pin-rule.repeated", "同じ文字の繰り返しは使えません。", "A single repeated character is not allowed.");
    public static readonly MessageText Sequence = new("pin-rule.sequence", "連続した並び（1234、9876など）は使えません。", "Runs such as 1234 or 9876 are not allowed.");
    public static readonly MessageText BirthDate = new("pin-rule.birth-date", "生年月日や生まれ年は使えません。", "The birth date or birth year is not allowed.");
    public static readonly MessageText SecurityCode = new("pin-rule.security-code", "カードのセキュリティコードは使えません。", "The card's security code is not allowed.");
}

/// <summary>
/// The PIN rules of DOMAIN §6.6. A PIN is checked at the resident-facing pad before it reaches
/// the chip; the clerk's screen never shows it. Weak PINs are refused: the birth date (MMDD),
/// the birth year, the card's security code, one repeated character, and ascending or descending
/// runs ([project] list).
/// </summary>
public static class PinPolicy
{
    public static int MaxTries(PinKind kind) => kind == PinKind.Signature ? 5 : 3;

    /// <summary>The pad's second entry differs from the first.</summary>
    public static readonly PinRefusal Mismatch = new("mismatch", PinMessages.Mismatch);

    /// <summary>The PIN as the chip stores it (a signature PIN upper-cased), or the refusal.</summary>
    public static (string? Pin, PinRefusal? Refusal) Check(PinKind kind, string? input, DateOnly birthDate, string? securityCode)
    {
        var pin = (input ?? "").Trim();
        if (kind == PinKind.Signature)
        {
            pin = pin.ToUpperInvariant();
            if (pin.Length is < 6 or > 16 || !pin.All(c => c is >= 'A' and <= 'Z' or >= '0' and <= '9'))
            {
                return (null, new PinRefusal("format", PinMessages.SignatureFormat));
            }
            if (!pin.Any(char.IsAsciiLetter) || !pin.Any(char.IsAsciiDigit))
            {
                return (null, new PinRefusal("mix", PinMessages.Mix));
            }
        }
        else if (pin.Length != 4 || !pin.All(char.IsAsciiDigit))
        {
            return (null, new PinRefusal("format", PinMessages.FourDigits));
        }
        return Weakness(pin, birthDate, securityCode) is { } weak ? (null, weak) : (pin, null);
    }

    private static PinRefusal? Weakness(string pin, DateOnly birthDate, string? securityCode)
    {
        if (pin.Distinct().Count() == 1)
        {
            return new PinRefusal("repeated", PinMessages.Repeated);
        }
        if (IsRun(pin, 1) || IsRun(pin, -1))
        {
            return new PinRefusal("sequence", PinMessages.Sequence);
        }
        if (pin == birthDate.ToString("MMdd", CultureInfo.InvariantCulture) || pin == birthDate.ToString("yyyy", CultureInfo.InvariantCulture)
            || pin.Contains(birthDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            return new PinRefusal("birth-date", PinMessages.BirthDate);
        }
        if (securityCode is { Length: > 0 } && pin == securityCode)
        {
            return new PinRefusal("security-code", PinMessages.SecurityCode);
        }
        return null;
    }

    private static bool IsRun(string pin, int step)
    {
        for (var i = 1; i < pin.Length; i++)
        {
            if (pin[i] - pin[i - 1] != step)
            {
                return false;
            }
        }
        return true;
    }
}
