using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Myna.Storage.Stores;

/// <summary>
/// How any store of either side is reached (DOMAIN §0.3 principle 1: one database per organisation): a SQLite file
/// named after the store, or a PostgreSQL database with the configured prefix; each provider has its own migrations assembly.
/// </summary>
public static class StoreConnections
{
    public static void Configure(this StoreOptions options, DbContextOptionsBuilder builder, string storeName)
    {
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        builder.AddInterceptors(AfterCommit.Instance);
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            PrivateFiles.EnsureFolder(options.DataDirectory);
            builder.UseSqlite(options.SqliteConnectionString(storeName), o => o.MigrationsAssembly("Myna.Data.Sqlite"));
            builder.AddInterceptors(SqlitePragmas.Instance);
        }
        else
        {
            builder.UseNpgsql(options.PostgresConnectionString(storeName), o => o.MigrationsAssembly("Myna.Data.Postgres"));
        }
    }

    /// <summary>A plain connection to a store, for hot read paths where building a context per request costs more than the query.</summary>
    public static System.Data.Common.DbConnection Connection(this StoreOptions options, string storeName) => options.Provider == DatabaseProvider.Sqlite
        ? new SqliteConnection(options.SqliteConnectionString(storeName))
        : new NpgsqlConnection(options.PostgresConnectionString(storeName));

    /// <summary>Human-readable location of a store, without credentials.</summary>
    public static string Describe(this StoreOptions options, string storeName) => options.Provider == DatabaseProvider.Sqlite
        ? Path.GetFullPath(Path.Combine(options.DataDirectory, storeName + ".db"))
        : $"PostgreSQL database {options.DatabasePrefix}_{storeName}";

    private static string SqliteConnectionString(this StoreOptions options, string storeName) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(options.DataDirectory, storeName + ".db"),
        Pooling = true,
        DefaultTimeout = 60,
    }.ToString();

    private static string PostgresConnectionString(this StoreOptions options, string storeName) => new NpgsqlConnectionStringBuilder(options.PostgresConnection)
    {
        Database = $"{options.DatabasePrefix}_{storeName}",
    }.ToString();
}
