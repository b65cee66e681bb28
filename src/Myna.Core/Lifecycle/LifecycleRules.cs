namespace Myna.Core.Lifecycle;

/// <summary>The dates of the card lifecycle (DOMAIN §8.2, §8.6).</summary>
public static class LifecycleRules
{
    /// <summary>Renewal and expiry notices: from 3 months before expiry (§8.2).</summary>
    public const int RenewalMonths = 3;
    /// <summary>A move-in must be notified within 14 days of moving in for the card to continue (§8.6).</summary>
    public const int ContinuationDays = 14;
    /// <summary>Without a move-in within 90 days after the planned move-out date, the card loses validity (§8.6).</summary>
    public const int MoveInDays = 90;
    /// <summary>Lines of the endorsement area before a reissue is needed (§8.5, [project] configurable).</summary>
    public const int DefaultEndorsementCapacity = 4;

    /// <summary>The first day a renewal may be applied for.</summary>
    public static DateOnly RenewalOpens(DateOnly expiry) => expiry.AddMonths(-RenewalMonths);

    /// <summary>Whether a card or certificate expiring on <paramref name="expiry"/> is within the notice window on <paramref name="day"/>: not yet expired, expiring within 3 months.</summary>
    public static bool ExpiresWithinNoticeWindow(DateOnly expiry, DateOnly day) => expiry >= day && expiry <= day.AddMonths(RenewalMonths);

    /// <summary>Whether a move-in notified on <paramref name="notified"/> for a move on <paramref name="movedIn"/> continues the card.</summary>
    public static bool ContinuesCard(DateOnly movedIn, DateOnly notified) => notified.DayNumber - movedIn.DayNumber <= ContinuationDays;

    /// <summary>The first day a card whose holder has not notified a move-in is invalid: 90 days after the planned move-out date.</summary>
    public static DateOnly InvalidFrom(DateOnly plannedMoveOut) => plannedMoveOut.AddDays(MoveInDays + 1);
}
