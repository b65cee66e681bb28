namespace Myna.Core.Issuance;

/// <summary>Where a delivered card stands at the municipality (DOMAIN §5, §6).</summary>
public enum CardState
{
    /// <summary>On an imported delivery list; the card itself has not been scanned in yet.</summary>
    Listed = 1,
    /// <summary>Received, reconciled and kept in the safe (保管庫), waiting for pre-issuance setup.</summary>
    InSafe = 2,
    /// <summary>Pre-issuance setup done (§6.1): ready for its issuance notice.</summary>
    Ready = 3,
    /// <summary>The issuance notice (交付通知書) went out (§6.2).</summary>
    NoticeSent = 4,
    /// <summary>Handed over at the window (§6.4).</summary>
    Issued = 5,
    /// <summary>Damaged, misprinted or not matching: sent back for remaking, free of charge (§5).</summary>
    ReturnedForRemake = 6,
    /// <summary>Not collected in time: destroyed and its certificates revoked (§6.2).</summary>
    Destroyed = 7,
    /// <summary>申請時来庁方式: sent by restricted-delivery mail (本人限定受取郵便), not yet delivered (§4.1).</summary>
    Mailed = 8,
}

/// <summary>Why a card goes back (§5).</summary>
public enum CardProblem
{
    /// <summary>The card is physically damaged.</summary>
    Damaged = 1,
    /// <summary>The face is misprinted (characters, photo).</summary>
    Misprint = 2,
    /// <summary>The card does not match the list, the application or the register.</summary>
    Mismatch = 3,
}

/// <summary>The card problems' words, (<c>card-problem.*</c>).</summary>
[Myna.Core.Text.Messages.MessageCatalogue]
public static class CardProblems
{
    public static readonly Myna.Core.Text.Messages.MessageText Damaged = new("card-problem.damaged", "破損", "Damaged");
    public static readonly Myna.Core.Text.Messages.MessageText Misprint = new("card-problem.misprint", "券面の誤記・印字不良", "Misprint");
    public static readonly Myna.Core.Text.Messages.MessageText Mismatch = new("card-problem.mismatch", "一覧表・申請・住民票との不一致", "Mismatch");

    public static Myna.Core.Text.Messages.MessageText Of(CardProblem problem) => problem switch
    {
        CardProblem.Damaged => Damaged,
        CardProblem.Misprint => Misprint,
        _ => Mismatch,
    };
}

/// <summary>A card delivered to the municipality, from its delivery list to its hand-over (DOMAIN §5, §6).</summary>
public sealed class MunicipalCard
{
    public long Id { get; set; }
    public required string Serial { get; set; }
    public long CardApplicationId { get; set; }
    public long ResidentId { get; set; }
    public required string DeliveryListId { get; set; }
    public int Line { get; set; }
    /// <summary>A card's life here starts on a delivery list (§5); it changes only by <see cref="MoveTo"/>, which writes its history line.</summary>
    public CardState State { get; private set; } = CardState.Listed;
    public DateOnly Expiry { get; set; }
    public bool Braille { get; set; }
    /// <summary>The certificates on the card after setup (§6.1).</summary>
    public bool SignatureCertificate { get; set; }
    public bool UserCertificate { get; set; }
    public DateTimeOffset? ReceivedAt { get; set; }
    public DateTimeOffset? SetUpAt { get; set; }
    public CardProblem? Problem { get; set; }
    public string? ProblemNote { get; set; }
    /// <summary>The registered-mail number of the restricted-delivery mail that carries the card.</summary>
    public string? MailNumber { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// The one place a card in the municipality's safe changes state (ARCHITECTURE principle 5): the state, the time and the
    /// line of its history go together. The caller adds the returned event to the store in the same transaction.
    /// </summary>
    public MunicipalCardEvent MoveTo(CardState state, DateTimeOffset at, string actor, string? note)
    {
        State = state;
        UpdatedAt = at;
        return Recorded(at, actor, note);
    }

    /// <summary>A line of the card's history in its present state (e.g. listed on the delivery list it came with).</summary>
    public MunicipalCardEvent Recorded(DateTimeOffset at, string actor, string? note) =>
        new() { CardId = Id, State = State, At = at, Actor = actor, Note = note };
}

/// <summary>
/// PINs chosen on the PIN pad when applying at the window (申請時来庁方式, §4.1, §6.6): kept sealed
/// under the municipality's data key until pre-issuance setup writes them to the chip, then erased.
/// </summary>
public sealed class PinRequest
{
    public long Id { get; set; }
    public long CardApplicationId { get; set; }
    public int Desk { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public byte[]? Sealed { get; set; }
    public DateTimeOffset? EnteredAt { get; set; }
    public DateTimeOffset? AppliedAt { get; set; }
    public string? Outcome { get; set; }
}

/// <summary>One step in a card's life at the municipality, never edited.</summary>
public sealed class MunicipalCardEvent
{
    public long Id { get; set; }
    public long CardId { get; set; }
    public CardState State { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public string? Note { get; set; }
}

/// <summary>A delivery list as imported (the file is kept as received).</summary>
public sealed class ImportedDeliveryList
{
    public required string Id { get; set; }
    public int CardCount { get; set; }
    public required string Content { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public required string ImportedBy { get; set; }
}
