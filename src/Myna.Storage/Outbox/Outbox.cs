using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Myna.Storage.Outbox;

/// <summary>
/// The sender's half of ARCHITECTURE principle 3: a change that crosses to another store is recorded
/// here, inside the transaction of its local effect, so the two can never part: either both are
/// committed or neither is. <see cref="OutboxDispatcher"/> delivers it afterwards.
/// </summary>
public static class Outbox
{
    /// <summary>The destination of messages to the national side (J-LIS).</summary>
    public const string National = "national";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Records a message in the store's outbox. Refuses to run outside a transaction: a message recorded
    /// apart from its local effect is exactly the half-done change the outbox exists to prevent.
    /// </summary>
    public static async Task<Guid> RecordAsync<T>(DbContext db, string kind, string destination, T payload, TimeProvider time, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException($"an outbox message ({kind}) must be recorded in the transaction of its local effect");
        }
        if (destination != National && !Core.Identifiers.MunicipalityCode.TryParse(destination, out _, out _))
        {
            // §9: what a desk sends goes to a store — the national side or a municipality — never to a person or an address
            // (a move-out's acknowledgement cannot be addressed to anyone, let alone the offender).
            throw new InvalidOperationException($"an outbox message ({kind}) goes to the national side or a municipality code, not to '{destination}'");
        }
        var id = Guid.NewGuid();
        await using var insert = Sql.Command(db,
            "INSERT INTO outbox_messages (message_id, kind, destination, payload, created_at, attempts) VALUES (@id, @k, @d, @p, @at, 0)",
            "@id", "@k", "@d", "@p", "@at");
        insert.Set(0, id.ToString("D"));
        insert.Set(1, kind);
        insert.Set(2, destination);
        insert.Set(3, JsonSerializer.Serialize(payload, Json));
        insert.Set(4, time.GetUtcNow());
        await insert.ExecuteNonQueryAsync(ct);
        return id;
    }

    public static T Read<T>(OutboxMessage message) =>
        JsonSerializer.Deserialize<T>(message.Payload, Json)
        ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"outbox message {message.Id} ({message.Kind}) has no payload"));

    /// <summary>The messages not yet acknowledged (pending or refused), oldest first.</summary>
    public static Task<List<OutboxMessage>> OpenAsync(DbContext db, CancellationToken ct = default) =>
        db.Set<OutboxMessage>().AsNoTracking().Where(m => m.AcknowledgedAt == null).OrderBy(m => m.Id).ToListAsync(ct);

    /// <summary>One message by its ID, as it stands now.</summary>
    public static Task<OutboxMessage?> FindAsync(DbContext db, Guid messageId, CancellationToken ct = default) =>
        db.Set<OutboxMessage>().AsNoTracking().FirstOrDefaultAsync(m => m.MessageId == messageId, ct);

    /// <summary>Counts for the operator: acknowledged, pending (still retried) and refused (waiting for a person).</summary>
    public static async Task<OutboxCounts> CountAsync(DbContext db, CancellationToken ct = default)
    {
        var set = db.Set<OutboxMessage>().AsNoTracking();
        return new OutboxCounts(
            await set.CountAsync(m => m.AcknowledgedAt != null, ct),
            await set.CountAsync(m => m.AcknowledgedAt == null && m.RefusedAt == null, ct),
            await set.CountAsync(m => m.AcknowledgedAt == null && m.RefusedAt != null, ct));
    }
}

public sealed record OutboxCounts(int Acknowledged, int Pending, int Refused);
