

namespace Myna.National.Jpki;

/// <summary>Where a certificate stands (DOMAIN §7.4).</summary>
public enum CertificateStatus
{
    /// <summary>Numbered and laid out, not yet signed: a crash left it; it can be revoked, never used.</summary>
    Pending = 0,
    Good = 1,
    /// <summary>一時停止: reported lost (§8.3); can be released back to good.</summary>
    Suspended = 2,
    Revoked = 3,
}

/// <summary>CRLReason codes of RFC 5280 §5.3.1 used by JPKI (DOMAIN §7.4).</summary>
public enum RevocationReason
{
    Unspecified = 0,
    KeyCompromise = 1,
    AffiliationChanged = 3,
    Superseded = 4,
    CessationOfOperation = 5,
    /// <summary>Suspension (一時停止).</summary>
    CertificateHold = 6,
}

/// <summary>
/// A certificate issued by one of the national CAs (national store only). The to-be-signed bytes
/// and the serial are written before the CA signs, so nothing can be signed that is not on record.
/// </summary>
public sealed class IssuedCertificate
{
    public long Id { get; set; }
    /// <summary>1 signature CA, 2 user-authentication CA.</summary>
    public int Ca { get; set; }
    public required string Serial { get; set; }
    /// <summary>SHA-256 of the request's SubjectPublicKeyInfo: a request (a card key) gets one certificate per CA.</summary>
    public required byte[] KeyHash { get; set; }
    public required byte[] ToBeSigned { get; set; }
    public byte[]? Der { get; set; }
    public DateTimeOffset NotBefore { get; set; }
    public DateTimeOffset NotAfter { get; set; }
    public CertificateStatus Status { get; set; }
    public DateTimeOffset? StatusAt { get; set; }
    public RevocationReason? Reason { get; set; }
    public required string MunicipalityCode { get; set; }
    /// <summary>HMAC of the holder's resident code: lets register events reach the certificates without storing the code.</summary>
    public required byte[] HolderHash { get; set; }
    /// <summary>The card whose chip holds the key (DOMAIN §5): lets setup, remaking and loss reach a card's certificates.</summary>
    public string? CardSerial { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One status change of a certificate, never edited.</summary>
public sealed class CertificateEvent
{
    public long Id { get; set; }
    public long CertificateId { get; set; }
    public CertificateStatus Status { get; set; }
    public RevocationReason? Reason { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public string? Note { get; set; }
}
