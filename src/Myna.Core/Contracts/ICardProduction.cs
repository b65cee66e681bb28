namespace Myna.Core.Contracts;

/// <summary>
/// What the national side needs to produce a card (DOMAIN §5), and nothing more (§0.3): the basic
/// four information as the register holds it, the photo, and the certificate and braille wishes.
/// </summary>
public sealed record ProductionRequest(
    string MunicipalityCode,
    string ApplicationId,
    string FamilyName,
    string GivenName,
    string FamilyNameKana,
    string GivenNameKana,
    DateOnly BirthDate,
    int Sex,
    string Address,
    bool SignatureCertificate,
    bool UserCertificate,
    bool Braille,
    byte[] Photo);

/// <summary>The national side's production queue (J-LIS). Production itself is a later step.</summary>
public interface ICardProduction
{
    /// <summary>Queues a request. Idempotent per application ID: sending the same application again changes nothing.</summary>
    Task EnqueueAsync(ProductionRequest request, CancellationToken ct = default);
}
