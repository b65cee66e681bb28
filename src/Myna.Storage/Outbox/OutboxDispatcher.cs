using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Myna.Storage.Outbox;

/// <summary>What one delivery round did.</summary>
public sealed record OutboxRound(int Delivered, int Refused, int Waiting, IReadOnlyList<string> Problems);

/// <summary>
/// Delivers a store's outbox (ARCHITECTURE principle 3): unacknowledged messages oldest first; a message
/// that cannot be delivered holds back the later ones to the same destination (order per receiver), and
/// is tried again next round; a refusal is final and recorded for a person. After the receiver has
/// committed, the acknowledgement and the handler's local part are committed together, once: a crash
/// in between only makes the next round deliver again, which the receiver's inbox turns into a no-op.
/// </summary>
public sealed class OutboxDispatcher(Func<DbContext> open, IReadOnlyList<IOutboxHandler> handlers, TimeProvider time, string storeName)
{
    // One round at a time per store in this process; another process delivering too is harmless (idempotent receivers).
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Rounds = new(StringComparer.Ordinal);

    private const int ErrorLength = 500;

    public string StoreName => storeName;

    /// <summary>Whether the desks deliver right after their commit (the normal path). Tests turn it off to stand for a crash there.</summary>
    public bool DeliverAfterCommit { get; init; } = true;

    /// <summary>
    /// Called by a desk right after committing a change with its message: delivers now. A failure here
    /// never undoes the committed change; the message waits for the next round (the background service
    /// or <c>myna outbox deliver</c>).
    /// </summary>
    public async Task AfterCommitAsync(CancellationToken ct)
    {
        FaultPoint.Reach(FaultPoint.Recorded);
        if (!DeliverAfterCommit)
        {
            return;
        }
        try
        {
            await DeliverAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The round itself failed (e.g. the store is busy); the messages stay pending and say nothing lost.
        }
    }

    public async Task<OutboxRound> DeliverAsync(CancellationToken ct = default)
    {
        var gate = Rounds.GetOrAdd(storeName, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            return await RoundAsync(ct);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<OutboxRound> RoundAsync(CancellationToken ct)
    {
        await using var db = open();
        var held = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        int delivered = 0, refused = 0, waiting = 0;
        // Messages an acknowledgement records (a follow-up: the 転入通知 once the card's continuation is answered) have higher IDs
        // than those read so far; they are read and delivered in the same round, still behind what holds their destination.
        long after = 0;
        List<OutboxMessage> pending;
        while ((pending = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.AcknowledgedAt == null && m.RefusedAt == null && m.Id > after)
            .OrderBy(m => m.Id).ToListAsync(ct)).Count > 0)
        {
            after = pending[^1].Id;
            foreach (var message in pending)
            {
                db.ChangeTracker.Clear();
                if (held.Contains(message.Destination))
                {
                    waiting++;
                    continue;
                }
                var handler = handlers.FirstOrDefault(h => h.Kind == message.Kind);
                if (handler is null)
                {
                    await FailedAsync(db, message, $"no handler for messages of kind {message.Kind} in this host", ct);
                    held.Add(message.Destination);
                    problems.Add(Describe(message, "no handler"));
                    waiting++;
                    continue;
                }
                object? answer;
                try
                {
                    answer = await handler.SendAsync(db, message, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException && handler.IsRefusal(e))
                {
                    await RefusedAsync(db, message, e.Message, ct);
                    problems.Add(Describe(message, "refused: " + e.Message));
                    refused++;
                    continue;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    await FailedAsync(db, message, e.GetType().Name + ": " + e.Message, ct);
                    held.Add(message.Destination);
                    problems.Add(Describe(message, e.Message));
                    waiting++;
                    continue;
                }
                FaultPoint.Reach(FaultPoint.Delivered, message.Kind);
                db.ChangeTracker.Clear();
                if (await AcknowledgeAsync(db, handler, message, answer, ct))
                {
                    delivered++;
                }
            }
        }
        return new OutboxRound(delivered, refused, waiting, problems);
    }

    private static string Describe(OutboxMessage m, string problem) =>
        string.Create(CultureInfo.InvariantCulture, $"message {m.MessageId} ({m.Kind} to {m.Destination}): {problem}");

    /// <summary>Marks the message acknowledged and runs the handler's local part, in one transaction; false when another round did it first.</summary>
    private async Task<bool> AcknowledgeAsync(DbContext db, IOutboxHandler handler, OutboxMessage message, object? answer, CancellationToken ct)
    {
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        await using (var ack = Sql.Command(db,
            "UPDATE outbox_messages SET acknowledged_at = @at, attempts = attempts + 1, last_attempt_at = @at, last_error = NULL " +
            "WHERE id = @id AND acknowledged_at IS NULL", "@at", "@id"))
        {
            ack.Set(0, time.GetUtcNow());
            ack.Set(1, message.Id);
            if (await ack.ExecuteNonQueryAsync(ct) == 0)
            {
                return false;
            }
        }
        await handler.AcknowledgedAsync(db, message, answer, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private Task FailedAsync(DbContext db, OutboxMessage message, string error, CancellationToken ct) =>
        MarkAsync(db, message, "attempts = attempts + 1, last_attempt_at = @at, last_error = @e", error, ct);

    private Task RefusedAsync(DbContext db, OutboxMessage message, string error, CancellationToken ct) =>
        MarkAsync(db, message, "attempts = attempts + 1, last_attempt_at = @at, last_error = @e, refused_at = @at", error, ct);

    private async Task MarkAsync(DbContext db, OutboxMessage message, string set, string error, CancellationToken ct)
    {
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        await using var update = Sql.Command(db, $"UPDATE outbox_messages SET {set} WHERE id = @id AND acknowledged_at IS NULL", "@at", "@e", "@id");
        update.Set(0, time.GetUtcNow());
        update.Set(1, error.Length > ErrorLength ? error[..ErrorLength] : error);
        update.Set(2, message.Id);
        await update.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }
}
