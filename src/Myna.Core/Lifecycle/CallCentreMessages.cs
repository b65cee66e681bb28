using Myna.Core.Text.Messages;

namespace Myna.Core.Lifecycle;

/// <summary>
/// What the 24/365 call centre console says to its operator (DOMAIN §8.3). A mismatch names the item the operator should
/// ask again, never what the card holds: the console must not read out another person's data.
/// </summary>
[MessageCatalogue]
public static class CallCentreMessages
{
    public static readonly MessageText FourInformation = new("call-centre.four-information",
        "氏名・生年月日・住所・性別の4情報をすべてお聞きしてください。", "Ask the caller for all four information: name, birth date, address and sex.");

    public static readonly MessageText Caller = new("call-centre.caller",
        "どなたからの連絡か（本人、家族など）を記録してください。", "Record who is calling (the holder, a family member, …).");

    public static readonly MessageText BirthDateUnreadable = new("call-centre.birth-date-unreadable",
        "生年月日を読み取れません（例: 昭和55年2月17日、S55.2.17、1980-02-17）。", "The birth date cannot be read (e.g. 昭和55年2月17日, S55.2.17, 1980-02-17).");

    public static readonly MessageText NoMatch = new("call-centre.no-match",
        "この氏名・生年月日のカードはありません。お客様と4情報を確認してください。",
        "No card has this name and birth date: check the four information with the caller.");

    public static readonly MessageText Name = new("call-centre.name-differs",
        "氏名が一致しません。お客様に氏名（漢字）をもう一度お聞きしてください。", "The name does not match: ask the caller for the name (in kanji) again.");

    public static readonly MessageText BirthDate = new("call-centre.birth-date-differs",
        "生年月日が一致しません。お客様に生年月日をもう一度お聞きしてください。", "The birth date does not match: ask the caller for the birth date again.");

    public static readonly MessageText Sex = new("call-centre.sex-differs",
        "性別が一致しません。お客様に性別をもう一度お聞きしてください。", "The sex does not match: ask the caller again.");

    public static readonly MessageText Address = new("call-centre.address-differs",
        "住所が一致しません。お客様に住所（番地まで）をもう一度お聞きしてください。", "The address does not match: ask the caller for the address (with the block number) again.");

    public static readonly MessageText SexAndAddress = new("call-centre.sex-and-address-differ",
        "性別と住所が一致しません。お客様にもう一度お聞きしてください。", "Neither the sex nor the address matches: ask the caller again.");

    public static readonly MessageText Building = new("call-centre.building-needed",
        "建物名・部屋番号がないと一枚に決まりません。お客様に建物名までお聞きしてください。",
        "Without the building the address names more than one card: ask the caller for the building and room.");
}
