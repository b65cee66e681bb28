namespace Myna.Core.Issuance;

/// <summary>
/// An issuance notice (交付通知書, DOMAIN §6.2) for a card ready to be handed over: its number (on
/// the page as text and QR code) identifies the card at the window and on the booking page.
/// </summary>
public sealed class IssuanceNotice
{
    public long Id { get; set; }
    public long CardId { get; set; }
    /// <summary>12 digits: 11 random and a Luhn check digit.</summary>
    public required string Number { get; set; }
    /// <summary>The day of the wave it went out in.</summary>
    public DateOnly SentOn { get; set; }
    /// <summary>交付期限.</summary>
    public DateOnly Deadline { get; set; }
    public DateOnly? ReminderSentOn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}
