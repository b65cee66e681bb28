using Myna.Core.Residents;
using Myna.Core.Text.Messages;

namespace Myna.Core.Lifecycle;

/// <summary>Where a notified move abroad stands: waiting for its move date, or carried out on it.</summary>
public enum AbroadMoveState
{
    /// <summary>Notified; the register entry, the card and the certificates change on the move date.</summary>
    Scheduled = 1,
    /// <summary>Carried out on (or after) the move date by the dated processing.</summary>
    Completed = 2,
}

/// <summary>
/// 国外転出届 (DOMAIN §8.6): a resident's notified move abroad, and — for a Japanese national holding a valid card —
/// the request for continued use abroad (国外継続利用) made with it. The notification is recorded at the window; what
/// happens on the move date (the person leaves the register, the signature certificate is revoked or the card lapses)
/// is done by the dated processing, never earlier.
/// </summary>
public sealed class AbroadMove
{
    public long Id { get; set; }
    public long ResidentId { get; set; }
    /// <summary>転出先: the country or region abroad, as the notification names it.</summary>
    public required string Country { get; set; }
    /// <summary>転出予定日 (the move date): the day the person leaves the register.</summary>
    public DateOnly MovesOn { get; set; }
    /// <summary>届出日.</summary>
    public DateOnly NotifiedOn { get; set; }
    /// <summary>The holder asked for continued use abroad (国外継続利用) and it was accepted.</summary>
    public bool ContinuedUse { get; set; }
    /// <summary>A signature certificate for people abroad is to be issued on the family-register attachment's data.</summary>
    public bool SignatureAbroad { get; set; }
    /// <summary>The card held on the day of the notification, if any.</summary>
    public long? HeldCardId { get; set; }
    public string? CardSerial { get; set; }
    /// <summary>With continued use: the municipality of the family register (本籍地), responsible for the card from the move date.</summary>
    public string? ResponsibleMunicipality { get; set; }
    public AbroadMoveState State { get; set; }
    /// <summary>The message ID of the continuation on the national side: the dated processing run again gets the same answer.</summary>
    public Guid ContinuationId { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>What happened to the card on the move date, for the clerk.</summary>
    public string? CardOutcome { get; set; }
    /// <summary>返納: the lapsed card was handed back at the window.</summary>
    public DateOnly? CardReturnedOn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

/// <summary>The rules of a move abroad in force since 2024-05-27 (DOMAIN §8.6, §8.4).</summary>
public static class AbroadMoveRules
{
    /// <summary>The day continued use abroad became possible (改正番号法 施行日).</summary>
    public static readonly DateOnly ContinuedUseFrom = new(2024, 5, 27);

    /// <summary>A reissue applied for within this many days after a card lapsed on moving abroad is free (§8.4).</summary>
    public const int FreeReissueDays = 90;

    /// <summary>The last day continued use may be asked for: the day before the move date.</summary>
    public static DateOnly ContinuedUseDeadline(DateOnly movesOn) => movesOn.AddDays(-1);

    /// <summary>The last day a reissue after the card lapsed on moving abroad is free: 90 days after the move date.</summary>
    public static DateOnly FreeReissueUntil(DateOnly movesOn) => movesOn.AddDays(FreeReissueDays);

    /// <summary>
    /// A Japanese national has a family-register attachment (戸籍の附票); in the register that is the place of the family
    /// register (本籍) with its municipality code. Foreign residents have neither.
    /// </summary>
    public static bool HasFamilyRegisterAttachment(Resident r) =>
        !string.IsNullOrWhiteSpace(r.FamilyRegisterPlace) && !string.IsNullOrWhiteSpace(r.FamilyRegisterMunicipality);

    /// <summary>
    /// Why continued use abroad cannot be granted (the clerk reads it to the holder), or null when it can: the rule in force on
    /// the request day, a Japanese national, a card valid on the move date, and the request at the latest the day before the
    /// move date.
    /// </summary>
    public static Message? ContinuedUseRefusal(Resident resident, HeldCard? card, DateOnly requestedOn, DateOnly movesOn)
    {
        if (requestedOn < ContinuedUseFrom)
        {
            return AbroadMoveMessages.ContinuedUseNotYet.With(LifecycleMessages.Day(ContinuedUseFrom));
        }
        if (!HasFamilyRegisterAttachment(resident))
        {
            return AbroadMoveMessages.ContinuedUseNationalsOnly;
        }
        if (card is null || card.State != HeldCardState.Valid)
        {
            return AbroadMoveMessages.ContinuedUseNoCard;
        }
        if (card.Expiry < movesOn)
        {
            return AbroadMoveMessages.ContinuedUseCardExpires.With(LifecycleMessages.Day(card.Expiry));
        }
        if (requestedOn > ContinuedUseDeadline(movesOn))
        {
            return AbroadMoveMessages.ContinuedUseTooLate.With(LifecycleMessages.Day(movesOn), LifecycleMessages.Day(ContinuedUseDeadline(movesOn)),
                LifecycleMessages.Day(requestedOn));
        }
        return null;
    }
}
