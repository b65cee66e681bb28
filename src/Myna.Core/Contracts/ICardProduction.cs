using Myna.Core.Identifiers;

namespace Myna.Core.Contracts;

/// <summary>
/// What the national side needs to produce a card (DOMAIN §5), and nothing more (§0.3): the basic
/// four information as the register holds it (with its alternative-character flags), the resident
/// code that links the certificates to the holder, the number written on the chip and the card's
/// back, the photo, and the certificate and braille wishes. The number is an
/// <see cref="IndividualNumber"/>, whose text form is masked, so the record never prints it.
/// </summary>
public sealed record ProductionRequest(
    string MunicipalityCode,
    string ApplicationId,
    ResidentCode ResidentCode,
    IndividualNumber Number,
    string FamilyName,
    string GivenName,
    string FamilyNameKana,
    string GivenNameKana,
    string? NameAltFlags,
    DateOnly BirthDate,
    int Sex,
    string Address,
    string? AddressAltFlags,
    bool SignatureCertificate,
    bool UserCertificate,
    bool Braille,
    byte[] Photo,
    DateOnly? StayUntil = null);

/// <summary>The national side's production queue (J-LIS).</summary>
public interface ICardProduction
{
    /// <summary>
    /// Queues a request. Idempotent per application ID and per message ID: sending the same application
    /// (or delivering the same message) again changes nothing.
    /// </summary>
    Task EnqueueAsync(ProductionRequest request, Guid messageId, CancellationToken ct = default);

    /// <summary>
    /// A delivered card was found damaged, misprinted or not matching (DOMAIN §5): the card is voided
    /// (its certificates revoked, its chip unusable) and its application is produced again, free of charge.
    /// </summary>
    Task RequestRemakeAsync(MunicipalityCode municipality, string serial, string reason, string actor, Guid messageId, CancellationToken ct = default);
}

/// <summary>What the card face and chip say (DOMAIN §5, §6.1), for the municipality to compare with its register.</summary>
public sealed record CardFace(string Serial, string ApplicationId, string Name, string Address, DateOnly BirthDate, int Sex, DateOnly Expiry,
    bool HasSignatureCertificate, bool HasUserCertificate);

/// <summary>How the certificate wishes were applied at pre-issuance setup (DOMAIN §6.1).</summary>
public sealed record CertificateSetup(bool SignatureKept, bool UserKept, string? DestroyedSignatureSerial, string? RevokedUserSerial);

/// <summary>The card operations a municipality asks of the national side for a delivered card (DOMAIN §6).</summary>
public interface ICardService
{
    /// <summary>The card's face data as produced; throws <see cref="KeyNotFoundException"/> for a serial not made for this municipality.</summary>
    Task<CardFace> ReadFaceAsync(MunicipalityCode municipality, string serial, CancellationToken ct = default);

    /// <summary>
    /// Pre-issuance setup (§6.1): a declined signature certificate is destroyed (破棄: erased from the
    /// chip with its key, and revoked), a declined user certificate is revoked (失効). Idempotent.
    /// </summary>
    Task<CertificateSetup> ApplyCertificateWishesAsync(MunicipalityCode municipality, string serial, bool signature, bool user, string actor,
        CancellationToken ct = default);

    /// <summary>
    /// An uncollected card is destroyed (DOMAIN §6.2): it is voided and its certificates revoked.
    /// Idempotent: destroying a destroyed card changes nothing.
    /// </summary>
    Task DestroyAsync(MunicipalityCode municipality, string serial, string reason, string actor, CancellationToken ct = default);

    /// <summary>
    /// The resident's PINs from the PIN pad (DOMAIN §6.6), set on the chip: the 4-digit PINs for the
    /// user certificate, the input-assist and resident-register APs (one value or three), and the signature
    /// PIN when the card keeps its signature certificate. Each is checked against the policy (with the card's
    /// birth date and security code) first; a refusal names which PIN and why, and sets nothing.
    /// </summary>
    Task<PinSetting> SetPinsAsync(MunicipalityCode municipality, string serial, Issuance.FourDigitPins fourDigitPins, string? signaturePin, string actor,
        CancellationToken ct = default);
}

/// <summary>The outcome of setting PINs: accepted, or which PIN was refused and why (never the PIN itself).</summary>
public sealed record PinSetting(bool Accepted, bool SignaturePinNeeded, Issuance.PinKind? Refused = null, Issuance.PinRefusal? Reason = null);
