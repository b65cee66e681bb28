using System.Globalization;
using Myna.Core.Text.Messages;

namespace Myna.Core.Statistics;

/// <summary>What the windows can do (DOMAIN §11.3): windows open at once, hours each opens a day, minutes per issuance, days open a week.</summary>
public sealed record WindowCapacity(int Windows, double ServiceMinutes, double HoursPerDay, int DaysPerWeek = 5)
{
    /// <summary>Issuances a day: each window serves whole issuances in its hours.</summary>
    public int CardsPerDay => (int)Math.Floor(Windows * HoursPerDay * 60 / ServiceMinutes + 1e-9);
}

/// <summary>A plan: the pace, how many window-days and calendar days clear the backlog, and the day it clears.</summary>
public sealed record IssuancePlan(WindowCapacity Capacity, int Backlog, int CardsPerDay, int WindowDays, int CalendarDays, DateOnly? ClearsOn,
    int NoticesPerDay, int FirstWave = 0, int TargetWaitDays = 0)
{
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Capacity.Windows} window(s) × {Capacity.HoursPerDay:0.##} h at {Capacity.ServiceMinutes:0.##} min, {Capacity.DaysPerWeek} day(s)/week: " +
        $"{CardsPerDay} cards/day, {WindowDays} window-days, {CalendarDays} calendar days");
}

/// <summary>
/// The issuance planner (DOMAIN §11.3, method [project]): the windows' daily capacity is whole
/// issuances in their opening hours; the backlog of delivered cards clears in backlog ÷ capacity
/// window-days (rounded up), spread over the weeks' open days. Notice waves follow the pace: as many
/// notices a day as the windows can serve, scaled by how many notified residents come (show-up rate),
/// so the calendar fills no faster than the windows empty it. To start, one first wave fills the calendar
/// up to the target wait (target days × daily pace ÷ show-up rate, never more than the backlog); after
/// it, daily waves at the pace keep every booking within the target. Seed 004: 30 minutes per issuance, about 28 a day
/// (2 windows × 7 hours), leaves 7,939 cards for about 284 window-days.
/// </summary>
public static class IssuancePlanner
{
    /// <summary>A bound far above any window (a big city's windows serve a few hundred a day) that keeps the arithmetic exact.</summary>
    public const int MaxCardsPerDay = 100_000;

    public static IssuancePlan Plan(WindowCapacity capacity, int backlog, DateOnly? start = null, double showUpRate = 1.0, int targetWaitDays = 14)
    {
        if (targetWaitDays is < 1 or > 365)
        {
            throw new MessageException(PlannerMessages.TargetWait);
        }
        if (capacity.Windows < 1 || capacity.ServiceMinutes <= 0 || capacity.HoursPerDay <= 0 || capacity.HoursPerDay > 24
            || capacity.DaysPerWeek is < 1 or > 7)
        {
            throw new MessageException(PlannerMessages.Capacity);
        }
        if (backlog < 0)
        {
            throw new MessageException(PlannerMessages.Backlog);
        }
        if (showUpRate is < 0.01 or > 1)
        {
            throw new MessageException(PlannerMessages.ShowUpRate);
        }
        if (capacity.Windows * capacity.HoursPerDay * 60 / capacity.ServiceMinutes > MaxCardsPerDay)
        {
            throw new MessageException(PlannerMessages.TooManyPerDay.With(MaxCardsPerDay));
        }
        var perDay = capacity.CardsPerDay;
        if (perDay == 0)
        {
            throw new MessageException(PlannerMessages.LongerThanADay);
        }
        var windowDays = (int)(((long)backlog + perDay - 1) / perDay);
        if (start is { } first && (long)windowDays * 7 / capacity.DaysPerWeek + 7 > DateOnly.MaxValue.DayNumber - first.DayNumber)
        {
            throw new MessageException(PlannerMessages.NeverClears);
        }
        DateOnly? clears = start is { } s && windowDays > 0 ? ClearsOn(s, windowDays, capacity.DaysPerWeek) : start;
        // From a given start the calendar days run from its first open day to the clearing day itself, so the count and
        // the date agree whatever weekday the plan starts on; without a start, from the first open day of a week.
        var calendarDays = start is { } from && clears is { } to && windowDays > 0
            ? to.DayNumber - FirstOpenDay(from, capacity.DaysPerWeek).DayNumber + 1
            : CalendarDays(windowDays, capacity.DaysPerWeek);
        var notices = (int)Math.Ceiling(perDay / showUpRate - 1e-9);
        // Open days within the target wait, times the pace, over the show-up rate; no more than there are cards.
        var openDaysInTarget = targetWaitDays / 7 * capacity.DaysPerWeek + Math.Min(targetWaitDays % 7, capacity.DaysPerWeek);
        var firstWave = (int)Math.Min(backlog, Math.Ceiling((double)openDaysInTarget * perDay / showUpRate - 1e-9));
        return new IssuancePlan(capacity, backlog, perDay, windowDays, calendarDays, clears, notices, firstWave, targetWaitDays);
    }

    /// <summary>Calendar days from the first open day to the last, when each week opens its first <paramref name="daysPerWeek"/> days.</summary>
    public static int CalendarDays(int windowDays, int daysPerWeek)
    {
        if (windowDays == 0)
        {
            return 0;
        }
        var fullWeeks = (windowDays - 1) / daysPerWeek;
        return fullWeeks * 7 + (windowDays - fullWeeks * daysPerWeek);
    }

    /// <summary>The first day on or after <paramref name="day"/> the windows open (a Monday-first week).</summary>
    public static DateOnly FirstOpenDay(DateOnly day, int daysPerWeek)
    {
        while (Weekday(day) >= daysPerWeek)
        {
            day = day.AddDays(1);
        }
        return day;
    }

    private static int Weekday(DateOnly day) => ((int)day.DayOfWeek + 6) % 7; // Monday 0 … Sunday 6

    /// <summary>The day the backlog clears, counting from <paramref name="start"/> (a Monday-first week: Monday to Friday for 5 days, + Saturday, + Sunday).</summary>
    public static DateOnly ClearsOn(DateOnly start, int windowDays, int daysPerWeek)
    {
        var day = start;
        var served = 0;
        while (true)
        {
            if (Weekday(day) < daysPerWeek && ++served == windowDays)
            {
                return day;
            }
            day = day.AddDays(1);
        }
    }
}
