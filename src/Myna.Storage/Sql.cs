using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Myna.Storage;

/// <summary>
/// Prepared ADO.NET commands on a context's own connection and transaction, for the bulk paths
/// (import, numbering, audit) where change tracking would cost more than the work itself.
/// The SQL is written once for both providers (snake_case names, ON CONFLICT, @parameters).
/// </summary>
public static class Sql
{
    public static bool IsPostgres(DbContext db) =>
        db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;

    public static async Task<DbConnection> OpenAsync(DbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        return db.Database.GetDbConnection();
    }

    public static DbCommand Command(DbContext db, string text, params string[] parameterNames)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = text;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var name in parameterNames)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            command.Parameters.Add(p);
        }
        return command;
    }

    public static void Set(this DbCommand command, int index, object? value) =>
        command.Parameters[index].Value = value ?? DBNull.Value;

    /// <summary>Runs a statement once, for DDL-like one-offs.</summary>
    public static async Task ExecuteAsync(DbContext db, string text, CancellationToken ct)
    {
        await using var command = Command(db, text);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Begins a transaction that takes the write lock at once (SQLite: BEGIN IMMEDIATE). On SQLite,
    /// writers of this process first queue in order on a gate per database file: SQLite's own
    /// busy handler sleeps in growing steps, which turns a short queue into long tail latencies.
    /// </summary>
    public static async Task<IDbContextTransaction> BeginWriteAsync(DbContext db, CancellationToken ct)
    {
        if (IsPostgres(db) || db.Database.GetDbConnection().DataSource is not { Length: > 0 } file)
        {
            return await db.Database.BeginTransactionAsync(ct);
        }
        var gate = WriteGates.GetOrAdd(Path.GetFullPath(file), _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(WriteGateTimeout, ct))
        {
            throw new TimeoutException($"the store {Path.GetFileName(file)} stayed busy for {WriteGateTimeout.TotalSeconds:0} s");
        }
        try
        {
            return new GatedTransaction(await db.Database.BeginTransactionAsync(ct), gate);
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    /// <summary>Like SQLite's busy timeout: a writer waits this long, then fails instead of hanging.</summary>
    private static readonly TimeSpan WriteGateTimeout = TimeSpan.FromSeconds(30);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new(StringComparer.Ordinal);

    /// <summary>A transaction that opens the write gate again when it ends, however it ends.</summary>
    private sealed class GatedTransaction(IDbContextTransaction inner, SemaphoreSlim gate) : IDbContextTransaction
    {
        private int released;

        public Guid TransactionId => inner.TransactionId;

        public void Commit()
        {
            try
            {
                inner.Commit();
            }
            finally
            {
                Release();
            }
        }

        public async Task CommitAsync(CancellationToken cancellationToken = default)
        {
            try
            {
                await inner.CommitAsync(cancellationToken);
            }
            finally
            {
                Release();
            }
        }

        public void Rollback()
        {
            try
            {
                inner.Rollback();
            }
            finally
            {
                Release();
            }
        }

        public async Task RollbackAsync(CancellationToken cancellationToken = default)
        {
            try
            {
                await inner.RollbackAsync(cancellationToken);
            }
            finally
            {
                Release();
            }
        }

        public void Dispose()
        {
            try
            {
                inner.Dispose();
            }
            finally
            {
                Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await inner.DisposeAsync();
            }
            finally
            {
                Release();
            }
        }

        private void Release()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
