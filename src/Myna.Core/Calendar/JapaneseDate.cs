using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Myna.Core.Text.Messages;

namespace Myna.Core.Calendar;

/// <summary>
/// The one place that formats and parses Japanese era dates (DOMAIN §2: birth dates are stored
/// Gregorian and shown in the era, the first year as 元年). Culture-invariant throughout and
/// independent of .NET's JapaneseCalendar, whose era list depends on the operating system.
/// </summary>
public static class JapaneseDate
{

    /// <summary>明治 to 令和, oldest first.</summary>
    public static IReadOnlyList<JapaneseEra> Eras { get; } =
    [
        new("明治", 'M', 1, new DateOnly(1868, 10, 23), new DateOnly(1912, 7, 29)),
        new("大正", 'T', 2, new DateOnly(1912, 7, 30), new DateOnly(1926, 12, 24)),
        new("昭和", 'S', 3, new DateOnly(1926, 12, 25), new DateOnly(1989, 1, 7)),
        new("平成", 'H', 4, new DateOnly(1989, 1, 8), new DateOnly(2019, 4, 30)),
        new("令和", 'R', 5, new DateOnly(2019, 5, 1), null),
    ];

    /// <summary>The era of a date; throws <see cref="ArgumentOutOfRangeException"/> before 明治 (1868-10-23).</summary>
    public static JapaneseEra EraOf(DateOnly date)
    {
        for (int i = Eras.Count - 1; i >= 0; i--)
        {
            if (date >= Eras[i].FirstDay)
            {
                return Eras[i];
            }
        }

        throw new ArgumentOutOfRangeException(nameof(date), "dates before 明治 (1868-10-23) have no Japanese era here");
    }

    /// <summary>"令和元年5月1日", "平成31年4月30日": the era, 元 for the first year, no zero padding.</summary>
    public static string Format(DateOnly date)
    {
        var era = EraOf(date);
        return FormatEraDate(era, era.YearOf(date), date.Month, date.Day);
    }

    /// <summary>
    /// "令和8年12月7日（月）": <see cref="Format"/> with the weekday in full-width brackets, for every date a person
    /// chooses or reads in a schedule (booking days, window sessions, closed days).
    /// </summary>
    public static string FormatWithWeekday(DateOnly date) => Format(date) + "（" + Weekday(date) + "）";

    /// <summary>"12月7日（月）": month, day and weekday, for a day button in a schedule where the year is plain.</summary>
    public static string FormatMonthDayWithWeekday(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Month}月{date.Day}日（{Weekday(date)}）");

    /// <summary>The weekday as one kanji: 日 月 火 水 木 金 土.</summary>
    public static char Weekday(DateOnly date) => "日月火水木金土"[(int)date.DayOfWeek];

    /// <summary>"R1.5.1", "H31.4.30": the era initial and numbers, for tables and narrow fields.</summary>
    public static string FormatShort(DateOnly date)
    {
        var era = EraOf(date);
        return string.Create(CultureInfo.InvariantCulture, $"{era.Initial}{era.YearOf(date)}.{date.Month}.{date.Day}");
    }

    /// <summary>
    /// The JPKI birth-date field (DOMAIN §7.2): the era code followed by the Gregorian YYYYMMDD,
    /// e.g. 1980-02-17 → "319800217". Throws <see cref="ArgumentOutOfRangeException"/> before 明治.
    /// </summary>
    public static string JpkiBirthDate(DateOnly date)
    {
        var era = EraOf(date);
        return string.Create(CultureInfo.InvariantCulture, $"{era.JpkiCode}{date:yyyyMMdd}");
    }

    /// <summary>Parses the forms listed at <see cref="TryParse"/>; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static DateOnly Parse(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return TryParse(input, out var date, out var error) ? date : throw new FormatException(error.En);
    }

    /// <summary>
    /// Parses a date as clerks and residents write it: 令和元年5月1日, 令和1年5月1日, 令和01年05月01日,
    /// R1.5.1, R01.05.01, r1/5/1, R1-5-1 (initials M, T, S, H, R), 平成31.4.30, and Gregorian
    /// 2019-05-01, 2019/5/1, 2019.5.1, 2019年5月1日, 20190501. Full-width characters and spaces
    /// are accepted. An era date must exist within its era: 平成31年5月1日 is rejected because
    /// 平成 ended on 2019-04-30. Era years have at most 2 digits, so a Gregorian year typed after
    /// an era initial (R2019.5.1) is an error rather than a date two thousand years ahead; hence
    /// <see cref="Format"/> round-trips through 令和99年. On failure <paramref name="error"/> says
    /// why in one sentence, in both languages (<see cref="DateMessages"/>); on success it is null.
    /// </summary>
    public static bool TryParse(string? input, out DateOnly date, [NotNullWhen(false)] out Message? error)
    {
        date = default;
        string text = input is null ? string.Empty : Clean(input);
        if (text.Length == 0)
        {
            error = DateMessages.Empty;
            return false;
        }

        int pos = 0;
        if (char.IsAsciiDigit(text[0]))
        {
            return TryParseGregorian(text, out date, out error);
        }

        JapaneseEra? era = ReadEra(text, ref pos);
        if (era is null)
        {
            error = DateMessages.UnknownEra.With(EraToken(text));
            return false;
        }

        int eraYear;
        if (pos < text.Length && text[pos] == '元')
        {
            eraYear = 1;
            pos++;
        }
        else if (!ReadNumber(text, ref pos, 2, out eraYear))
        {
            error = DateMessages.EraYearExpected.With(era.Name, DateMessages.Hint);
            return false;
        }

        if (eraYear == 0)
        {
            error = DateMessages.EraYearZero.With(era.Name);
            return false;
        }

        if (!TryReadMonthDay(text, ref pos, out int month, out int day))
        {
            error = DateMessages.NotADate.With(DateMessages.Hint);
            return false;
        }

        int year = era.FirstDay.Year + eraYear - 1;
        string shown = FormatEraDate(era, eraYear, month, day);
        if (!TryMakeDate(year, month, day, shown, out date, out error))
        {
            return false;
        }

        if (date < era.FirstDay)
        {
            error = DateMessages.EraNotBegun.With(era.Name, era.FirstDay, shown, Suggestion(date));
            date = default;
            return false;
        }

        if (era.LastDay is { } last && date > last)
        {
            error = DateMessages.EraEnded.With(era.Name, last, shown, Suggestion(date));
            date = default;
            return false;
        }

        error = null;
        return true;
    }

    private static string FormatEraDate(JapaneseEra era, int eraYear, int month, int day) =>
        eraYear == 1
            ? string.Create(CultureInfo.InvariantCulture, $"{era.Name}元年{month}月{day}日")
            : string.Create(CultureInfo.InvariantCulture, $"{era.Name}{eraYear}年{month}月{day}日");

    /// <summary>Points a clerk at the right era for a real Gregorian date written in the wrong one.</summary>
    private static Message? Suggestion(DateOnly date) =>
        date >= Eras[0].FirstDay ? DateMessages.Suggestion.With(date, Format(date)) : null;

    private static bool TryParseGregorian(string text, out DateOnly date, [NotNullWhen(false)] out Message? error)
    {
        date = default;
        int pos = 0;
        int year, month, day;
        if (text.Length == 8 && IsAllDigits(text))
        {
            year = Number(text.AsSpan(0, 4));
            month = Number(text.AsSpan(4, 2));
            day = Number(text.AsSpan(6, 2));
        }
        else if (!ReadNumber(text, ref pos, 4, out year) || pos != 4 || !TryReadMonthDay(text, ref pos, out month, out day))
        {
            error = DateMessages.NotADate.With(DateMessages.Hint);
            return false;
        }

        string shown = string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}-{day:D2}");
        return TryMakeDate(year, month, day, shown, out date, out error);
    }

    /// <summary>Reads 年M月D日 or a separator form (.M.D, /M/D, -M-D, the same separator twice) up to the end.</summary>
    private static bool TryReadMonthDay(string text, ref int pos, out int month, out int day)
    {
        month = day = 0;
        if (pos >= text.Length)
        {
            return false;
        }

        char first = text[pos];
        if (first == '年')
        {
            pos++;
            return ReadNumber(text, ref pos, 2, out month)
                && Expect(text, ref pos, '月')
                && ReadNumber(text, ref pos, 2, out day)
                && Expect(text, ref pos, '日')
                && pos == text.Length;
        }

        if (first is '.' or '/' or '-')
        {
            pos++;
            return ReadNumber(text, ref pos, 2, out month)
                && Expect(text, ref pos, first)
                && ReadNumber(text, ref pos, 2, out day)
                && pos == text.Length;
        }

        return false;
    }

    private static bool TryMakeDate(int year, int month, int day, string shown, out DateOnly date, [NotNullWhen(false)] out Message? error)
    {
        date = default;
        if (year < 1)
        {
            error = DateMessages.YearZero;
            return false;
        }

        if (month is < 1 or > 12)
        {
            error = DateMessages.NoSuchMonth.With(shown, month);
            return false;
        }

        int days = DateTime.DaysInMonth(year, month);
        if (day < 1 || day > days)
        {
            error = DateMessages.NoSuchDay.With(shown, year, month, days);
            return false;
        }

        date = new DateOnly(year, month, day);
        error = null;
        return true;
    }

    private static JapaneseEra? ReadEra(string text, ref int pos)
    {
        foreach (var era in Eras)
        {
            if (text.StartsWith(era.Name, StringComparison.Ordinal))
            {
                pos = era.Name.Length;
                return era;
            }
        }

        // An initial is a single letter, so "Reiwa" is an unknown era rather than R plus junk.
        if (char.IsAsciiLetter(text[0]) && (text.Length == 1 || !char.IsAsciiLetter(text[1])))
        {
            char initial = char.ToUpperInvariant(text[0]);
            foreach (var era in Eras)
            {
                if (era.Initial == initial)
                {
                    pos = 1;
                    return era;
                }
            }
        }

        return null;
    }

    /// <summary>What the user wrote in the era's place: everything before the first digit or 元.</summary>
    private static string EraToken(string text)
    {
        int end = 0;
        while (end < text.Length && !char.IsAsciiDigit(text[end]) && text[end] != '元')
        {
            end++;
        }

        return end <= 12 ? text[..end] : string.Concat(text.AsSpan(0, 12), "…");
    }

    private static bool ReadNumber(string text, ref int pos, int maxDigits, out int value)
    {
        int start = pos;
        while (pos < text.Length && pos - start < maxDigits && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }

        // A longer run of digits (e.g. a 3-digit month) is not a shorter number followed by junk.
        if (pos == start || (pos < text.Length && char.IsAsciiDigit(text[pos])))
        {
            value = 0;
            return false;
        }

        value = Number(text.AsSpan(start, pos - start));
        return true;
    }

    private static bool Expect(string text, ref int pos, char expected)
    {
        if (pos < text.Length && text[pos] == expected)
        {
            pos++;
            return true;
        }

        return false;
    }

    private static int Number(ReadOnlySpan<char> digits)
    {
        int value = 0;
        foreach (char c in digits)
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }

    private static bool IsAllDigits(string text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// NFKC turns full-width letters, digits and punctuation into ASCII and the era ligatures
    /// (㍻, ㋿ …) into their two kanji; then whitespace goes and dash-like characters become '-'.
    /// </summary>
    private static string Clean(string input)
    {
        string normalized = input.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(normalized.Length);
        foreach (char c in normalized)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            builder.Append(c is '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' or '\u30FC' ? '-' : c);
        }

        return builder.ToString();
    }
}
