using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Storage.Stores;

namespace Myna.Storage.Audit;

/// <summary>
/// Appends to a store's audit log (DOMAIN §12). Appends are serialised (PostgreSQL: a table
/// lock; SQLite: the single writer) so that sequence numbers have no gaps and each record
/// chains to the one before. Call inside the transaction of the action being audited, so the
/// action and its record commit or vanish together.
/// <para>
/// The end of the log is witnessed outside the store: once the transaction commits, and before
/// the commit returns, the signed <see cref="AuditAnchor"/> moves to its newest record and, for
/// a municipality, the national side receives the same checkpoint. A record that rolls back is
/// never anchored. Records cut off the end, the anchor file deleted, or both, are then named by
/// <see cref="VerifyAsync"/>, which never moves the anchor itself: only an administrator does,
/// through <see cref="AcceptEndAsync"/>, after investigating.
/// </para>
/// </summary>
public sealed class AuditLog(byte[] key, TimeProvider time, AuditAnchor anchor, NationalWitness? national = null)
{
    private readonly AuditChain chain = new(key);

    /// <summary>§9: an attempt to obtain a protected address (withheld from <paramref name="actor"/>), logged for the support-measure officer.</summary>
    public Task<long> ProtectedAddressWithheldAsync(DbContext db, string actor, IEnumerable<long> residentIds, string where, CancellationToken ct = default) =>
        AppendAsync(db, actor, AuditActions.ProtectedAddressRefused,
            "resident:" + string.Join(",", residentIds.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))), detail: where, ct: ct);

    public async Task<long> AppendAsync(DbContext db, string actor, string action, string subject,
        string? purpose = null, string? detail = null, CancellationToken ct = default) =>
        (await AppendRecordAsync(db, actor, action, subject, purpose, detail, ct)).Sequence;

    private async Task<AuditRecord> AppendRecordAsync(DbContext db, string actor, string action, string subject,
        string? purpose, string? detail, CancellationToken ct)
    {
        AuditLimits.Ensure(actor, action, subject, purpose, detail);
        await Sql.OpenAsync(db, ct);
        var ownTransaction = db.Database.CurrentTransaction is null ? await Sql.BeginWriteAsync(db, ct) : null;
        try
        {
            if (Sql.IsPostgres(db))
            {
                await Sql.ExecuteAsync(db, "LOCK TABLE audit_records IN SHARE ROW EXCLUSIVE MODE", ct);
            }
            long lastSequence = 0;
            var previousHash = AuditChain.GenesisHash;
            await using (var last = Sql.Command(db, "SELECT sequence, hash FROM audit_records ORDER BY sequence DESC LIMIT 1"))
            await using (var reader = await last.ExecuteReaderAsync(ct))
            {
                if (await reader.ReadAsync(ct))
                {
                    lastSequence = reader.GetInt64(0);
                    previousHash = (byte[])reader.GetValue(1);
                }
            }
            var record = new AuditRecord
            {
                Sequence = lastSequence + 1,
                // PostgreSQL keeps microseconds: hash exactly what will be read back.
                At = TruncateToMicroseconds(time.GetUtcNow()),
                Actor = actor,
                Action = action,
                Subject = subject,
                Purpose = purpose,
                Detail = detail,
                PreviousHash = previousHash,
                Hash = [],
            };
            record.Hash = chain.ComputeHash(record);
            await using (var insert = Sql.Command(db,
                "INSERT INTO audit_records (sequence, at, actor, action, subject, purpose, detail, previous_hash, hash) " +
                "VALUES (@s, @at, @actor, @action, @subject, @purpose, @detail, @prev, @hash)",
                "@s", "@at", "@actor", "@action", "@subject", "@purpose", "@detail", "@prev", "@hash"))
            {
                insert.Set(0, record.Sequence);
                insert.Set(1, record.At);
                insert.Set(2, record.Actor);
                insert.Set(3, record.Action);
                insert.Set(4, record.Subject);
                insert.Set(5, record.Purpose);
                insert.Set(6, record.Detail);
                insert.Set(7, record.PreviousHash);
                insert.Set(8, record.Hash);
                await insert.ExecuteNonQueryAsync(ct);
            }
            NoteAppended(db, record);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(ct);
            }
            return record;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    // ---- The end of the log, witnessed outside the store ----

    /// <summary>What one transaction appended: where its records start, and its newest record.</summary>
    private sealed class PendingEnd(long firstSequence, byte[] firstPreviousHash)
    {
        public long FirstSequence { get; } = firstSequence;
        public byte[] FirstPreviousHash { get; } = firstPreviousHash;
        public long LastSequence { get; set; }
        public byte[] LastHash { get; set; } = [];
    }

    // One gate per anchor file: the hooks of this process move it one at a time.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> AnchorGates = new(StringComparer.Ordinal);

    private SemaphoreSlim AnchorGate => AnchorGates.GetOrAdd(anchor.FilePath, _ => new SemaphoreSlim(1, 1));

    private void NoteAppended(DbContext db, AuditRecord record)
    {
        var end = AfterCommit.Enlist(db, this, () => new PendingEnd(record.Sequence, record.PreviousHash), e => AdvanceEndAsync(db, e));
        end.LastSequence = record.Sequence;
        end.LastHash = record.Hash;
    }

    /// <summary>
    /// Runs once the transaction has committed: moves the anchor, then the national checkpoint,
    /// to its newest record. Only forward, and only from an anchor the log still holds: an
    /// anchor that is missing (past the first record), damaged, forged, or names a record that
    /// is no longer there is left as it is, as evidence for <see cref="VerifyAsync"/>.
    /// </summary>
    private async Task AdvanceEndAsync(DbContext db, PendingEnd end)
    {
        var gate = AnchorGate;
        await gate.WaitAsync();
        try
        {
            if (!await FollowsAnchorAsync(db, end))
            {
                return;
            }
            anchor.Write(end.LastSequence, end.LastHash);
            if (national is { } n)
            {
                try
                {
                    await n.Checkpoints.RecordAsync(n.Municipality, new AuditCheckpoint(end.LastSequence, end.LastHash));
                }
                catch (ContractRefusedException e) when (e.Code.StartsWith(ContractRefusals.AuditCheckpointPrefix, StringComparison.Ordinal))
                {
                    // The action has committed and must not be reported as failed (it would be
                    // retried and done twice). The national side keeps the checkpoint it holds,
                    // a later writer's or the evidence of a cut end, and verify names it.
                }
                catch (NationalUnavailableException)
                {
                    // The national host is out of reach (ARCHITECTURE principle 1): the action has committed all the same,
                    // and the next committed record's checkpoint carries this one's end along.
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<bool> FollowsAnchorAsync(DbContext db, PendingEnd end)
    {
        var current = anchor.Read();
        return current.State switch
        {
            AnchorState.Missing => end.FirstSequence == 1,
            // Another transaction committed after this one and has already moved it further.
            AnchorState.Valid when current.Sequence >= end.LastSequence => false,
            AnchorState.Valid when current.Sequence == end.FirstSequence - 1 => current.Hash.AsSpan().SequenceEqual(end.FirstPreviousHash),
            AnchorState.Valid => await StoredHashAsync(db, current.Sequence) is { } stored && stored.AsSpan().SequenceEqual(current.Hash),
            _ => false,
        };
    }

    private static async Task<byte[]?> StoredHashAsync(DbContext db, long sequence)
    {
        // Outside any transaction: the one that appended has committed.
        await using var select = db.Database.GetDbConnection().CreateCommand();
        select.CommandText = "SELECT hash FROM audit_records WHERE sequence = @s";
        var p = select.CreateParameter();
        p.ParameterName = "@s";
        p.Value = sequence;
        select.Parameters.Add(p);
        return await select.ExecuteScalarAsync() as byte[];
    }

    /// <summary>
    /// Checks the whole chain of a store, streaming records in sequence order, and its end
    /// against the anchor file and (for a municipality) the national checkpoint. Changes nothing.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(DbContext db, CancellationToken ct = default)
    {
        var reading = anchor.Read();
        var checkpoint = national is { } n ? await n.Checkpoints.LatestAsync(n.Municipality, ct) : null;
        var verifier = new AuditChainVerifier(chain);
        long end = 0;
        byte[]? atAnchor = null;
        byte[]? atCheckpoint = null;
        await foreach (var r in db.Set<AuditRecord>().AsNoTracking().OrderBy(r => r.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            verifier.Add(r);
            end = Math.Max(end, r.Sequence);
            if (reading.IsValid && r.Sequence == reading.Sequence)
            {
                atAnchor = r.Hash;
            }
            if (r.Sequence == checkpoint?.Sequence)
            {
                atCheckpoint = r.Hash;
            }
        }
        var result = verifier.Result();
        var problems = result.Problems.ToList();
        var first = end == 0 ? 0 : 1;
        switch (reading.State)
        {
            case AnchorState.Missing when end > 0:
                problems.Add(new AuditProblem(first, end, AuditProblemKind.AnchorMissing));
                break;
            case AnchorState.Damaged:
                problems.Add(new AuditProblem(first, end, AuditProblemKind.AnchorDamaged, reading.Problem));
                break;
            case AnchorState.Forged:
                problems.Add(new AuditProblem(reading.Sequence, end, AuditProblemKind.AnchorForged));
                break;
            case AnchorState.Valid:
                CheckWitness(problems, "the anchor file", reading.Sequence, reading.Hash, atAnchor, end);
                break;
        }
        if (national is not null)
        {
            if (checkpoint is null)
            {
                if (end > 0)
                {
                    problems.Add(new AuditProblem(first, end, AuditProblemKind.CheckpointMissing));
                }
            }
            else
            {
                CheckWitness(problems, "the national checkpoint", checkpoint.Sequence, checkpoint.Hash, atCheckpoint, end);
            }
        }
        return result with { Problems = problems };
    }

    private static void CheckWitness(List<AuditProblem> problems, string witness, long sequence, byte[] hash, byte[]? stored, long end)
    {
        if (end < sequence)
        {
            problems.Add(new AuditProblem(end + 1, sequence, AuditProblemKind.CutFromEnd, witness));
        }
        else if (stored is null || !stored.AsSpan().SequenceEqual(hash))
        {
            // A record already named by the chain check (altered, say) is not named twice.
            if (!problems.Any(p => p.Kind <= AuditProblemKind.BrokenLink && p.FirstSequence <= sequence && sequence <= p.LastSequence))
            {
                problems.Add(new AuditProblem(sequence, sequence, AuditProblemKind.EndRewritten, witness));
            }
        }
    }

    /// <summary>
    /// An administrator accepts the log's end as it now is, after investigating what
    /// <see cref="VerifyAsync"/> reported (DOMAIN §12: never silently). The acceptance is itself
    /// appended, with the reason and what the anchor file and the national checkpoint said;
    /// then both are set to that record, even backwards. Not inside another transaction.
    /// </summary>
    public async Task<AuditEndAccepted> AcceptEndAsync(DbContext db, string actor, string reason, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("accepting the end of the audit log commits on its own, outside any transaction");
        }
        var before = anchor.Read();
        var checkpoint = national is { } n ? await n.Checkpoints.LatestAsync(n.Municipality, ct) : null;
        var storeEnd = await db.Set<AuditRecord>().MaxAsync(r => (long?)r.Sequence, ct) ?? 0;
        var detail = string.Create(CultureInfo.InvariantCulture, $"{reason} | the log ended at sequence {storeEnd}; anchor file: {before}") +
            (national is null ? "" : "; national checkpoint: " + (checkpoint?.ToString() ?? "none"));
        var record = await AppendRecordAsync(db, actor, AuditActions.AuditEndAccepted, "audit-log", null, detail, ct);
        var gate = AnchorGate;
        await gate.WaitAsync(ct);
        try
        {
            anchor.Write(record.Sequence, record.Hash);
        }
        finally
        {
            gate.Release();
        }
        if (national is { } witness)
        {
            await witness.Checkpoints.AcceptAsync(witness.Municipality, new AuditCheckpoint(record.Sequence, record.Hash), reason, ct);
        }
        return new AuditEndAccepted(record.Sequence, storeEnd, before, checkpoint);
    }

    public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset t) =>
        new(t.UtcTicks - (t.UtcTicks % 10), TimeSpan.Zero);
}

/// <summary>For a municipality's log: the national side that keeps its checkpoints.</summary>
public sealed record NationalWitness(MunicipalityCode Municipality, IAuditCheckpoints Checkpoints);

/// <summary>What <see cref="AuditLog.AcceptEndAsync"/> did, and what it replaced.</summary>
public sealed record AuditEndAccepted(long Sequence, long PreviousEnd, AnchorReading AnchorBefore, AuditCheckpoint? CheckpointBefore);
