using Myna.Core.Text.Messages;

namespace Myna.Core.Statistics;

/// <summary>Why an issuance-figures file (§11.2) cannot be read: the line and the column at fault.</summary>
[MessageCatalogue]
public static class RatesFileMessages
{
    public static readonly MessageText Empty = new("rates-file.empty", "1行目：ファイルが空です（見出し行が必要です）。", "line 1: the file is empty (a header is expected)");
    public static readonly MessageText Header = new("rates-file.header",
        "1行目：見出しには名称（name、category、prefecture または municipality）、人口（population…）、交付枚数（cards_issued…）の列が必要です。",
        "line 1: the header needs a name (name, category, prefecture or municipality), a population… and a cards_issued… column");
    public static readonly MessageText Missing = new("rates-file.missing", "{0}行目：{1} がありません。", "line {0}: {1} is missing");
    public static readonly MessageText NotANumber = new("rates-file.not-a-number", "{0}行目：{1} の「{2}」は整数ではありません。", "line {0}: {1} '{2}' is not a whole number");
    public static readonly MessageText NoPopulation = new("rates-file.no-population", "{0}行目：{1} の人口が0です。", "line {0}: the population of {1} is 0");
    public static readonly MessageText MoreCardsThanPeople = new("rates-file.more-cards", "{0}行目：{1} の交付枚数（{2}）が人口（{3}）を超えています。",
        "line {0}: {1} has more cards issued ({2}) than people ({3})");
    public static readonly MessageText NoFigures = new("rates-file.no-figures", "見出し行のほかに数値の行がありません。", "the file has a header but no figures");
    public static readonly MessageText ChooseFile = new("rates-file.choose", "交付枚数のCSVファイル（name、population…、cards_issued…）を選んでください。",
        "choose a figures CSV (name, population…, cards_issued…)");
}

/// <summary>A figures file that cannot be read; a <see cref="FormatException"/> as before, with its catalogue message.</summary>
public sealed class RatesFileException(Message text) : FormatException(text.En), IMessageCarrier
{
    public Message Text { get; } = text;

    Message? IMessageCarrier.Text => Text;
}
