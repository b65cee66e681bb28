namespace Myna.Core.Lifecycle;

/// <summary>Why a card is made again (DOMAIN §8.4); the cause decides the fee and the subsidy.</summary>
public enum ReissueCause
{
    /// <summary>紛失: lost (or stolen) and not found.</summary>
    Loss = 1,
    /// <summary>破損・汚損 by the holder.</summary>
    Damage = 2,
    /// <summary>Any other reason of the holder's own (e.g. wants a new photo).</summary>
    HolderRequest = 3,
    /// <summary>Chip damage or a fault caused by the municipality or J-LIS (an issuer error).</summary>
    IssuerError = 4,
    /// <summary>誤交付: the card was issued wrongly.</summary>
    WrongfulIssuance = 5,
    /// <summary>After a number change (番号変更, §1.3).</summary>
    NumberChange = 6,
    /// <summary>After the card was returned on moving abroad (国外転出), on returning.</summary>
    ReturnedOnMovingAbroad = 7,
    /// <summary>Renewal at expiry (§8.2).</summary>
    RenewalAtExpiry = 8,
    /// <summary>The endorsement area is full (§8.5).</summary>
    EndorsementAreaFull = 9,
}

/// <summary>What a reissue costs the holder and whether the state subsidises it (国庫補助).</summary>
public sealed record ReissueFee(int CardYen, int CertificateYen, bool SubsidyEligible)
{
    public int TotalYen => CardYen + CertificateYen;
}

/// <summary>The fee rule of DOMAIN §8.4.</summary>
public static class ReissueFees
{
    /// <summary>再交付手数料 for the card (§8.4).</summary>
    public const int CardYen = 800;
    /// <summary>The certificates' issuance fee (§8.4).</summary>
    public const int CertificateYen = 200;

    /// <summary>
    /// §8.4: caused by the holder (loss, damage, own request) → card ¥800 + certificates ¥200, no
    /// subsidy. Caused by the municipality or J-LIS, after a number change, after return on moving
    /// abroad, and renewal at expiry → free and subsidy-eligible. A full endorsement area → free,
    /// not subsidised [project: the card has simply run out of space for register changes].
    /// </summary>
    public static ReissueFee For(ReissueCause cause) => cause switch
    {
        ReissueCause.Loss or ReissueCause.Damage or ReissueCause.HolderRequest => new(CardYen, CertificateYen, false),
        ReissueCause.IssuerError or ReissueCause.WrongfulIssuance or ReissueCause.NumberChange or ReissueCause.ReturnedOnMovingAbroad
            or ReissueCause.RenewalAtExpiry => new(0, 0, true),
        ReissueCause.EndorsementAreaFull => new(0, 0, false),
        _ => throw new ArgumentOutOfRangeException(nameof(cause), cause, "unknown reissue cause"),
    };

    /// <summary>The cause as the register, the timeline and the receipt write it (the receipt is a Japanese document).</summary>
    public static string Japanese(ReissueCause cause) => ReissueCauses.Of(cause).Ja;
}

/// <summary>The reissue causes' words (§8.2), one catalogue entry each (<c>reissue-cause.*</c>).</summary>
[Myna.Core.Text.Messages.MessageCatalogue]
public static class ReissueCauses
{
    public static readonly Myna.Core.Text.Messages.MessageText Loss = new("reissue-cause.loss", "紛失・盗難", "Lost or stolen");
    public static readonly Myna.Core.Text.Messages.MessageText Damage = new("reissue-cause.damage", "破損・汚損（本人）", "Damaged by the holder");
    public static readonly Myna.Core.Text.Messages.MessageText HolderRequest = new("reissue-cause.holder-request", "本人の希望", "Holder's request");
    public static readonly Myna.Core.Text.Messages.MessageText IssuerError = new("reissue-cause.issuer-error", "市区町村・機構の責による不具合", "Fault of the municipality or J-LIS");
    public static readonly Myna.Core.Text.Messages.MessageText WrongfulIssuance = new("reissue-cause.wrongful-issuance", "誤交付", "Wrongful issuance");
    public static readonly Myna.Core.Text.Messages.MessageText NumberChange = new("reissue-cause.number-change", "個人番号の変更", "Number change");
    public static readonly Myna.Core.Text.Messages.MessageText ReturnedOnMovingAbroad = new("reissue-cause.returned-on-moving-abroad", "国外転出による返納後",
        "After return on moving abroad");
    public static readonly Myna.Core.Text.Messages.MessageText RenewalAtExpiry = new("reissue-cause.renewal-at-expiry", "有効期限による更新", "Renewal at expiry");
    public static readonly Myna.Core.Text.Messages.MessageText EndorsementAreaFull = new("reissue-cause.endorsement-area-full", "追記欄の余白なし", "Endorsement area full");

    public static Myna.Core.Text.Messages.MessageText Of(ReissueCause cause) => cause switch
    {
        ReissueCause.Loss => Loss,
        ReissueCause.Damage => Damage,
        ReissueCause.HolderRequest => HolderRequest,
        ReissueCause.IssuerError => IssuerError,
        ReissueCause.WrongfulIssuance => WrongfulIssuance,
        ReissueCause.NumberChange => NumberChange,
        ReissueCause.ReturnedOnMovingAbroad => ReturnedOnMovingAbroad,
        ReissueCause.RenewalAtExpiry => RenewalAtExpiry,
        ReissueCause.EndorsementAreaFull => EndorsementAreaFull,
        _ => throw new ArgumentOutOfRangeException(nameof(cause), cause, "unknown reissue cause"),
    };
}

public enum ReplacementKind
{
    /// <summary>再交付 (§8.4).</summary>
    Reissue = 1,
    /// <summary>更新 at expiry (§8.2).</summary>
    Renewal = 2,
}

public enum ReplacementState
{
    /// <summary>The form (with its new application ID) is out; no application yet.</summary>
    Open = 1,
    /// <summary>Applied for with the form's application ID.</summary>
    Applied = 2,
}

/// <summary>
/// A reissue or a renewal (DOMAIN §8.2, §8.4): a new application form (申請書ID) for the resident,
/// the cause, the fee charged with its receipt number, and the subsidy eligibility. The new card
/// then goes through application, production and the window like any other; its hand-over
/// ends the old card.
/// </summary>
public sealed class Replacement
{
    public long Id { get; set; }
    public long ResidentId { get; set; }
    public ReplacementKind Kind { get; set; }
    public ReissueCause Cause { get; set; }
    /// <summary>申請書ID of the new form.</summary>
    public required string ApplicationId { get; set; }
    public string? OldSerial { get; set; }
    public int CardFeeYen { get; set; }
    public int CertificateFeeYen { get; set; }
    public bool SubsidyEligible { get; set; }
    /// <summary>領収番号, e.g. <c>R2026-000123</c>, for every replacement (free ones too, with ¥0).</summary>
    public required string ReceiptNumber { get; set; }
    public ReplacementState State { get; set; }
    public DateOnly ChargedOn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public string? Note { get; set; }

    public int TotalYen => CardFeeYen + CertificateFeeYen;
}
