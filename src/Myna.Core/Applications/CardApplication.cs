namespace Myna.Core.Applications;

/// <summary>How the application reached the municipality (DOMAIN §4.1).</summary>
public enum ApplicationChannel
{
    /// <summary>郵送: the paper form with a photo.</summary>
    Mail = 1,
    /// <summary>スマートフォン・パソコン: the public online page.</summary>
    Online = 2,
    /// <summary>証明写真機: a photo booth that reads the form's QR code.</summary>
    PhotoBooth = 3,
    /// <summary>申請時来庁方式: at the window, identity verified when applying.</summary>
    Window = 4,
    /// <summary>勤務先企業等による一括申請.</summary>
    Employer = 5,
    /// <summary>出張申請受付.</summary>
    Outreach = 6,
    /// <summary>申請サポート: staff take the photo.</summary>
    ApplicationSupport = 7,
}

/// <summary>The channels a clerk records an application for (DOMAIN §4.1): online and employer batches come by their own routes.</summary>
public static class StaffChannels
{
    public static readonly IReadOnlyList<ApplicationChannel> All =
        [ApplicationChannel.Mail, ApplicationChannel.PhotoBooth, ApplicationChannel.Window, ApplicationChannel.Outreach, ApplicationChannel.ApplicationSupport];
}

public enum ApplicationStatus
{
    /// <summary>Received; the photo waits for the human checks.</summary>
    Received = 1,
    /// <summary>不備: a deficiency notice went out; the resident resubmits under the same ID.</summary>
    Deficient = 2,
    /// <summary>Checked and accepted; about to be queued for production.</summary>
    Accepted = 3,
    /// <summary>Handed to the national side for card production.</summary>
    QueuedForProduction = 4,
    /// <summary>Replaced by a newer accepted application of the same person (§4.4).</summary>
    Superseded = 5,
    Cancelled = 6,
    /// <summary>The card arrived at the municipality and is kept in the safe (§5).</summary>
    CardDelivered = 7,
    /// <summary>The card was handed over (§6.4).</summary>
    CardIssued = 8,
}

/// <summary>
/// A card application (交付申請, DOMAIN §4.2). The basic four information is taken from the register
/// at receipt (never typed by the applicant) and kept as it was then.
/// </summary>
public sealed class CardApplication
{
    public long Id { get; set; }
    /// <summary>申請書ID (§1.5) of the form it was made with; one application per ID.</summary>
    public required string ApplicationId { get; set; }
    /// <summary>Given to the applicant as the receipt of the submission.</summary>
    public required string ReceiptNumber { get; set; }
    public long ResidentId { get; set; }
    public ApplicationChannel Channel { get; set; }
    /// <summary>Changed only by <see cref="MoveTo"/>, which writes the history line with it.</summary>
    public ApplicationStatus Status { get; private set; }
    public DateOnly ReceivedOn { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string RecordedBy { get; set; }

    public string? Email { get; set; }
    public string? Phone { get; set; }
    public bool WantsSignatureCertificate { get; set; }
    public bool WantsUserCertificate { get; set; }
    public bool Braille { get; set; }
    public bool Consent { get; set; }
    /// <summary>法定代理人 of an applicant under 15 (§4.4).</summary>
    public string? LegalRepresentative { get; set; }
    /// <summary>A holder of a valid card applying again (§4.4, §8.4).</summary>
    public bool IsReissue { get; set; }

    /// <summary>The register's data at receipt, JSON (name, reading, birth date, sex, address).</summary>
    public required string RegisterSnapshot { get; set; }

    /// <summary>Reasons of the last deficiency notice, one per line.</summary>
    public string? DeficiencyReasons { get; set; }
    public long? SupersededById { get; set; }
    public string? EndReason { get; set; }

    /// <summary>申請時来庁方式 (§4.1): the §6.5 method that held when the applicant came to apply, and the case as evaluated.</summary>
    public string? IdentityMethod { get; set; }
    public string? IdentityCase { get; set; }
    public DateTimeOffset? IdentityVerifiedAt { get; set; }
    /// <summary>The card goes by restricted-delivery mail (本人限定受取郵便) instead of a hand-over at the window.</summary>
    public bool MailCard { get; set; }

    /// <summary>
    /// The one place an application changes status (ARCHITECTURE principle 5): the status, the time of the change and the
    /// line of its history go together. The caller adds the returned event to the store in the same transaction.
    /// </summary>
    public ApplicationEvent MoveTo(ApplicationStatus status, DateTimeOffset at, string actor, string? note = null)
    {
        Status = status;
        UpdatedAt = at;
        return Note(at, actor, note);
    }

    /// <summary>A line of the application's history that does not change its status (e.g. identity verified at a visit).</summary>
    public ApplicationEvent Note(DateTimeOffset at, string actor, string? note) =>
        new() { CardApplicationId = Id, Status = Status, At = at, Actor = actor, Note = note };
}

/// <summary>The photo of an application; a resubmission adds a new one, the old ones stay.</summary>
public sealed class ApplicationPhoto
{
    public long Id { get; set; }
    public long CardApplicationId { get; set; }
    public required byte[] Jpeg { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public DateOnly? TakenOn { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public PhotoReview Review { get; set; }
    /// <summary>Failed human checks, one reason per line.</summary>
    public string? ReviewReasons { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
}

public enum PhotoReview
{
    Pending = 1,
    Passed = 2,
    Failed = 3,
}

/// <summary>One step in an application's life, never edited.</summary>
public sealed class ApplicationEvent
{
    public long Id { get; set; }
    public long CardApplicationId { get; set; }
    public ApplicationStatus Status { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public string? Note { get; set; }
}
