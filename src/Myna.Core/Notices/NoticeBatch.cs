namespace Myna.Core.Notices;

/// <summary>
/// One run of the notification batch (DOMAIN §3.1): everyone numbered and not yet notified
/// when it started, grouped one envelope per household and delivery place. Resumable
/// (ARCHITECTURE principle 6): envelopes are stored chunk by chunk with the progress.
/// </summary>
public sealed class NoticeBatch
{
    public long Id { get; set; }
    /// <summary>Date printed on the notices; decides card or letter (§3.1).</summary>
    public DateOnly NoticeDate { get; set; }
    public NoticeKind Kind { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public required string StartedBy { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public long Envelopes { get; set; }
    public long Notices { get; set; }
    /// <summary>A re-send batch (§3.3) carries envelopes copied from returned ones.</summary>
    public bool IsResend { get; set; }
}

/// <summary>An envelope sent by simple registered mail (簡易書留), DOMAIN §3.1 and §3.3.</summary>
public sealed class NoticeEnvelope
{
    public long Id { get; set; }
    public long BatchId { get; set; }
    /// <summary>Position in the batch, the order of the print data.</summary>
    public int Sequence { get; set; }
    public long HouseholdId { get; set; }
    public DeliveryKind Delivery { get; set; }
    public long? ResidenceRegistrationId { get; set; }
    public string? PostalCode { get; set; }
    public required string Address { get; set; }
    /// <summary>Name on the envelope: the household head, the resident, or the proxy.</summary>
    public required string Addressee { get; set; }
    /// <summary>The Japan Post tracking number of the registered mail.</summary>
    public string? RegisteredMailNumber { get; set; }
    public MailState State { get; set; }
    public DateTimeOffset StateChangedAt { get; set; }
    public ReturnReason? ReturnReason { get; set; }
    public DateOnly? ReturnedOn { get; set; }
    /// <summary>End of the 3-month storage of a returned envelope (§3.3).</summary>
    public DateOnly? KeepUntil { get; set; }
    public ReturnFinding? Finding { get; set; }
    /// <summary>The envelope this one re-sends, when it belongs to a re-send batch.</summary>
    public long? ResendOfId { get; set; }
}

/// <summary>One person's notice inside an envelope, with the application form sent with it.</summary>
public sealed class Notice
{
    public long Id { get; set; }
    public long BatchId { get; set; }
    public long EnvelopeId { get; set; }
    public long ResidentId { get; set; }
    /// <summary>The number this notice announces: one notice per number, however often the batch runs.</summary>
    public long ResidentNumberId { get; set; }
    public NoticeKind Kind { get; set; }
    /// <summary>申請書ID of the card application form in the envelope (DOMAIN §1.5).</summary>
    public required string ApplicationId { get; set; }
}
