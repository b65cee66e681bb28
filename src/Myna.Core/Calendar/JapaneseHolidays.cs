namespace Myna.Core.Calendar;

/// <summary>A national holiday: its date and its name as the law gives it (国民の祝日に関する法律).</summary>
public sealed record NationalHoliday(DateOnly Date, string Name);

/// <summary>
/// Japan's national holidays computed by rule (国民の祝日に関する法律, as amended to the present;
/// dates before 2000 and the one-off years 2019–2021 are out of scope): the fixed days, the
/// Happy Monday days (成人の日, 海の日, 敬老の日, スポーツの日), 春分の日 and 秋分の日 by the astronomical
/// approximation used for the calendar (valid 1980–2099), 振替休日 (a holiday on a Sunday moves to
/// the next day that is not a holiday, Art. 3 ¶2) and 国民の休日 (a day between two holidays, Art. 3 ¶3).
/// The published dates for the spring and autumn equinox days (官報, February of the year before)
/// agree with the formula for every year this system can reach.
/// </summary>
public static class JapaneseHolidays
{
    /// <summary>The name the Cabinet Office's list gives both 振替休日 and 国民の休日.</summary>
    public const string Rest = "休日";

    /// <summary>Whether the day is a national holiday, a substitute holiday or a sandwiched holiday.</summary>
    public static bool IsHoliday(DateOnly date) => NameOf(date) is not null;

    /// <summary>The holiday's name (振替休日 and 国民の休日 are both named 休日, as the Cabinet Office lists them), or null.</summary>
    public static string? NameOf(DateOnly date) => For(date.Year).FirstOrDefault(h => h.Date == date)?.Name;

    /// <summary>Every holiday of a year, in date order.</summary>
    public static IReadOnlyList<NationalHoliday> For(int year)
    {
        if (year is < 2000 or > 2099)
        {
            throw new ArgumentOutOfRangeException(nameof(year), "holidays are computed for 2000–2099");
        }

        var named = Named(year).OrderBy(h => h.Date).ToList();
        var days = named.Select(h => h.Date).ToHashSet();
        var all = new List<NationalHoliday>(named);

        // 振替休日 (Art. 3 ¶2): a holiday falling on a Sunday is followed by the nearest day that is not a holiday.
        foreach (var h in named.Where(h => h.Date.DayOfWeek == DayOfWeek.Sunday))
        {
            var next = h.Date.AddDays(1);
            while (days.Contains(next))
            {
                next = next.AddDays(1);
            }
            days.Add(next);
            all.Add(new NationalHoliday(next, Rest));
        }

        // 国民の休日 (Art. 3 ¶3): a day that is not a holiday, between two holidays (in practice in September
        // when 敬老の日 falls two days before 秋分の日). A Sunday is already a day off and is not named.
        foreach (var h in named)
        {
            var between = h.Date.AddDays(1);
            if (!days.Contains(between) && days.Contains(between.AddDays(1)) && between.DayOfWeek != DayOfWeek.Sunday
                && named.Any(n => n.Date == between.AddDays(1)))
            {
                days.Add(between);
                all.Add(new NationalHoliday(between, Rest));
            }
        }

        return all.OrderBy(h => h.Date).ToList();
    }

    private static IEnumerable<NationalHoliday> Named(int year)
    {
        yield return new(new DateOnly(year, 1, 1), "元日");
        yield return new(NthMonday(year, 1, 2), "成人の日");
        yield return new(new DateOnly(year, 2, 11), "建国記念の日");
        if (year >= 2020)
        {
            yield return new(new DateOnly(year, 2, 23), "天皇誕生日");
        }
        yield return new(new DateOnly(year, 3, VernalEquinoxDay(year)), "春分の日");
        yield return new(new DateOnly(year, 4, 29), year >= 2007 ? "昭和の日" : "みどりの日");
        yield return new(new DateOnly(year, 5, 3), "憲法記念日");
        if (year >= 2007)
        {
            yield return new(new DateOnly(year, 5, 4), "みどりの日");
        }
        yield return new(new DateOnly(year, 5, 5), "こどもの日");
        yield return new(NthMonday(year, 7, 3), "海の日");
        if (year >= 2016)
        {
            yield return new(new DateOnly(year, 8, 11), "山の日");
        }
        yield return new(NthMonday(year, 9, 3), "敬老の日");
        yield return new(new DateOnly(year, 9, AutumnalEquinoxDay(year)), "秋分の日");
        yield return new(NthMonday(year, 10, 2), year >= 2020 ? "スポーツの日" : "体育の日");
        yield return new(new DateOnly(year, 11, 3), "文化の日");
        yield return new(new DateOnly(year, 11, 23), "勤労感謝の日");
        if (year < 2019)
        {
            yield return new(new DateOnly(year, 12, 23), "天皇誕生日");
        }
    }

    /// <summary>The day of March of 春分の日: int(20.8431 + 0.242194 (y − 1980) − int((y − 1980) / 4)), valid 1980–2099.</summary>
    public static int VernalEquinoxDay(int year) => (int)(20.8431 + (0.242194 * (year - 1980))) - ((year - 1980) / 4);

    /// <summary>The day of September of 秋分の日: int(23.2488 + 0.242194 (y − 1980) − int((y − 1980) / 4)), valid 1980–2099.</summary>
    public static int AutumnalEquinoxDay(int year) => (int)(23.2488 + (0.242194 * (year - 1980))) - ((year - 1980) / 4);

    private static DateOnly NthMonday(int year, int month, int n)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (n - 1)));
    }
}
