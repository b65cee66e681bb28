using Microsoft.EntityFrameworkCore;
using Myna.Core.Identifiers;
using Myna.Core.Municipalities;
using Myna.Municipal;
using Myna.National;
using Myna.Storage.Stores;

namespace Myna.Hosting;

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
        National = new NationalStore(options);
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
        Options.Configure(builder, code.Value);
        return new MunicipalDb(builder.Options);
    }

    /// <summary>The national side's store, as the national services take it.</summary>
    public NationalStore National { get; }

    public NationalDb OpenNational() => National.OpenNational();

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
    public string Describe(string storeName) => Options.Describe(storeName);
}

public sealed class UnknownMunicipalityException(MunicipalityCode code)
    : InvalidOperationException($"municipality {code.Value} is not served by this host (see Myna:Municipalities)");
