using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Myna.Core.Identifiers;
using Myna.Core.Municipalities;
using Npgsql;

namespace Myna.Data.Stores;

/// <summary>
/// Opens the separate databases of this host: one per municipality and one for the national
/// side (DOMAIN §0.3 principle 1). Each provider has its own migrations assembly.
/// </summary>
public sealed class Stores
{
    private readonly Dictionary<MunicipalityCode, Municipality> municipalities;

    public Stores(StoreOptions options, IEnumerable<Municipality> municipalities)
    {
        Options = options;
        this.municipalities = municipalities.ToDictionary(m => m.Code);
        if (options.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(options.PostgresConnection))
        {
            throw new InvalidOperationException("Myna:Database:Provider is Postgres but Myna:Database:PostgresConnection is empty");
        }
    }

    public StoreOptions Options { get; }

    public IReadOnlyCollection<Municipality> Municipalities => municipalities.Values;

    public Municipality Municipality(MunicipalityCode code) =>
        municipalities.TryGetValue(code, out var m)
            ? m
            : throw new UnknownMunicipalityException(code);

    public bool Serves(MunicipalityCode code) => municipalities.ContainsKey(code);

    public MunicipalDb OpenMunicipal(MunicipalityCode code)
    {
        _ = Municipality(code);
        var builder = new DbContextOptionsBuilder<MunicipalDb>();
        Configure(builder, code.Value);
        return new MunicipalDb(builder.Options);
    }

    public NationalDb OpenNational()
    {
        var builder = new DbContextOptionsBuilder<NationalDb>();
        Configure(builder, "national");
        return new NationalDb(builder.Options);
    }

    /// <summary>
    /// A plain connection to the national store, for hot read paths (the OCSP responder) where
    /// building a context per request costs more than the query. Callers open and dispose it.
    /// </summary>
    public System.Data.Common.DbConnection NationalConnection() => Options.Provider == DatabaseProvider.Sqlite
        ? new SqliteConnection(SqliteConnectionString("national"))
        : new NpgsqlConnection(PostgresConnectionString("national"));

    /// <summary>Applies pending migrations to every store of this host.</summary>
    public async Task MigrateAllAsync(CancellationToken ct = default)
    {
        await using (var national = OpenNational())
        {
            await national.Database.MigrateAsync(ct);
        }
        foreach (var code in municipalities.Keys)
        {
            await using var db = OpenMunicipal(code);
            await db.Database.MigrateAsync(ct);
        }
    }

    /// <summary>Human-readable location of a store, without credentials.</summary>
    public string Describe(string storeName) => Options.Provider == DatabaseProvider.Sqlite
        ? Path.GetFullPath(Path.Combine(Options.DataDirectory, storeName + ".db"))
        : $"PostgreSQL database {Options.DatabasePrefix}_{storeName}";

    private void Configure(DbContextOptionsBuilder builder, string storeName)
    {
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        builder.AddInterceptors(AfterCommit.Instance);
        if (Options.Provider == DatabaseProvider.Sqlite)
        {
            PrivateFiles.EnsureFolder(Options.DataDirectory);
            builder.UseSqlite(SqliteConnectionString(storeName), o => o.MigrationsAssembly("Myna.Data.Sqlite"));
            builder.AddInterceptors(SqlitePragmas.Instance);
        }
        else
        {
            builder.UseNpgsql(PostgresConnectionString(storeName), o => o.MigrationsAssembly("Myna.Data.Postgres"));
        }
    }

    private string SqliteConnectionString(string storeName) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(Options.DataDirectory, storeName + ".db"),
        Pooling = true,
        DefaultTimeout = 60,
    }.ToString();

    private string PostgresConnectionString(string storeName) => new NpgsqlConnectionStringBuilder(Options.PostgresConnection)
    {
        Database = $"{Options.DatabasePrefix}_{storeName}",
    }.ToString();
}

public sealed class UnknownMunicipalityException(MunicipalityCode code)
    : InvalidOperationException($"municipality {code.Value} is not served by this host (see Myna:Municipalities)");
