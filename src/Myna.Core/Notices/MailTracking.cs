namespace Myna.Core.Notices;

/// <summary>States of an envelope (DOMAIN §3.3). Every change is kept as a <see cref="MailEvent"/>.</summary>
public enum MailState
{
    /// <summary>In the print data, not yet handed to the post.</summary>
    Prepared = 1,
    /// <summary>Posted; the registered-mail number is known.</summary>
    Sent = 2,
    /// <summary>Kept at the office for the resident (留め置き, §3.2).</summary>
    HeldAtOffice = 3,
    /// <summary>Came back (返戻) and is in the 3-month storage.</summary>
    Returned = 4,
    /// <summary>Returned, and an ordinary letter asked the resident to collect it (宛所なし).</summary>
    ReminderSent = 5,
    /// <summary>Handed over at the window (窓口交付).</summary>
    HandedOver = 6,
    /// <summary>Sent again in a re-send batch (再送付); the new envelope carries on.</summary>
    Resent = 7,
    /// <summary>Return registration and disposal (返還登録・廃棄).</summary>
    Disposed = 8,
}

/// <summary>Why the post returned an envelope (DOMAIN §3.3).</summary>
public enum ReturnReason
{
    /// <summary>宛所なし.</summary>
    AddresseeUnknown = 1,
    /// <summary>保管期間経過.</summary>
    StorageExpired = 2,
    /// <summary>受取拒否.</summary>
    Refused = 3,
    /// <summary>その他.</summary>
    Other = 4,
}

/// <summary>What the register says about the addressee of a returned envelope (DOMAIN §3.3).</summary>
public enum ReturnFinding
{
    /// <summary>Still lives there.</summary>
    StillResident = 1,
    /// <summary>Moved within the municipality (転居).</summary>
    MovedWithin = 2,
    /// <summary>Moved out (転出).</summary>
    MovedOut = 3,
    /// <summary>Deleted from the register (death, no residence).</summary>
    Deleted = 4,
}

/// <summary>One state change of an envelope, never edited.</summary>
public sealed class MailEvent
{
    public long Id { get; set; }
    public long EnvelopeId { get; set; }
    public MailState FromState { get; set; }
    public MailState ToState { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public string? Note { get; set; }
}
