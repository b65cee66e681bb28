using Myna.Core.Text.Messages;

namespace Myna.Core.Residents;

/// <summary>
/// 在留資格 (status of residence) of a foreign resident as the register records it (DOMAIN §2, §8.6), and the rule that
/// ties it to the period of stay (在留期間) whose end caps the card's and the certificates' validity (§8.1, §7.2).
/// The list follows the Immigration Control and Refugee Recognition Act (入管法 別表第一・第二) [public], without the
/// statuses whose holders are not in a resident register (外交, 公用, 短期滞在), plus the other foreign residents the Basic
/// Resident Register Act lists (住基法 第30条の45): 特別永住者, 一時庇護許可者, 仮滞在許可者 and the two 経過滞在者.
/// </summary>
public static class ResidenceStatuses
{
    /// <summary>Statuses without a period of stay: permanent residents, special permanent residents, and 高度専門職2号 (無期限).</summary>
    public static readonly IReadOnlySet<string> WithoutPeriod = new HashSet<string>(StringComparer.Ordinal) { "永住者", "特別永住者", "高度専門職2号" };

    /// <summary>Every status the register accepts, as written in it (Japanese).</summary>
    public static readonly IReadOnlyList<string> All =
    [
        // 別表第一の一
        "教授", "芸術", "宗教", "報道",
        // 別表第一の二
        "高度専門職1号イ", "高度専門職1号ロ", "高度専門職1号ハ", "高度専門職2号", "経営・管理", "法律・会計業務", "医療", "研究", "教育",
        "技術・人文知識・国際業務", "企業内転勤", "介護", "興行", "技能", "特定技能1号", "特定技能2号",
        "技能実習1号イ", "技能実習1号ロ", "技能実習2号イ", "技能実習2号ロ", "技能実習3号イ", "技能実習3号ロ",
        // 別表第一の三・四・五
        "文化活動", "留学", "研修", "家族滞在", "特定活動",
        // 別表第二
        "永住者", "日本人の配偶者等", "永住者の配偶者等", "定住者",
        // 住基法 第30条の45 (not 在留資格, but the register records them in the same item)
        "特別永住者", "一時庇護許可者", "仮滞在許可者", "出生による経過滞在者", "国籍喪失による経過滞在者",
    ];

    private static readonly HashSet<string> Known = new(All, StringComparer.Ordinal);

    public static bool IsKnown(string status) => Known.Contains(status);

    public static bool HasPeriod(string status) => !WithoutPeriod.Contains(status);

    /// <summary>
    /// The register's rule for the three items together: a status from the list; the end of the period of stay given
    /// exactly when the status has one; neither for a Japanese national (one with a 本籍 recorded). Returns the field at
    /// fault and why, or null when the items agree. Field names are those of the API and the CSV.
    /// </summary>
    public static (string Field, Message Message)? Check(string? status, DateOnly? stayUntil, string? familyRegisterPlace)
    {
        if (status is null)
        {
            return stayUntil is null ? null : ("stayUntil", ResidenceStatusMessages.PeriodNeedsStatus);
        }
        if (!IsKnown(status))
        {
            return ("residenceStatus", ResidenceStatusMessages.Unknown.With(status));
        }
        if (familyRegisterPlace is not null)
        {
            return ("residenceStatus", ResidenceStatusMessages.JapaneseNational);
        }
        if (!HasPeriod(status) && stayUntil is not null)
        {
            return ("stayUntil", ResidenceStatusMessages.NoPeriod.With(status));
        }
        if (HasPeriod(status) && stayUntil is null)
        {
            return ("stayUntil", ResidenceStatusMessages.PeriodRequired.With(status));
        }
        return null;
    }
}
