using Myna.Core.Protection;
using Myna.Data.Stores;

namespace Myna.Data;

/// <summary>
/// The configuration shared by the web host and the CLI (section <c>Myna</c> of
/// <c>myna.json</c> in the working directory, or environment variables <c>Myna__…</c>).
/// Defaults give the demo: 石巻市 on SQLite under <c>./data</c>.
/// </summary>
public sealed class MynaOptions
{
    public StoreOptions Database { get; set; } = new();

    /// <summary>Folder of key files, outside every database (DOMAIN §12).</summary>
    public string KeyDirectory { get; set; } = Path.Combine("data", "keys");

    public List<MunicipalityOptions> Municipalities { get; set; } = [];

    /// <summary>Registered purposes for full number display (DOMAIN §12); defaults when empty.</summary>
    public List<NumberPurpose> Purposes { get; set; } = [];

    public static readonly MunicipalityOptions Demo = new() { Code = "042021", Name = "石巻市", Prefecture = "宮城県" };
}

public sealed class MunicipalityOptions
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Prefecture { get; set; } = "";
}
