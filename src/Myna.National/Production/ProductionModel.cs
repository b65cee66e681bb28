

namespace Myna.National.Production;

public enum ProductionState
{
    Queued = 0,
    /// <summary>A card is being made; a crash here is found and cleaned up by the next run.</summary>
    Producing = 1,
    Produced = 2,
    /// <summary>The request cannot be produced (the reason is in <see cref="ProductionRequestRow.Problem"/>).</summary>
    Failed = 3,
}

/// <summary>A queued card production request in the national store (DOMAIN §5).</summary>
public sealed class ProductionRequestRow
{
    public long Id { get; set; }
    public required string MunicipalityCode { get; set; }
    public required string ApplicationId { get; set; }
    public string? ResidentCode { get; set; }
    /// <summary>The individual number for the chip, sealed under the chip key; erased once the card is made.</summary>
    public byte[]? NumberSealed { get; set; }
    public required string FamilyName { get; set; }
    public required string GivenName { get; set; }
    public required string FamilyNameKana { get; set; }
    public required string GivenNameKana { get; set; }
    public string? NameAltFlags { get; set; }
    public DateOnly BirthDate { get; set; }
    public int Sex { get; set; }
    public required string Address { get; set; }
    public string? AddressAltFlags { get; set; }
    public DateOnly? StayUntil { get; set; }
    public bool SignatureCertificate { get; set; }
    public bool UserCertificate { get; set; }
    public bool Braille { get; set; }
    public required byte[] Photo { get; set; }
    public DateTimeOffset QueuedAt { get; set; }
    public ProductionState State { get; set; }
    /// <summary>The card being made or made last (a remade card replaces it).</summary>
    public string? CardSerial { get; set; }
    public string? Problem { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    public string FullName => FamilyName + "\u3000" + GivenName;
}

public enum ProducedCardState
{
    Making = 0,
    Made = 1,
    /// <summary>On a delivery list, on its way to (or at) the municipality.</summary>
    Listed = 2,
    /// <summary>Unusable: spoiled in production, returned for remaking, or destroyed; its certificates are revoked.</summary>
    Voided = 3,
    /// <summary>廃止 after issuance (DOMAIN §7.4, §8): lost and not found, returned, the holder died, replaced or invalidated; its certificates are revoked.</summary>
    Abolished = 4,
}

/// <summary>A card made by production (DOMAIN §5): its chip is in <c>card_chips</c>, its certificates name it.</summary>
public sealed class ProducedCard
{
    public required string Serial { get; set; }
    public long RequestId { get; set; }
    public required string MunicipalityCode { get; set; }
    public required string ApplicationId { get; set; }
    public DateOnly Expiry { get; set; }
    public ProducedCardState State { get; set; }
    public string? DeliveryListId { get; set; }
    public string? VoidReason { get; set; }
    /// <summary>Keyed hash of the holder's name and birth date, so the call centre can find the card from the four information (§8.3).</summary>
    public byte[]? IdentityHash { get; set; }
    /// <summary>The open call-centre case that suspended the card (§8.3), or null.</summary>
    public string? SuspensionReference { get; set; }
    public DateTimeOffset? SuspendedAt { get; set; }
    public DateTimeOffset MadeAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A delivery list as issued (its file, kept so it can be fetched again).</summary>
public sealed class DeliveryListRow
{
    public required string Id { get; set; }
    public required string MunicipalityCode { get; set; }
    public int CardCount { get; set; }
    public required string Content { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
