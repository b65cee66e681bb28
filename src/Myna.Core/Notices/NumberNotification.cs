namespace Myna.Core.Notices;

/// <summary>
/// Whether a person's current number has been notified (DOMAIN §3.1), as it travels with a move (§8.6). The duty to
/// notify rests with the municipality that numbered the person [seed 000, p.30: 番号法上の通知義務は付番をした転出元市区町村にある];
/// once the letter reached the person the duty is fulfilled, and a destination municipality never notifies again.
/// </summary>
public enum NotificationStatus
{
    /// <summary>No notice was ever produced for the number: the destination notifies (its generate includes the person).</summary>
    NeverNotified = 0,
    /// <summary>The letter was posted or handed over: the duty is fulfilled, the destination sends nothing.</summary>
    Notified = 1,
    /// <summary>
    /// A notice exists but did not reach the person: print data not yet posted, held at the office and not collected, or
    /// returned (返戻). Seed 000 (p.30 and the returned-mail flow): the origin registers the return and disposes of it,
    /// and the destination re-sends after the move-in "as for a reissue" — so the destination's next generate includes the
    /// person, exactly as if never notified.
    /// </summary>
    NotDelivered = 2,
}

/// <summary>The notification status of a number as the origin reports it, with who notified and when (when <see cref="NotificationStatus.Notified"/>).</summary>
public sealed record NumberNotification(NotificationStatus Status, string? NotifiedBy, DateOnly? NotifiedOn)
{
    public static NumberNotification Never { get; } = new(NotificationStatus.NeverNotified, null, null);

    /// <summary>
    /// The status of a notice from its envelope's state (the newest re-sent envelope when it was re-sent, DOMAIN §3.3): posted
    /// or handed over at the window counts as notified; anything still in the office, or back from the post, does not.
    /// </summary>
    public static NotificationStatus FromMail(MailState state) => state switch
    {
        MailState.Sent or MailState.HandedOver => NotificationStatus.Notified,
        _ => NotificationStatus.NotDelivered,
    };
}
