namespace Myna.Core.Notices;

/// <summary>
/// 居所情報登録 (DOMAIN §3.2): where a resident who cannot receive mail at the registered address
/// receives the notification. Never edited once recorded: a changed residence is a new
/// registration that supersedes this one (§0.3 principle 4).
/// </summary>
public sealed class ResidenceRegistration
{
    public long Id { get; set; }
    public long ResidentId { get; set; }
    public ResidenceReason Reason { get; set; }
    /// <summary>Free text for <see cref="ResidenceReason.Other"/> (the unavoidable reason).</summary>
    public string? ReasonDetail { get; set; }
    public DeliveryKind Delivery { get; set; }

    /// <summary>The residence (居所) itself; also where the letter goes when <see cref="Delivery"/> is Residence.</summary>
    public string? PostalCode { get; set; }
    public required string Address { get; set; }

    public string? ProxyName { get; set; }
    public string? ProxyPostalCode { get; set; }
    public string? ProxyAddress { get; set; }
    /// <summary>Proof of the proxy's authority (委任状 etc.) and a copy of the proxy's ID were seen.</summary>
    public bool ProxyAuthorityChecked { get; set; }

    /// <summary>A copy of the resident's identity document was attached.</summary>
    public bool IdDocumentChecked { get; set; }
    /// <summary>Proof that the resident lives at / can receive at the delivery place.</summary>
    public bool DeliveryProofChecked { get; set; }
    /// <summary>Evacuees: consent to share evacuee information with the origin municipality and prefecture.</summary>
    public bool ConsentToShare { get; set; }

    /// <summary>Date the form was received.</summary>
    public DateOnly ReceivedOn { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedBy { get; set; }

    /// <summary>Set when a newer registration replaces this one (再登録) or it is withdrawn.</summary>
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndedReason { get; set; }
    public long? SupersededById { get; set; }

    public bool IsCurrent => EndedAt is null;
}

/// <summary>Reason categories of DOMAIN §3.2.</summary>
public enum ResidenceReason
{
    /// <summary>東日本大震災等の避難者.</summary>
    DisasterEvacuee = 1,
    /// <summary>DV・ストーカー・児童虐待等の被害者.</summary>
    AbuseVictim = 2,
    /// <summary>長期入院・施設入所等.</summary>
    HospitalOrFacility = 3,
    /// <summary>その他やむを得ない理由.</summary>
    Other = 4,
}
