using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Myna.Storage.Stores;

/// <summary>
/// Per-connection SQLite settings: WAL lets staff read while a batch writes, NORMAL sync is
/// durable at each WAL checkpoint, and a busy timeout turns writer contention into waiting.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    // A 64 MiB page cache keeps the random-keyed hash indexes (numbers, lookups) in memory;
    // SQLite's 2 MiB default makes every insert into them a read from disk once they outgrow it.
    public const string Sql = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000; " +
        "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;";

    public static readonly SqlitePragmas Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    // Pooled connections keep their settings: apply them once per physical connection, not on
    // every open (EF opens and closes the connection around each query).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Applied = [];

    /// <summary>Also for plain connections opened outside a context (the national store's connection for hot reads).</summary>
    public static void Apply(DbConnection connection)
    {
        if (connection is Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle })
        {
            if (Applied.TryGetValue(handle, out _))
            {
                return;
            }
            Applied.AddOrUpdate(handle, Applied);
        }
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.ExecuteNonQuery();
    }
}
