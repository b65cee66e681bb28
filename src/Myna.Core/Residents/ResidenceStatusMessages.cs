using Myna.Core.Text.Messages;

namespace Myna.Core.Residents;

/// <summary>Why the status of residence (在留資格), the period of stay and the place of the family register do not agree (DOMAIN §8.6).</summary>
[MessageCatalogue]
public static class ResidenceStatusMessages
{
    public static readonly MessageText PeriodNeedsStatus = new("residence-status.period.needs-status",
        "在留期間の満了日には、その在留資格の入力が必要です。", "a period of stay needs the status of residence (在留資格) it belongs to");
    public static readonly MessageText Unknown = new("residence-status.unknown",
        "「{0}」は住民票に記録できる在留資格ではありません。正式な名称（例：永住者、留学、技術・人文知識・国際業務）で入力してください。",
        "'{0}' is not a status of residence (在留資格) the register knows; use the official name, e.g. 永住者, 留学, 技術・人文知識・国際業務");
    public static readonly MessageText JapaneseNational = new("residence-status.japanese-national",
        "本籍が記録されている日本国籍の方には、在留資格・在留期間はありません。", "a Japanese national (本籍 recorded) has no status of residence or period of stay");
    public static readonly MessageText NoPeriod = new("residence-status.period.none",
        "{0}には在留期間がありません。満了日は空欄にしてください。", "{0} has no period of stay: leave its end empty");
    public static readonly MessageText PeriodRequired = new("residence-status.period.required",
        "{0}には在留期間があります。在留期間の満了日を入力してください。", "{0} has a period of stay: enter the day it ends (在留期間の満了日)");
}
