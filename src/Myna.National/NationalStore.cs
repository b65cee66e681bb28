using Microsoft.EntityFrameworkCore;
using Myna.Storage.Stores;

namespace Myna.National;

/// <summary>The national side's own database (DOMAIN §0.3 principle 1): J-LIS's numbering, production, chips and certificates.</summary>
public sealed class NationalStore(StoreOptions options)
{
    public const string Name = "national";

    public StoreOptions Options { get; } = options;

    public NationalDb OpenNational()
    {
        var builder = new DbContextOptionsBuilder<NationalDb>();
        Options.Configure(builder, Name);
        return new NationalDb(builder.Options);
    }

    /// <summary>
    /// A plain connection to the national store, for hot read paths (the OCSP responder) where
    /// building a context per request costs more than the query. Callers open and dispose it.
    /// </summary>
    public System.Data.Common.DbConnection NationalConnection() => Options.Connection(Name);
}
