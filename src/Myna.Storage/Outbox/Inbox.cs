namespace Myna.Storage.Outbox;

/// <summary>
/// The receiver's half of ARCHITECTURE principle 3: each message ID is processed once. A receiver looks
/// its message up first and, when new, writes it here in the same transaction as its effect, so a
/// delivery repeated after a crash on either side finds it and changes nothing.
/// </summary>
public static class Inbox
{
    /// <summary>Whether the message was processed already, and what was answered then.</summary>
    public static async Task<(bool Seen, string? Result)> LookUpAsync(Microsoft.EntityFrameworkCore.DbContext db, Guid messageId, CancellationToken ct)
    {
        await Sql.OpenAsync(db, ct);
        await using var select = Sql.Command(db, "SELECT result FROM inbox_messages WHERE message_id = @id", "@id");
        select.Set(0, messageId.ToString("D"));
        await using var reader = await select.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return (false, null);
        }
        return (true, reader.IsDBNull(0) ? null : reader.GetString(0));
    }

    /// <summary>Records the message as processed; must run in the receiver's transaction. False when it was already there.</summary>
    public static async Task<bool> RecordAsync(Microsoft.EntityFrameworkCore.DbContext db, Guid messageId, string kind, string? result, TimeProvider time,
        CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException($"a received message ({kind}) must be recorded in the transaction of its effect");
        }
        await using var insert = Sql.Command(db,
            "INSERT INTO inbox_messages (message_id, kind, received_at, result) VALUES (@id, @k, @at, @r) ON CONFLICT DO NOTHING", "@id", "@k", "@at", "@r");
        insert.Set(0, messageId.ToString("D"));
        insert.Set(1, kind);
        insert.Set(2, time.GetUtcNow());
        insert.Set(3, result);
        return await insert.ExecuteNonQueryAsync(ct) == 1;
    }
}
