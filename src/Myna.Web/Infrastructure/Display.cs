using System.Globalization;
using Myna.Core.Calendar;

namespace Myna.Web.Infrastructure;

/// <summary>Dates for people: the Japanese era first (DOMAIN §2), with the Gregorian date in English.</summary>
public static class Display
{
    public static string Date(DateOnly d, UiText t) => t.IsEnglish
        ? $"{d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} ({JapaneseDate.FormatShort(d)})"
        : JapaneseDate.Format(d);

    /// <summary>
    /// A date a person chooses or reads in a schedule, with its weekday: "令和8年12月7日（月）", in English
    /// "Mon 2026-12-07 (R8.12.7)" (the one place for schedule dates; <see cref="JapaneseDate.FormatWithWeekday"/>).
    /// </summary>
    public static string Day(DateOnly d, UiText t) => t.IsEnglish
        ? $"{d.ToString("ddd yyyy-MM-dd", CultureInfo.InvariantCulture)} ({JapaneseDate.FormatShort(d)})"
        : JapaneseDate.FormatWithWeekday(d);

    /// <summary>A day button in a booking calendar, where the year is plain: "12月7日（月）", "Mon 7 Dec".</summary>
    public static string ShortDay(DateOnly d, UiText t) => t.IsEnglish
        ? d.ToString("ddd d MMM", CultureInfo.InvariantCulture)
        : JapaneseDate.FormatMonthDayWithWeekday(d);

    /// <summary>A booked or bookable time: the day with its weekday and the Japan wall-clock time ("令和8年12月7日（月） 09:30").</summary>
    public static string Appointment(DateTimeOffset t, UiText text)
    {
        var local = JapanClock.ToJapan(t);
        return Day(DateOnly.FromDateTime(local.DateTime), text) + " " + local.ToString("HH:mm", CultureInfo.InvariantCulture);
    }

    public static string Time(DateTimeOffset t, UiText text)
    {
        var local = JapanClock.ToJapan(t);
        return Date(DateOnly.FromDateTime(local.DateTime), text) + " " + local.ToString("HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// An event note as stored ("import: Town, Block", "FamilyName — 婚姻") with the field names
    /// in the reader's language; the free text after the dash is shown as written.
    /// </summary>
    public static string EventNote(string? note, UiText t)
    {
        if (string.IsNullOrEmpty(note))
        {
            return "";
        }
        if (Myna.Core.Text.Messages.StoredMessage.TryRead(note, out var message))
        {
            return t[message];
        }
        var (fields, free) = note.Split(" — ", 2) is [var f, var rest] ? (f, " — " + t.Note(rest)) : (note, "");
        var prefix = "";
        if (fields.StartsWith("import", StringComparison.Ordinal))
        {
            prefix = t["event.import"];
            fields = fields["import".Length..].TrimStart(':', ' ');
            if (fields.Length > 0)
            {
                prefix += ": ";
            }
        }
        var names = fields.Length == 0 ? [] : fields.Split(", ").Select(f => t["field." + f] is var label && label != "field." + f ? label : f);
        return prefix + string.Join(t.IsEnglish ? ", " : "、", names) + free;
    }

    public static int Age(DateOnly birth, DateOnly today)
    {
        var age = today.Year - birth.Year;
        return birth.AddYears(age) > today ? age - 1 : age;
    }
}
