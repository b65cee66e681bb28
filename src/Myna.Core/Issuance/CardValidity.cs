using Myna.Core.Calendar;

namespace Myna.Core.Issuance;

/// <summary>
/// The card's expiry (DOMAIN §8.1): the 10th birthday after the issue date for a holder at or over
/// the adult threshold on that date, else the 5th; the threshold is 20 for applications received
/// before 2022-04-01 and 18 from then (an effective-dated rule, §0.3); capped at the end of a
/// foreign resident's period of stay.
/// </summary>
public static class CardValidity
{
    public static readonly DateOnly AdultAgeChange = new(2022, 4, 1);

    public static int AdultThreshold(DateOnly applied) => applied < AdultAgeChange ? 20 : 18;

    public static DateOnly Expiry(DateOnly birth, DateOnly issued, DateOnly applied, DateOnly? stayUntil = null)
    {
        if (issued < birth)
        {
            throw new ArgumentException("the card cannot be issued before the holder's birth", nameof(issued));
        }
        if (applied > issued)
        {
            throw new ArgumentException("the application cannot come after the issue date", nameof(applied));
        }
        var years = Birthdays.AgeOn(birth, issued) >= AdultThreshold(applied) ? 10 : 5;
        var expiry = Birthdays.NthAfter(birth, issued, years);
        return stayUntil is { } stay && stay < expiry ? stay : expiry;
    }
}
