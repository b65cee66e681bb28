using Myna.Core.Text.Messages;

namespace Myna.Core.Calendar;

/// <summary>Why a typed date cannot be read (DOMAIN §2), with the era that fits when the date exists in another one.</summary>
[MessageCatalogue]
public static class DateMessages
{
    public static readonly MessageText Empty = new("date.empty", "日付を入力してください。", "a date is required; the input is empty");
    public static readonly MessageText Hint = new("date.hint", "令和元年5月1日、R1.5.1、2019-05-01 のように入力してください。",
        "use a form such as 令和元年5月1日, R1.5.1 or 2019-05-01");
    public static readonly MessageText NotADate = new("date.invalid", "日付として読めません。{0}", "not a date: {0}");
    public static readonly MessageText UnknownEra = new("date.era.unknown", "元号「{0}」は使えません。明治・大正・昭和・平成・令和（または M・T・S・H・R）で入力してください。",
        "unknown era '{0}'; expected an era name (明治, 大正, 昭和, 平成 or 令和) or its initial M, T, S, H or R");
    public static readonly MessageText EraYearExpected = new("date.era.year", "元号「{0}」の後に年（元または1〜2桁の数字）を入力してください。{1}",
        "expected the year of {0} (元 or 1–2 digits) after the era; {1}");
    public static readonly MessageText EraYearZero = new("date.era.year-zero", "{0}0年はありません。{0}の最初の年は元年（1年）です。",
        "era year 0 does not exist; the first year of {0} is year 1 (元年)");
    public static readonly MessageText EraNotBegun = new("date.era.not-begun", "{0}は {1} に始まったため、{2}は存在しません。{3}",
        "{0} began on {1}, so {2} does not exist{3}");
    public static readonly MessageText EraEnded = new("date.era.ended", "{0}は {1} に終わったため、{2}は存在しません。{3}",
        "{0} ended on {1}, so {2} does not exist{3}");
    public static readonly MessageText Suggestion = new("date.suggestion", "（{0} は{1}です）", " ({0} is {1})");
    public static readonly MessageText YearZero = new("date.year-zero", "0年はありません。年は1年から始まります。", "year 0 does not exist; years start at 1");
    public static readonly MessageText NoSuchMonth = new("date.month.invalid", "{0}は存在しません（{1}月はありません）。", "{0} does not exist: there is no month {1}");
    public static readonly MessageText NoSuchDay = new("date.day.invalid", "{0}は存在しません（{1}年{2}月は{3}日までです）。",
        "{0} does not exist: month {2} of {1} has {3} days");
}
