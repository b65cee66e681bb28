using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;

namespace Myna.Data.Audit;

/// <summary>
/// Appends to a store's audit log (DOMAIN §12). Appends are serialised (PostgreSQL: a table
/// lock; SQLite: the single writer) so that sequence numbers have no gaps and each record
/// chains to the one before. Call inside the transaction of the action being audited, so the
/// action and its record commit or vanish together.
/// <para>
/// With an <see cref="AuditAnchor"/>, each append first moves the anchor to the newest record
/// already committed (read under the write lock, so it is never ahead of the database), and a
/// clean verification moves it to the end: records cut off the end of the log are then caught.
/// </para>
/// </summary>
public sealed class AuditLog(byte[] key, TimeProvider time, AuditAnchor? anchor = null)
{
    private readonly AuditChain chain = new(key);

    /// <summary>§9: an attempt to obtain a protected address (withheld from <paramref name="actor"/>), logged for the support-measure officer.</summary>
    public Task<long> ProtectedAddressWithheldAsync(DbContext db, string actor, IEnumerable<long> residentIds, string where, CancellationToken ct = default) =>
        AppendAsync(db, actor, AuditActions.ProtectedAddressRefused,
            "resident:" + string.Join(",", residentIds.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))), detail: where, ct: ct);

    public async Task<long> AppendAsync(DbContext db, string actor, string action, string subject,
        string? purpose = null, string? detail = null, CancellationToken ct = default)
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
            if (lastSequence > 0)
            {
                anchor?.Advance(lastSequence, previousHash);
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
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(ct);
            }
            return record.Sequence;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    /// <summary>Checks the whole chain of a store, streaming records in sequence order.</summary>
    public async Task<AuditVerification> VerifyAsync(DbContext db, CancellationToken ct = default)
    {
        var verifier = new AuditChainVerifier(chain);
        AuditRecord? last = null;
        var anchored = anchor?.Read();
        byte[]? hashAtAnchor = null;
        await foreach (var r in db.Set<AuditRecord>().AsNoTracking().OrderBy(r => r.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            verifier.Add(r);
            last = r;
            if (r.Sequence == anchored?.Sequence)
            {
                hashAtAnchor = r.Hash;
            }
        }
        var result = verifier.Result();
        var problems = result.Problems.ToList();
        if (anchored is { } a)
        {
            var end = last?.Sequence ?? 0;
            if (end < a.Sequence)
            {
                problems.Add(new AuditProblem(end + 1, a.Sequence, AuditProblemKind.Missing));
            }
            else if (hashAtAnchor is not null && !hashAtAnchor.AsSpan().SequenceEqual(a.Hash)
                && !problems.Any(p => p.FirstSequence <= a.Sequence && a.Sequence <= p.LastSequence))
            {
                problems.Add(new AuditProblem(a.Sequence, a.Sequence, AuditProblemKind.Altered));
            }
        }
        if (problems.Count == 0 && last is not null)
        {
            anchor?.Advance(last.Sequence, last.Hash);
        }
        return result with { Problems = problems };
    }

    public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset t) =>
        new(t.UtcTicks - (t.UtcTicks % 10), TimeSpan.Zero);
}
