

namespace Myna.National.Verifiers;

/// <summary>What a verifier organisation is registered to check (DOMAIN §7.5).</summary>
[Flags]
public enum VerifierKind
{
    /// <summary>署名検証者: checks signature certificates; may receive the four information with consent.</summary>
    Signature = 1,
    /// <summary>利用者証明検証者: checks user-authentication certificates.</summary>
    UserAuthentication = 2,
    Both = Signature | UserAuthentication,
}

/// <summary>A registered verifier organisation (national store). Its API key is stored only as a SHA-256 hash.</summary>
public sealed class Verifier
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public VerifierKind Kind { get; set; }
    /// <summary>法人番号 (DOMAIN §1.4), when the organisation has one.</summary>
    public string? CorporateNumber { get; set; }
    public required byte[] KeyHash { get; set; }
    /// <summary>The first characters of the key, so an operator can tell keys apart without seeing one.</summary>
    public required string KeyPrefix { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    public required string RegisteredBy { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }
}

/// <summary>
/// A holder's consent that this verifier may obtain their latest four information (基本4情報提供,
/// DOMAIN §7.5). Given with a signature made with the holder's signature certificate
/// (<see cref="Serial"/>), kept as evidence; it follows the holder (<see cref="HolderHash"/>)
/// to later certificates until withdrawn.
/// </summary>
public sealed class VerifierConsent
{
    public long Id { get; set; }
    public long VerifierId { get; set; }
    public required byte[] HolderHash { get; set; }
    public required string Serial { get; set; }
    public required string Purpose { get; set; }
    public DateTimeOffset ConsentedAt { get; set; }
    /// <summary>The CMS signed consent statement as received.</summary>
    public required byte[] Evidence { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
}

/// <summary>One answer given to a verifier: a status or a four-information provision (DOMAIN §7.5: verifier, time, certificate, purpose).</summary>
public sealed class VerifierAnswer
{
    public long Id { get; set; }
    public long VerifierId { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary><c>status</c>, <c>four-information</c> or <c>consent</c>.</summary>
    public required string Kind { get; set; }
    public required string Serial { get; set; }
    public required string Purpose { get; set; }
    /// <summary>What was answered, e.g. <c>good</c>, <c>revoked</c>, <c>provided</c>, <c>refused: no consent</c>.</summary>
    public required string Outcome { get; set; }
}
