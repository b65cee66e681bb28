using Myna.Core.Text.Messages;

namespace Myna.Core.Text;

/// <summary>Why a field's text is refused by <see cref="FieldLimits"/> or a page is out of range (DOMAIN §12); never quotes the value.</summary>
[MessageCatalogue]
public static class FieldLimitMessages
{
    public static readonly MessageText TooLong = new("text-limit.too-long", "{0}が長すぎます（{1}文字まで）。", "{0} is longer than {1} characters");
    public static readonly MessageText InvalidCharacter = new("text-limit.invalid-character",
        "{0}の{1}文字目に使えない文字（制御文字または壊れた文字）があります。", "{0} has a control character or a broken surrogate at position {1}");
    public static readonly MessageText PageOutOfRange = new("text-limit.page", "{0}は1から{1}までです。", "{0} is between 1 and {1}");
}
