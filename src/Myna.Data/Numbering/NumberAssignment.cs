using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Core.Numbering;
using Myna.Core.Protection;
using Myna.Data.Audit;

namespace Myna.Data.Numbering;

public sealed record NumberingProgress(long Done, long Total);

public sealed record NumberingSummary(long RunId, long Numbered, long AlreadyNumbered);

/// <summary>
/// The municipal numbering batch (DOMAIN §1.3, ARCHITECTURE principle 6): numbers every active
/// resident who has none, in chunks. Each chunk asks the national side (idempotent), then
/// stores the numbers, its audit record and the run's progress in one transaction. Killed at
/// any point and run again, it picks up the residents still without a number; the unique
/// indexes make a second number for a resident, or a shared number, impossible.
/// </summary>
public sealed class NumberAssignment(INationalNumbering national, AuditLog audit, NumberProtector protector, TimeProvider time)
{
    public const int ChunkSize = 5000;

    private const string Unnumbered =
        "FROM residents r WHERE r.status = 1 AND NOT EXISTS " +
        "(SELECT 1 FROM resident_numbers n WHERE n.resident_id = r.id AND n.is_current)";

    public async Task<NumberingSummary> RunAsync(MunicipalDb db, MunicipalityCode municipality, string actor,
        IProgress<NumberingProgress>? progress = null, CancellationToken ct = default)
    {
        await Sql.OpenAsync(db, ct);
        long pending;
        await using (var count = Sql.Command(db, "SELECT COUNT(*) " + Unnumbered))
        {
            pending = Convert.ToInt64(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }
        var run = new NumberingRun { StartedAt = time.GetUtcNow(), Pending = pending };
        db.NumberingRuns.Add(run);
        await db.SaveChangesAsync(ct);
        progress?.Report(new NumberingProgress(0, pending));

        long done = 0, lastId = 0;
        var ids = new List<long>(ChunkSize);
        var codes = new List<ResidentCode>(ChunkSize);
        await using var select = Sql.Command(db, $"SELECT r.id, r.resident_code {Unnumbered} AND r.id > @last ORDER BY r.id LIMIT {ChunkSize}", "@last");
        while (true)
        {
            ids.Clear();
            codes.Clear();
            select.Transaction = null;
            select.Set(0, lastId);
            await using (var reader = await select.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    ids.Add(reader.GetInt64(0));
                    codes.Add(ResidentCode.Parse(reader.GetString(1)));
                }
            }
            if (ids.Count == 0)
            {
                break;
            }
            lastId = ids[^1];
            var numbers = await national.AssignAsync(municipality, codes, ct);
            done += await StoreChunkAsync(db, run.Id, ids, numbers, actor, done, ct);
            progress?.Report(new NumberingProgress(done, pending));
        }
        run.FinishedAt = time.GetUtcNow();
        run.Done = done;
        await db.SaveChangesAsync(ct);
        return new NumberingSummary(run.Id, done, await db.ResidentNumbers.CountAsync(n => n.IsCurrent, ct) - done);
    }

    private async Task<long> StoreChunkAsync(MunicipalDb db, long runId, List<long> ids, IReadOnlyList<IndividualNumber> numbers,
        string actor, long doneBefore, CancellationToken ct)
    {
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var now = time.GetUtcNow();
        long stored = 0;
        await using (var insert = Sql.Command(db,
            "INSERT INTO resident_numbers (resident_id, cipher, lookup_hash, last4, is_current, assigned_at) " +
            "VALUES (@r, @c, @h, @l, TRUE, @at) ON CONFLICT DO NOTHING", "@r", "@c", "@h", "@l", "@at"))
        {
            for (var i = 0; i < ids.Count; i++)
            {
                var p = protector.Protect(numbers[i], ids[i]);
                insert.Set(0, ids[i]);
                insert.Set(1, p.Cipher);
                insert.Set(2, p.LookupHash);
                insert.Set(3, p.Last4);
                insert.Set(4, now);
                stored += await insert.ExecuteNonQueryAsync(ct);
            }
        }
        await using (var update = Sql.Command(db, "UPDATE numbering_runs SET done = @d WHERE id = @id", "@d", "@id"))
        {
            update.Set(0, doneBefore + stored);
            update.Set(1, runId);
            await update.ExecuteNonQueryAsync(ct);
        }
        await audit.AppendAsync(db, actor, AuditActions.NumbersAssigned,
            string.Create(CultureInfo.InvariantCulture, $"residents:{ids[0]}-{ids[^1]}"),
            detail: string.Create(CultureInfo.InvariantCulture, $"run={runId} numbered={stored}"), ct: ct);
        await tx.CommitAsync(ct);
        return stored;
    }

    /// <summary>
    /// 番号変更 (DOMAIN §1.3): only when the number has leaked and misuse is feared. The old
    /// number stays in the history as retired; the new one becomes current.
    /// </summary>
    public async Task<string> ChangeAsync(MunicipalDb db, MunicipalityCode municipality, long residentId, string reason, string actor, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("a number change needs the reason (e.g. the leak it answers)", nameof(reason));
        }
        var resident = await db.Residents.AsNoTracking().FirstOrDefaultAsync(r => r.Id == residentId, ct)
            ?? throw new InvalidOperationException($"resident {residentId} does not exist");
        var current = await db.ResidentNumbers.FirstOrDefaultAsync(n => n.ResidentId == residentId && n.IsCurrent, ct)
            ?? throw new InvalidOperationException($"resident {residentId} has no number to change");
        var number = await national.ChangeAsync(municipality, ResidentCode.Parse(resident.ResidentCode), ct);
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var now = time.GetUtcNow();
        current.IsCurrent = false;
        current.RetiredAt = now;
        current.RetiredReason = reason.Trim();
        await db.SaveChangesAsync(ct);
        var p = protector.Protect(number, residentId);
        db.ResidentNumbers.Add(new ResidentNumber
        {
            ResidentId = residentId,
            Cipher = p.Cipher,
            LookupHash = p.LookupHash,
            Last4 = p.Last4,
            IsCurrent = true,
            AssignedAt = now,
        });
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, AuditActions.NumberChanged, $"resident:{residentId}", detail: reason.Trim(), ct: ct);
        await tx.CommitAsync(ct);
        return number.Masked;
    }
}
