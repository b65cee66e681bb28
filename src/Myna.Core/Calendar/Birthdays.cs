namespace Myna.Core.Calendar;

/// <summary>
/// Birthdays as the card and certificate rules count them (DOMAIN §7.2, §8.1): the n-th birthday
/// after a date does not include that date itself; someone born on 29 February has the birthday on
/// 28 February in common years [project].
/// </summary>
public static class Birthdays
{
    public static DateOnly In(DateOnly birth, int year) =>
        new(year, birth.Month, Math.Min(birth.Day, DateTime.DaysInMonth(year, birth.Month)));

    /// <summary>The <paramref name="n"/>-th birthday strictly after <paramref name="date"/> (n ≥ 1).</summary>
    public static DateOnly NthAfter(DateOnly birth, DateOnly date, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var thisYear = In(birth, date.Year);
        var first = thisYear > date ? thisYear : In(birth, date.Year + 1);
        return In(birth, first.Year + n - 1);
    }

    /// <summary>Completed years on <paramref name="date"/>.</summary>
    public static int AgeOn(DateOnly birth, DateOnly date) =>
        date.Year - birth.Year - (In(birth, date.Year) > date ? 1 : 0);
}
