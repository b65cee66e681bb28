namespace Myna.Core.Lifecycle;

/// <summary>
/// A card holder's move-out as the origin records it (DOMAIN §8.6): the advance move-out
/// information sent to the destination, and what the destination said back.
/// </summary>
public sealed class MoveOutRecord
{
    public long Id { get; set; }
    public long ResidentId { get; set; }
    public required string Destination { get; set; }
    public required string DestinationAddress { get; set; }
    public DateOnly PlannedOn { get; set; }
    public long? HeldCardId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When the destination took the advance information; null when it could not be delivered.</summary>
    public DateTimeOffset? SentAt { get; set; }
    public string? SendProblem { get; set; }
    /// <summary>The destination's move-in notification (転入通知).</summary>
    public DateOnly? MovedInOn { get; set; }
    public bool? CardContinued { get; set; }
    /// <summary>Set by the daily batch when no move-in came within 90 days (§8.6).</summary>
    public DateTimeOffset? InvalidatedAt { get; set; }
}

/// <summary>
/// Advance move-out information received by the destination (転出予定者情報, DOMAIN §8.6): the person,
/// the number (sealed under the destination's own key), the planned date and the card, waiting for
/// the move-in at the window.
/// </summary>
public sealed class IncomingMoveOut
{
    public long Id { get; set; }
    public required string Origin { get; set; }
    public required string ResidentCode { get; set; }
    public required string FamilyName { get; set; }
    public required string GivenName { get; set; }
    public required string FamilyNameKana { get; set; }
    public required string GivenNameKana { get; set; }
    public DateOnly BirthDate { get; set; }
    public int Sex { get; set; }
    public required string Relationship { get; set; }
    public byte[]? NumberSealed { get; set; }
    public required string DestinationAddress { get; set; }
    public DateOnly PlannedOn { get; set; }
    public string? CardSerial { get; set; }
    public DateOnly? CardExpiry { get; set; }
    public int CardEndorsements { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public long? MovedInResidentId { get; set; }
    public DateOnly? MovedInOn { get; set; }
    /// <summary>Whether the card continued (null: no card, or its continuation not yet answered by the national side).</summary>
    public bool? CardContinued { get; set; }
    /// <summary>Why the card did not continue (late move-in, or the national side's answer), for the clerk.</summary>
    public string? CardOutcome { get; set; }
    /// <summary>Whether the origin had notified the number (DOMAIN §3.1): carried to the number at the move-in.</summary>
    public Notices.NotificationStatus NumberNotification { get; set; }
    public string? NumberNotifiedBy { get; set; }
    public DateOnly? NumberNotifiedOn { get; set; }
}
