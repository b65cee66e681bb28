using Microsoft.EntityFrameworkCore;

namespace Myna.Storage.Outbox;

/// <summary>
/// How one kind of message is delivered: through its contract, passing the message ID (the receiver is
/// idempotent by it), then — in the sender's transaction that records the acknowledgement — the part of
/// the local effect that needed the receiver's answer. New kinds (forwards between municipalities,
/// information linkage) add a handler; the dispatcher does not change.
/// </summary>
public interface IOutboxHandler
{
    string Kind { get; }

    /// <summary>Delivers the message; returns the receiver's answer (kept in memory only) for <see cref="AcknowledgedAsync"/>.</summary>
    Task<object?> SendAsync(DbContext store, OutboxMessage message, CancellationToken ct);

    /// <summary>Runs inside the transaction that marks the message acknowledged, exactly once per message.</summary>
    Task AcknowledgedAsync(DbContext store, OutboxMessage message, object? answer, CancellationToken ct);

    /// <summary>Whether the exception is the receiver's final refusal (not retried) rather than a failure to reach it.</summary>
    bool IsRefusal(Exception e);
}
