namespace Myna.Core.Lifecycle;

/// <summary>Where a handed-over card stands in its life (DOMAIN §8), as the municipality holding it sees it.</summary>
public enum HeldCardState
{
    /// <summary>In the holder's hands and usable (a loss suspension is kept by the national side and read from there).</summary>
    Valid = 1,
    /// <summary>廃止: lost and not found, returned, the holder died, or replaced by a reissued card; its certificates are revoked.</summary>
    Abolished = 2,
    /// <summary>失効: the holder moved out and no move-in was notified in time, or moved abroad without continued use (§8.6).</summary>
    Invalidated = 3,
    /// <summary>The holder moved away and the card continues at the destination, or abroad under the family register's municipality (継続利用, §8.6).</summary>
    MovedAway = 4,
}

/// <summary>
/// A card in a resident's hands at this municipality (DOMAIN §8): issued here at the window or by
/// restricted-delivery mail, or continued after a move-in from another municipality. One row per
/// card and municipality; the card's earlier steps (delivery, safe, window) are in <c>cards</c>.
/// </summary>
public sealed class HeldCard
{
    public long Id { get; set; }
    public required string Serial { get; set; }
    public long ResidentId { get; set; }
    /// <summary>The delivered card row when the card was issued here.</summary>
    public long? CardId { get; set; }
    /// <summary>The municipality the card was continued from (§8.6), when it came with a move-in.</summary>
    public string? ContinuedFrom { get; set; }
    public DateOnly HeldSince { get; set; }
    public DateOnly Expiry { get; set; }
    /// <summary>When the card's certificates expire (5th birthday, capped at the card's expiry, §7.2); null when it has none.</summary>
    public DateOnly? CertificatesExpiry { get; set; }
    public HeldCardState State { get; set; }
    /// <summary>Lines used in the endorsement area on the card's back (追記欄, §8.5).</summary>
    public int Endorsements { get; set; }
    public string? EndReason { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>What happened in a card's life at the municipality (DOMAIN §8), for the resident's timeline.</summary>
public enum LifecycleKind
{
    Issued = 1,
    ExpiryNotice = 2,
    CertificatesRenewed = 3,
    SuspensionLifted = 4,
    Abolished = 5,
    ReissueStarted = 6,
    RenewalStarted = 7,
    FeeCharged = 8,
    Endorsed = 9,
    EndorsementAreaFull = 10,
    AdvanceMoveOutSent = 11,
    ContinuedAfterMoveIn = 12,
    MovedAway = 13,
    Invalidated = 14,
    PinReset = 15,
    Replaced = 16,
    AdvanceMoveOutReceived = 17,
    /// <summary>国外転出届 with the card in hand (§8.6): continued use asked for and endorsed, or the card to lapse on the move date.</summary>
    AbroadMoveNotified = 18,
    /// <summary>On the move date: the card continues abroad, the signature certificate revoked (a certificate for people abroad issued when asked).</summary>
    ContinuedAbroad = 19,
    /// <summary>A lapsed card handed back at the window (返納).</summary>
    Returned = 20,
}

/// <summary>One lifecycle step, never edited. <see cref="Reference"/> carries a receipt, police report or call-centre reference.</summary>
public sealed class CardLifecycleEvent
{
    public long Id { get; set; }
    public long ResidentId { get; set; }
    public long? HeldCardId { get; set; }
    public LifecycleKind Kind { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public string? Detail { get; set; }
    public string? Reference { get; set; }
}

/// <summary>The card or the certificates an expiry notice announces (§8.2).</summary>
public enum ExpirySubject
{
    Card = 1,
    Certificates = 2,
}

/// <summary>有効期限通知書 (§8.2): one per card, subject and expiry date, so a monthly batch never sends one twice.</summary>
public sealed class ExpiryNotice
{
    public long Id { get; set; }
    public long HeldCardId { get; set; }
    public long ResidentId { get; set; }
    public ExpirySubject Subject { get; set; }
    public DateOnly Expiry { get; set; }
    /// <summary>The batch it went out with, <c>yyyy-MM</c>.</summary>
    public required string BatchMonth { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

/// <summary>
/// A PIN reset at the window (DOMAIN §6.6): identity verified by the clerk, the new PIN typed by the
/// holder on the desk's PIN pad and written to the chip; the PIN itself is never stored.
/// </summary>
public sealed class PinReset
{
    public long Id { get; set; }
    public long HeldCardId { get; set; }
    public int Desk { get; set; }
    public Issuance.PinKind Kind { get; set; }
    public required string VerificationMethod { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public required string RequestedBy { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public int Refusals { get; set; }
    public bool Cancelled { get; set; }
}
