namespace Myna.Core.Calendar;

/// <summary>
/// A Japanese era (元号) as used for display (DOMAIN §2) and in JPKI birth dates (§7.2).
/// <paramref name="FirstDay"/> and <paramref name="LastDay"/> are Gregorian and both inclusive;
/// the current era has no last day.
/// </summary>
/// <param name="Name">The kanji name, e.g. 令和.</param>
/// <param name="Initial">The Latin initial used in short dates, e.g. R.</param>
/// <param name="JpkiCode">The era code of the JPKI birth-date field (1 明治 … 5 令和).</param>
/// <param name="FirstDay">The first day of the era (its 元年), inclusive.</param>
/// <param name="LastDay">The last day of the era, inclusive; null for the current era.</param>
public sealed record JapaneseEra(string Name, char Initial, int JpkiCode, DateOnly FirstDay, DateOnly? LastDay)
{
    /// <summary>Whether <paramref name="date"/> falls within the era (both ends inclusive).</summary>
    public bool Contains(DateOnly date) => date >= FirstDay && (LastDay is null || date <= LastDay.Value);

    /// <summary>The era year of a date in the era (1 for 元年); throws if the date is outside it.</summary>
    public int YearOf(DateOnly date)
    {
        if (!Contains(date))
        {
            throw new ArgumentOutOfRangeException(nameof(date), $"the date is not in {Name}");
        }

        return date.Year - FirstDay.Year + 1;
    }
}
