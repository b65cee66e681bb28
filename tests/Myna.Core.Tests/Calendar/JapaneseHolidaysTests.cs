using System.Globalization;
using Myna.Core.Calendar;

namespace Myna.Core.Tests.Calendar;

/// <summary>
/// The holidays computed by rule against the Cabinet Office's published list (内閣府「国民の祝日について」, the
/// dates and names of 令和7年, 令和8年 and 令和9年; 振替休日 and 国民の休日 are listed there as 休日).
/// </summary>
public class JapaneseHolidaysTests
{
    private static readonly string[] Official2025 =
    [
        "2025-01-01 元日", "2025-01-13 成人の日", "2025-02-11 建国記念の日", "2025-02-23 天皇誕生日", "2025-02-24 休日",
        "2025-03-20 春分の日", "2025-04-29 昭和の日", "2025-05-03 憲法記念日", "2025-05-04 みどりの日", "2025-05-05 こどもの日",
        "2025-05-06 休日", "2025-07-21 海の日", "2025-08-11 山の日", "2025-09-15 敬老の日", "2025-09-23 秋分の日",
        "2025-10-13 スポーツの日", "2025-11-03 文化の日", "2025-11-23 勤労感謝の日", "2025-11-24 休日",
    ];

    private static readonly string[] Official2026 =
    [
        "2026-01-01 元日", "2026-01-12 成人の日", "2026-02-11 建国記念の日", "2026-02-23 天皇誕生日", "2026-03-20 春分の日",
        "2026-04-29 昭和の日", "2026-05-03 憲法記念日", "2026-05-04 みどりの日", "2026-05-05 こどもの日", "2026-05-06 休日",
        "2026-07-20 海の日", "2026-08-11 山の日", "2026-09-21 敬老の日", "2026-09-22 休日", "2026-09-23 秋分の日",
        "2026-10-12 スポーツの日", "2026-11-03 文化の日", "2026-11-23 勤労感謝の日",
    ];

    private static readonly string[] Official2027 =
    [
        "2027-01-01 元日", "2027-01-11 成人の日", "2027-02-11 建国記念の日", "2027-02-23 天皇誕生日", "2027-03-21 春分の日",
        "2027-03-22 休日", "2027-04-29 昭和の日", "2027-05-03 憲法記念日", "2027-05-04 みどりの日", "2027-05-05 こどもの日",
        "2027-07-19 海の日", "2027-08-11 山の日", "2027-09-20 敬老の日", "2027-09-23 秋分の日", "2027-10-11 スポーツの日",
        "2027-11-03 文化の日", "2027-11-23 勤労感謝の日",
    ];

    public static TheoryData<int> Years => [2025, 2026, 2027];

    [Theory]
    [MemberData(nameof(Years))]
    public void For_PublishedYears_MatchTheCabinetOfficeList(int year)
    {
        var official = year switch { 2025 => Official2025, 2026 => Official2026, _ => Official2027 };

        var computed = JapaneseHolidays.For(year).Select(h => h.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " " + h.Name);

        Assert.Equal(official, computed);
    }

    [Theory]
    [MemberData(nameof(Years))]
    public void IsHoliday_EveryDayOfPublishedYears_TrueExactlyOnListedDays(int year)
    {
        var official = (year switch { 2025 => Official2025, 2026 => Official2026, _ => Official2027 })
            .Select(l => DateOnly.ParseExact(l[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToHashSet();

        for (var d = new DateOnly(year, 1, 1); d.Year == year; d = d.AddDays(1))
        {
            Assert.True(official.Contains(d) == JapaneseHolidays.IsHoliday(d), d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData(2019, 21, 23)]
    [InlineData(2024, 20, 22)]
    [InlineData(2030, 20, 23)]
    [InlineData(2032, 20, 22)]
    public void EquinoxDays_PublishedAndProjectedYears_FollowTheFormula(int year, int march, int september)
    {
        Assert.Equal(march, JapaneseHolidays.VernalEquinoxDay(year));
        Assert.Equal(september, JapaneseHolidays.AutumnalEquinoxDay(year));
    }

    [Fact]
    public void For_YearOutsideTheRule_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => JapaneseHolidays.For(1999));
    }
}
