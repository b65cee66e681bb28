namespace Myna.Core.Calendar;

/// <summary>Why the municipal office is closed on a day.</summary>
public enum ClosedReason
{
    /// <summary>A national holiday, 振替休日 or 国民の休日 (<see cref="JapaneseHolidays"/>).</summary>
    NationalHoliday,

    /// <summary>The year-end and new-year closure, 29 December – 3 January.</summary>
    YearEnd,

    /// <summary>A day the municipality closes on its own (an election, a system change-over …).</summary>
    Municipal,
}

/// <summary>A day the office is closed and why; <see cref="Name"/> is the holiday's or the municipality's own wording.</summary>
public sealed record ClosedDay(DateOnly Date, ClosedReason Reason, string Name);

/// <summary>
/// The municipal office's calendar (DOMAIN §6.3: windows open on working days): closed on national
/// holidays, during the year-end closure 29 December – 3 January (地方自治法 §4-2 and the municipal
/// ordinances on closing days; DOMAIN §10 closes the kiosks on the same days), and on days the
/// municipality adds. Weekends are not closed here: weekend sessions are a window's choice.
/// </summary>
public sealed class ClosedDays(IReadOnlyDictionary<DateOnly, string> municipal)
{
    public static readonly ClosedDays NationalOnly = new(new Dictionary<DateOnly, string>());

    /// <summary>29 December – 3 January.</summary>
    public static bool IsYearEnd(DateOnly date) => (date.Month == 12 && date.Day >= 29) || (date.Month == 1 && date.Day <= 3);

    /// <summary>Why the office is closed on the day, or null when it is open. A national holiday is named before the year-end closure (元日).</summary>
    public ClosedDay? Of(DateOnly date)
    {
        if (JapaneseHolidays.NameOf(date) is { } holiday)
        {
            return new ClosedDay(date, ClosedReason.NationalHoliday, holiday);
        }
        if (IsYearEnd(date))
        {
            return new ClosedDay(date, ClosedReason.YearEnd, "年末年始");
        }
        return municipal.TryGetValue(date, out var name) ? new ClosedDay(date, ClosedReason.Municipal, name) : null;
    }

    public bool IsClosed(DateOnly date) => Of(date) is not null;

    /// <summary>Every closed day from <paramref name="from"/> to <paramref name="to"/> inclusive, in date order.</summary>
    public IReadOnlyList<ClosedDay> Between(DateOnly from, DateOnly to)
    {
        var days = new List<ClosedDay>();
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            if (Of(d) is { } closed)
            {
                days.Add(closed);
            }
        }
        return days;
    }
}
