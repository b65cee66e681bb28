using System.Data.Common;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Storage.Stores;

namespace Myna.National.Audit;

/// <summary>
/// The national side's copy of each municipality's audit-log end (DOMAIN §12), one row per
/// municipality in the national store. A checkpoint is one small upsert on a plain pooled
/// connection: it is written after every committed audited transaction.
/// </summary>
public sealed class NationalAuditCheckpoints(NationalStore stores, TimeProvider time) : IAuditCheckpoints
{
    public async Task RecordAsync(MunicipalityCode municipality, AuditCheckpoint checkpoint, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(checkpoint.Sequence, 1);
        await using var connection = await OpenAsync(ct);
        if (await MoveForwardAsync(connection, municipality, checkpoint, ct))
        {
            return;
        }
        // Nothing moved: the same checkpoint again (fine), or a refusal.
        var held = await ReadAsync(connection, municipality, ct)
            ?? throw new InvalidOperationException($"audit checkpoint of {municipality.Value} neither written nor held");
        if (held.Sequence == checkpoint.Sequence && held.Hash.AsSpan().SequenceEqual(checkpoint.Hash))
        {
            return;
        }
        throw new AuditCheckpointRefusedException(municipality,
            held.Sequence == checkpoint.Sequence ? CheckpointRefusal.Contradicts : CheckpointRefusal.Backwards, checkpoint, held);
    }

    /// <summary>Moves forward only, in one statement, so two writers can never move it back.</summary>
    private async Task<bool> MoveForwardAsync(DbConnection connection, MunicipalityCode municipality, AuditCheckpoint checkpoint, CancellationToken ct)
    {
        // SQLite: one autocommit statement (synchronous=NORMAL already skips the flush).
        await using var transaction = stores.Options.Provider == DatabaseProvider.Postgres ? await connection.BeginTransactionAsync(ct) : null;
        if (transaction is not null)
        {
            // The commit need not wait for its WAL flush (about 2 ms here, more than the rest):
            // a checkpoint lost in a crash only lags, and the next commit writes a newer one.
            await using var relaxed = Command(connection, "SET LOCAL synchronous_commit TO OFF");
            relaxed.Transaction = transaction;
            await relaxed.ExecuteNonQueryAsync(ct);
        }
        await using var upsert = Command(connection,
            "INSERT INTO audit_checkpoints (municipality_code, sequence, hash, recorded_at, accepted_reason) VALUES (@m, @s, @h, @at, NULL) " +
            "ON CONFLICT (municipality_code) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash, " +
            "recorded_at = excluded.recorded_at, accepted_reason = NULL WHERE audit_checkpoints.sequence < excluded.sequence",
            ("@m", municipality.Value), ("@s", checkpoint.Sequence), ("@h", checkpoint.Hash), ("@at", time.GetUtcNow()));
        upsert.Transaction = transaction;
        var moved = await upsert.ExecuteNonQueryAsync(ct) == 1;
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }
        return moved;
    }

    public async Task<AuditCheckpoint?> LatestAsync(MunicipalityCode municipality, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        return await ReadAsync(connection, municipality, ct);
    }

    public async Task AcceptAsync(MunicipalityCode municipality, AuditCheckpoint checkpoint, string reason, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(checkpoint.Sequence, 1);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        await using var connection = await OpenAsync(ct);
        await using var upsert = Command(connection,
            "INSERT INTO audit_checkpoints (municipality_code, sequence, hash, recorded_at, accepted_reason) VALUES (@m, @s, @h, @at, @r) " +
            "ON CONFLICT (municipality_code) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash, " +
            "recorded_at = excluded.recorded_at, accepted_reason = excluded.accepted_reason",
            ("@m", municipality.Value), ("@s", checkpoint.Sequence), ("@h", checkpoint.Hash), ("@at", time.GetUtcNow()), ("@r", reason));
        await upsert.ExecuteNonQueryAsync(ct);
    }

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = stores.NationalConnection();
        try
        {
            await connection.OpenAsync(ct);
            if (stores.Options.Provider == DatabaseProvider.Sqlite)
            {
                SqlitePragmas.Apply(connection);
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<AuditCheckpoint?> ReadAsync(DbConnection connection, MunicipalityCode municipality, CancellationToken ct)
    {
        await using var select = Command(connection, "SELECT sequence, hash FROM audit_checkpoints WHERE municipality_code = @m", ("@m", municipality.Value));
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new AuditCheckpoint(reader.GetInt64(0), (byte[])reader.GetValue(1)) : null;
    }

    private static DbCommand Command(DbConnection connection, string text, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }
        return command;
    }
}
