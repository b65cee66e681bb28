namespace Myna.Core.Residents;

/// <summary>
/// One 異動 or correction in a resident's history (DOMAIN §2). Events are only ever added;
/// <see cref="Snapshot"/> holds the resident's register data as it stood after the event, so
/// the history can be read without replaying anything.
/// </summary>
public sealed class ResidentEvent
{
    public long Id { get; set; }
    public long ResidentId { get; set; }
    public ResidentEventType Type { get; set; }
    /// <summary>When the change took effect in fact (異動日).</summary>
    public DateOnly EffectiveDate { get; set; }
    /// <summary>When it was notified to the municipality (届出日).</summary>
    public DateOnly NotificationDate { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedBy { get; set; }
    /// <summary>Short human note: which fields changed, or why.</summary>
    public string? Note { get; set; }
    /// <summary>JSON of <see cref="ResidentSnapshot"/> after the event.</summary>
    public required string Snapshot { get; set; }
}

public enum ResidentEventType
{
    /// <summary>First entry when a register is loaded into Myna.</summary>
    InitialRegistration = 1,
    Birth = 2,
    MoveInFromMunicipality = 3,
    MoveInFromAbroad = 4,
    AddressChangeWithin = 5,
    MoveOut = 6,
    Death = 7,
    DeletionExOfficio = 8,
    NameChange = 9,
    Correction = 10,
    /// <summary>国外転出 (DOMAIN §8.6): recorded by the dated processing on the move date, with the notification's date.</summary>
    MoveOutAbroad = 11,
    /// <summary>
    /// 在留資格等の変更: a foreign resident's status of residence or period of stay changed (an extension, 在留期間更新, or a change
    /// of status), as the Immigration Services Agency notifies the municipality (住基法 第30条の50). DOMAIN §8.1, §8.5.
    /// </summary>
    ResidenceStatusChange = 12,
}
