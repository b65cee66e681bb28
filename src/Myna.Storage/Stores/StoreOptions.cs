namespace Myna.Storage.Stores;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where the stores live (configuration section <c>Myna:Database</c>). SQLite files under
/// <see cref="DataDirectory"/> by default; with PostgreSQL each municipality and the national
/// side get a database of their own on the server named by <see cref="PostgresConnection"/>.
/// </summary>
public sealed class StoreOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Folder for SQLite files (<c>{code}.db</c>, <c>national.db</c>).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Server connection string without a database name, e.g. <c>Host=db;Username=myna;Password=…</c>.</summary>
    public string? PostgresConnection { get; set; }

    /// <summary>Prefix of PostgreSQL database names: <c>{prefix}_042021</c>, <c>{prefix}_national</c>.</summary>
    public string DatabasePrefix { get; set; } = "myna";
}
