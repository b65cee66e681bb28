using Myna.Core.Text.Messages;

namespace Myna.Core.Calendar;

/// <summary>What the office calendar says to a person (closed days, DOMAIN §6.3).</summary>
[MessageCatalogue]
public static class CalendarMessages
{
    public static readonly MessageText NameRequired = new("calendar.closed.name-required",
        "休業日の名前（理由）を入力してください。", "Give the closed day a name (its reason).");

    public static readonly MessageText NameTooLong = new("calendar.closed.name-too-long",
        "休業日の名前は{0}文字以内で入力してください。", "A closed day's name has at most {0} characters.");

    public static readonly MessageText AlreadyClosed = new("calendar.closed.already",
        "{0}はすでに休業日です（{1}）。", "{0} is already a closed day ({1}).");

    public static readonly MessageText NotMunicipal = new("calendar.closed.not-municipal",
        "{0}は市区町村が追加した休業日ではありません。", "{0} is not a closed day the municipality added.");

    public static readonly MessageText OutOfRange = new("calendar.closed.out-of-range",
        "休業日は今日から2年先までの日付で指定してください。", "A closed day is between today and two years ahead.");
}
