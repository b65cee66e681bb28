using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Myna.Data;

/// <summary>
/// Prepared ADO.NET commands on a context's own connection and transaction, for the bulk paths
/// (import, numbering, audit) where change tracking would cost more than the work itself.
/// The SQL is written once for both providers (snake_case names, ON CONFLICT, @parameters).
/// </summary>
internal static class Sql
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

    /// <summary>Begins a transaction that takes the write lock at once (SQLite: BEGIN IMMEDIATE).</summary>
    public static Task<IDbContextTransaction> BeginWriteAsync(DbContext db, CancellationToken ct) =>
        db.Database.BeginTransactionAsync(ct);
}
