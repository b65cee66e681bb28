using Myna.Core.Text.Messages;

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
    /// <summary>The clerk's note on the outcome (for a stopped hand-over: the optional note beside <see cref="StopReason"/>).</summary>
    public string? OutcomeNote { get; set; }
    /// <summary>Why a stopped hand-over stopped; null for one stopped before the reasons were recorded (its note says why).</summary>
    public IssuanceStopReason? StopReason { get; set; }
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

    /// <summary>The longest note kept with a stopped hand-over.</summary>
    public const int MaxStopNote = 500;

    /// <summary>
    /// Whether a stop with this reason and note may be recorded: a reason of DOMAIN §6.4–§6.5 is chosen, "other" says
    /// what in the note. Throws <see cref="MessageException"/> naming the field (<c>reason</c> or <c>note</c>).
    /// </summary>
    public static void CheckStop(IssuanceStopReason? reason, string? note)
    {
        if (reason is not { } chosen || !Enum.IsDefined(chosen))
        {
            throw new MessageException(IssuanceStopMessages.ReasonRequired, "reason");
        }
        if (chosen == IssuanceStopReason.Other && string.IsNullOrWhiteSpace(note))
        {
            throw new MessageException(IssuanceStopMessages.NoteRequired, "note");
        }
        if (note is { Length: > MaxStopNote })
        {
            throw new MessageException(IssuanceStopMessages.NoteTooLong.With(MaxStopNote), "note");
        }
    }

    /// <summary>
    /// Stops this hand-over for a reason of DOMAIN §6.4–§6.5 (checked by <see cref="CheckStop"/>): the outcome, the reason,
    /// the note and the end are recorded together; the card stays in the safe.
    /// </summary>
    public void Stop(IssuanceStopReason reason, string? note, DateTimeOffset now)
    {
        if (Outcome != IssuanceOutcome.InProgress)
        {
            throw new InvalidOperationException($"hand-over {Id} has already ended ({Outcome})");
        }
        CheckStop(reason, note);
        Outcome = IssuanceOutcome.Stopped;
        StopReason = reason;
        OutcomeNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        EndedAt = now;
    }
}
