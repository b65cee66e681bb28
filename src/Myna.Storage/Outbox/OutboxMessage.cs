namespace Myna.Storage.Outbox;

/// <summary>
/// A change this store sends to another (ARCHITECTURE principle 3), recorded in the transaction of its
/// local effect and delivered in order, per destination, until the receiver acknowledges it. The payload
/// is JSON; an individual number in it is sealed (see <see cref="OutboxPayload"/>), never in clear.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    /// <summary>The receiver keeps this ID in its inbox: a message delivered twice takes effect once.</summary>
    public Guid MessageId { get; set; }
    public required string Kind { get; set; }
    /// <summary>Who receives it: <see cref="Outbox.National"/> or a municipality code. Order holds per destination.</summary>
    public required string Destination { get; set; }
    public required string Payload { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    /// <summary>Why the last attempt failed (the receiver unreachable or busy); never a number.</summary>
    public string? LastError { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    /// <summary>The receiver refused the message for good (a contract refusal): it waits for a person, it is not retried.</summary>
    public DateTimeOffset? RefusedAt { get; set; }
}

/// <summary>A message this store has processed as a receiver, written in the transaction of its effect.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; set; }
    public required string Kind { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    /// <summary>What the receiver answered, when a repeat must get the same answer (never a number in clear).</summary>
    public string? Result { get; set; }
}
