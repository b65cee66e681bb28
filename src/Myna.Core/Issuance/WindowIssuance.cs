namespace Myna.Core.Issuance;

public enum IssuanceOutcome
{
    InProgress = 1,
    Issued = 2,
    /// <summary>Stopped at the window (e.g. identity not verified, the photo clearly differs); the card stays in the safe.</summary>
    Stopped = 3,
}

/// <summary>
/// One hand-over at the window (DOMAIN §6.4), from the scan of the notice to the hand-over: its
/// start and end are recorded so the real service time is measured, not assumed (§6.3). Each
/// step's result is kept; the PINs never are.
/// </summary>
public sealed class WindowIssuance
{
    public long Id { get; set; }
    public long CardId { get; set; }
    public long? AppointmentId { get; set; }
    public required string Clerk { get; set; }
    /// <summary>The desk whose resident-facing PIN pad serves this hand-over.</summary>
    public int Desk { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public IssuanceOutcome Outcome { get; set; }
    public string? OutcomeNote { get; set; }
    public bool ByProxy { get; set; }
    public string? ProxyName { get; set; }
    /// <summary>Why a proxy comes (illness, disability, old age, under 15, facility resident, …).</summary>
    public string? ProxyReason { get; set; }
    /// <summary>The §6.5 method that held, e.g. <c>B</c> or <c>proxy A + applicant B</c>.</summary>
    public string? VerificationMethod { get; set; }
    /// <summary>The case as evaluated, in the JSON form of docs/identity-verification.md.</summary>
    public string? VerificationCase { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }
    public bool PhotoMatches { get; set; }
    public bool FaceChecked { get; set; }
    public bool RegisterMatchesDocuments { get; set; }
    public DateTimeOffset? PinsSetAt { get; set; }
    /// <summary>Refusals the PIN pad explained to the resident (the reason, never the PIN).</summary>
    public int PinRefusals { get; set; }
    public bool AlternativeCharactersConfirmed { get; set; }
    public bool JukiCardCollected { get; set; }
    public bool NotificationCardCollected { get; set; }
}
