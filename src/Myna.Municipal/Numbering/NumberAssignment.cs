using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Core.Protection;
using Myna.Storage;
using Myna.Storage.Audit;

namespace Myna.Municipal.Numbering;

public sealed record NumberingProgress(long Done, long Total);

public sealed record NumberingSummary(long RunId, long Numbered, long AlreadyNumbered);

/// <summary>
/// The municipal numbering batch (DOMAIN §1.3, ARCHITECTURE principle 6): numbers every active
/// resident who has none, in chunks. Each chunk asks the national side (idempotent), then
/// stores the numbers, its audit record and the run's progress in one transaction. Killed at
/// any point and run again, it picks up the residents still without a number; the unique
/// indexes make a second number for a resident, or a shared number, impossible.
/// </summary>
public sealed class NumberAssignment(INationalNumbering national, AuditLog audit, NumberProtector protector, TimeProvider time, Storage.Outbox.OutboxDispatcher outbox)
{
    public const int ChunkSize = 5000;

    private const string Unnumbered =
        "FROM residents r WHERE r.status = 1 AND NOT EXISTS " +
        "(SELECT 1 FROM resident_numbers n WHERE n.resident_id = r.id AND n.is_current)";

    private const string LatestMoveIn = "FROM incoming_move_outs i WHERE i.moved_in_resident_id = resident_numbers.resident_id ORDER BY i.id DESC LIMIT 1";

    /// <summary>
    /// DOMAIN §3.1, §8.6: a person who moved in without a card arrives without the number; numbered here, the number is the
    /// one the origin numbered and, when its advance information says so, already notified there. The status of the latest
    /// move-in is copied to the person's first number here (never to a number that replaced another: a changed number is
    /// notified anew), so the notification batch leaves it out.
    /// </summary>
    private const string CarryNotification =
        $"UPDATE resident_numbers SET notified_by = (SELECT COALESCE(i.number_notified_by, i.origin) {LatestMoveIn}), " +
        $"notified_on = (SELECT i.number_notified_on {LatestMoveIn}) " +
        "WHERE resident_id BETWEEN @first AND @last AND is_current AND notified_by IS NULL " +
        $"AND (SELECT i.number_notification {LatestMoveIn}) = 1 " +
        "AND NOT EXISTS (SELECT 1 FROM resident_numbers o WHERE o.resident_id = resident_numbers.resident_id AND NOT o.is_current) " +
        "AND NOT EXISTS (SELECT 1 FROM notices x WHERE x.resident_number_id = resident_numbers.id)";

    public async Task<NumberingSummary> RunAsync(MunicipalDb db, MunicipalityCode municipality, string actor,
        IProgress<NumberingProgress>? progress = null, CancellationToken ct = default)
    {
        await Sql.OpenAsync(db, ct);
        long pending;
        await using (var count = Sql.Command(db, "SELECT COUNT(*) " + Unnumbered))
        {
            pending = Convert.ToInt64(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }
        long runId;
        await using (var start = Sql.Command(db, "INSERT INTO numbering_runs (started_at, pending, done) VALUES (@at, @p, 0) RETURNING id", "@at", "@p"))
        {
            start.Set(0, time.GetUtcNow());
            start.Set(1, pending);
            runId = Convert.ToInt64(await start.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }
        progress?.Report(new NumberingProgress(0, pending));

        long done = 0;
        await using var select = Sql.Command(db, $"SELECT r.id, r.resident_code {Unnumbered} AND r.id > @last ORDER BY r.id LIMIT {ChunkSize}", "@last");
        // A pipeline over the two cores: while this thread stores chunk k, another asks the
        // national side for chunk k+1 and encrypts it. Chunks are disjoint id ranges.
        var chunk = await SelectChunkAsync(select, 0, ct);
        var preparing = chunk is null ? null : Task.Run(() => PrepareAsync(municipality, chunk, ct), ct);
        while (preparing is not null)
        {
            var prepared = await preparing;
            var next = await SelectChunkAsync(select, prepared.Ids[^1], ct);
            preparing = next is null ? null : Task.Run(() => PrepareAsync(municipality, next, ct), ct);
            done += await StoreChunkAsync(db, runId, prepared, actor, done, ct);
            progress?.Report(new NumberingProgress(done, pending));
        }
        await using (var finish = Sql.Command(db, "UPDATE numbering_runs SET finished_at = @at, done = @d WHERE id = @id", "@at", "@d", "@id"))
        {
            finish.Set(0, time.GetUtcNow());
            finish.Set(1, done);
            finish.Set(2, runId);
            await finish.ExecuteNonQueryAsync(ct);
        }
        long numbered;
        await using (var count = Sql.Command(db, "SELECT COUNT(*) FROM resident_numbers WHERE is_current"))
        {
            numbered = Convert.ToInt64(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }
        return new NumberingSummary(runId, done, numbered - done);
    }

    private sealed record Chunk(List<long> Ids, List<ResidentCode> Codes);

    private sealed record PreparedChunk(List<long> Ids, ProtectedNumber[] Numbers);

    private static async Task<Chunk?> SelectChunkAsync(System.Data.Common.DbCommand select, long afterId, CancellationToken ct)
    {
        var chunk = new Chunk(new List<long>(ChunkSize), new List<ResidentCode>(ChunkSize));
        select.Transaction = null;
        select.Set(0, afterId);
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            chunk.Ids.Add(reader.GetInt64(0));
            chunk.Codes.Add(ResidentCode.Parse(reader.GetString(1)));
        }
        return chunk.Ids.Count == 0 ? null : chunk;
    }

    private async Task<PreparedChunk> PrepareAsync(MunicipalityCode municipality, Chunk chunk, CancellationToken ct)
    {
        var numbers = await national.AssignAsync(municipality, chunk.Codes, ct);
        var sealedNumbers = new ProtectedNumber[numbers.Count];
        for (var i = 0; i < numbers.Count; i++)
        {
            sealedNumbers[i] = protector.Protect(numbers[i], chunk.Ids[i]);
        }
        return new PreparedChunk(chunk.Ids, sealedNumbers);
    }

    /// <summary>
    /// Stores one chunk with its progress and audit record in one transaction. ON CONFLICT skips
    /// a resident numbered meanwhile by another run; the unique indexes keep numbers one per
    /// resident and unshared.
    /// </summary>
    private async Task<long> StoreChunkAsync(MunicipalDb db, long runId, PreparedChunk chunk, string actor, long doneBefore, CancellationToken ct)
    {
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var now = time.GetUtcNow();
        long stored = 0;
        await using (var insert = Sql.Command(db,
            "INSERT INTO resident_numbers (resident_id, cipher, lookup_hash, last4, is_current, assigned_at) " +
            "VALUES (@r, @c, @h, @l, TRUE, @at) ON CONFLICT DO NOTHING", "@r", "@c", "@h", "@l", "@at"))
        {
            insert.Set(4, now);
            for (var i = 0; i < chunk.Ids.Count; i++)
            {
                var p = chunk.Numbers[i];
                insert.Set(0, chunk.Ids[i]);
                insert.Set(1, p.Cipher);
                insert.Set(2, p.LookupHash);
                insert.Set(3, p.Last4);
                stored += await insert.ExecuteNonQueryAsync(ct);
            }
        }
        await using (var carried = Sql.Command(db, CarryNotification, "@first", "@last"))
        {
            carried.Set(0, chunk.Ids[0]);
            carried.Set(1, chunk.Ids[^1]);
            await carried.ExecuteNonQueryAsync(ct);
        }
        await using (var update = Sql.Command(db, "UPDATE numbering_runs SET done = @d WHERE id = @id", "@d", "@id"))
        {
            update.Set(0, doneBefore + stored);
            update.Set(1, runId);
            await update.ExecuteNonQueryAsync(ct);
        }
        await audit.AppendAsync(db, actor, AuditActions.NumbersAssigned,
            string.Create(CultureInfo.InvariantCulture, $"residents:{chunk.Ids[0]}-{chunk.Ids[^1]}"),
            detail: string.Create(CultureInfo.InvariantCulture, $"run={runId} numbered={stored}"), ct: ct);
        await tx.CommitAsync(ct);
        return stored;
    }

    /// <summary>
    /// 番号変更 (DOMAIN §1.3): only when the number has leaked and misuse is feared. The request is
    /// recorded in the outbox (ARCHITECTURE principle 3) and delivered to the national side at once; the
    /// new number becomes current here, and the old one retired, in the transaction that records the
    /// national side's acknowledgement (<see cref="NumberChangeMessages"/>). A request still waiting from
    /// an interrupted run is delivered instead of asking for a second change.
    /// </summary>
    public async Task<NumberChange> ChangeAsync(MunicipalDb db, MunicipalityCode municipality, long residentId, string reason, string actor,
        CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("a number change needs the reason (e.g. the leak it answers)", nameof(reason));
        }
        var resident = await db.Residents.AsNoTracking().FirstOrDefaultAsync(r => r.Id == residentId, ct)
            ?? throw new InvalidOperationException($"resident {residentId} does not exist");
        if (!await db.ResidentNumbers.AnyAsync(n => n.ResidentId == residentId && n.IsCurrent, ct))
        {
            throw new InvalidOperationException($"resident {residentId} has no number to change");
        }
        var waiting = (await Storage.Outbox.Outbox.OpenAsync(db, ct))
            .FirstOrDefault(m => m.Kind == NumberChangeMessages.Kind && m.RefusedAt is null && Storage.Outbox.Outbox.Read<NumberChangeRequest>(m).ResidentId == residentId);
        var messageId = waiting?.MessageId ?? Guid.Empty;
        if (waiting is null)
        {
            await using var tx = await Sql.BeginWriteAsync(db, ct);
            messageId = await Storage.Outbox.Outbox.RecordAsync(db, NumberChangeMessages.Kind, Storage.Outbox.Outbox.National,
                new NumberChangeRequest(residentId, resident.ResidentCode, reason.Trim(), actor), time, ct);
            await audit.AppendAsync(db, actor, AuditActions.NumberChangeRequested, $"resident:{residentId}", detail: reason.Trim(), ct: ct);
            await tx.CommitAsync(ct);
        }
        await outbox.AfterCommitAsync(ct);
        var message = await Storage.Outbox.Outbox.FindAsync(db, messageId, ct) ?? throw new InvalidOperationException("the number change request disappeared");
        if (message.AcknowledgedAt is null)
        {
            return new NumberChange(messageId, waiting is not null, null, message.RefusedAt is not null, message.LastError);
        }
        var last4 = await db.ResidentNumbers.AsNoTracking().Where(n => n.ResidentId == residentId && n.IsCurrent).Select(n => n.Last4).FirstAsync(ct);
        return new NumberChange(messageId, waiting is not null, "********" + last4, false, null);
    }
}

/// <summary>
/// The outcome of a number change: done (the masked new number), refused by the national side, or
/// waiting for delivery (the message stays in the outbox). <see cref="Resumed"/>: an earlier request was completed.
/// </summary>
public sealed record NumberChange(Guid MessageId, bool Resumed, string? Masked, bool Refused, string? Problem)
{
    public bool Done => Masked is not null;
}
