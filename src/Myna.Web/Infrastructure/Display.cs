using System.Globalization;
using Myna.Core.Calendar;

namespace Myna.Web.Infrastructure;

/// <summary>Dates for people: the Japanese era first (DOMAIN §2), with the Gregorian date in English.</summary>
public static class Display
{
    public static string Date(DateOnly d, UiText t) => t.IsEnglish
        ? $"{d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} ({JapaneseDate.FormatShort(d)})"
        : JapaneseDate.Format(d);

    public static string Time(DateTimeOffset t, UiText text)
    {
        var local = JapanClock.ToJapan(t);
        return Date(DateOnly.FromDateTime(local.DateTime), text) + " " + local.ToString("HH:mm", CultureInfo.InvariantCulture);
    }

    public static int Age(DateOnly birth, DateOnly today)
    {
        var age = today.Year - birth.Year;
        return birth.AddYears(age) > today ? age - 1 : age;
    }
}
