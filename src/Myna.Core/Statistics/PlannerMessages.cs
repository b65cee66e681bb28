using Myna.Core.Text.Messages;

namespace Myna.Core.Statistics;

/// <summary>Why the issuance planner (§11.3) cannot plan with the inputs given.</summary>
[MessageCatalogue]
public static class PlannerMessages
{
    public static readonly MessageText TargetWait = new("planner.target-wait",
        "目標の待ち日数は1日から365日までです。", "The target wait is 1 to 365 days.");

    public static readonly MessageText Capacity = new("planner.capacity",
        "窓口数は1以上、所要時間は0分より長く、1日の開庁時間は0より長く24時間まで、週の開庁日は1日から7日までです。",
        "Windows ≥ 1, service minutes > 0, hours per day in (0, 24] and days per week 1–7 are needed.");

    public static readonly MessageText Backlog = new("planner.backlog",
        "未交付枚数に負の数は指定できません。", "The backlog cannot be negative.");

    public static readonly MessageText ShowUpRate = new("planner.show-up-rate",
        "来庁率は1%から100%まで（0.01から1まで）です。", "The show-up rate is from 1 % to 100 % (0.01 to 1).");

    public static readonly MessageText TooManyPerDay = new("planner.too-many-per-day",
        "1日 {0} 件を超える交付は窓口の計画になりません。窓口数と所要時間を確認してください。",
        "More than {0} issuances a day is not a window plan: check the windows and the service minutes.");

    public static readonly MessageText LongerThanADay = new("planner.longer-than-a-day",
        "1件の交付が窓口の1日の開庁時間より長くかかります。", "One issuance takes longer than a window's day.");

    public static readonly MessageText NeverClears = new("planner.never-clears",
        "このペースでは未交付分が暦の範囲内（9999年まで）に終わりません。", "At this pace the backlog would not clear within the calendar (before the year 9999).");
}
