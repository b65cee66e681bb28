using Myna.Core.Protection;
using Myna.Municipal;
using Myna.Storage.Stores;

namespace Myna.Hosting;

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

    /// <summary>
    /// The address residents and relying parties reach this host at: the application forms' QR codes open
    /// <c>{PublicUrl}/apply?id=…</c> (DOMAIN §1.5, §4.1), the issuance notices print <c>{PublicUrl}/book</c>, and every
    /// certificate names its CRL and OCSP responder under <c>{PublicUrl}/pki/</c> (§7.2). The web host defaults it to the
    /// first address it listens on (<see cref="PublicUrlFor"/>); set <c>Myna:PublicUrl</c> behind a proxy or for the CLI.
    /// </summary>
    public string PublicUrl { get; set; } = DefaultPublicUrl;

    public const string DefaultPublicUrl = "http://localhost:5080";

    /// <summary>
    /// The public address implied by the host's listening addresses (<c>--urls</c>, <c>ASPNETCORE_URLS</c>: separated by
    /// <c>;</c>): the first one, with a wildcard host (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c>) replaced by this
    /// machine's name, which a relying party can reach. Null when there is none or its port is chosen at start (<c>:0</c>).
    /// </summary>
    public static string? PublicUrlFor(string? listenUrls, string? machineName = null)
    {
        var first = listenUrls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null)
        {
            return null;
        }
        var wildcard = System.Text.RegularExpressions.Regex.Match(first, @"^(?<scheme>https?)://(?<host>\*|\+|0\.0\.0\.0|\[::\])(?<rest>(:\d+)?(/.*)?)$");
        var url = wildcard.Success
            ? $"{wildcard.Groups["scheme"].Value}://{machineName ?? System.Net.Dns.GetHostName()}{wildcard.Groups["rest"].Value}"
            : first;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Port != 0
            ? url.TrimEnd('/')
            : null;
    }

    public string ApplyUrl => PublicUrl.TrimEnd('/') + "/apply";

    /// <summary>
    /// The password of the CA key store (DOMAIN §7.1), e.g. from <c>Myna__CaKeyStorePassword</c>.
    /// Without it a random password kept in the key directory is used: fine for development, but
    /// then the key files and their password sit together.
    /// </summary>
    public string? CaKeyStorePassword { get; set; }

    /// <summary>
    /// How often the web host checks whether a CA's CRL is out of date (a status changed, or it is
    /// a day old) and publishes a new one (DOMAIN §7.4: within 15 minutes of a change).
    /// </summary>
    public int CrlRefreshSeconds { get; set; } = 60;

    /// <summary>Where the national side is: in process (the default) or a national host over mutual TLS.</summary>
    public Network.NationalOptions National { get; set; } = new();

    /// <summary>
    /// Relative paths are taken from the Myna home: <c>MYNA_HOME</c> when set (the launch scripts
    /// set it to the folder they were started from), else the working directory.
    /// </summary>
    public static string Home => Environment.GetEnvironmentVariable("MYNA_HOME") is { Length: > 0 } home ? home : Directory.GetCurrentDirectory();

    public MynaOptions ResolvePaths()
    {
        Database.DataDirectory = Path.GetFullPath(Database.DataDirectory, Home);
        KeyDirectory = Path.GetFullPath(KeyDirectory, Home);
        return this;
    }

    public static readonly MunicipalityOptions Demo = new()
    {
        Code = "042021", Name = "石巻市", Prefecture = "宮城県", OfficePhone = "0225-95-1111", Department = "市民課 マイナンバーカード係",
        WindowAddress = "〒986-8501 宮城県石巻市穀町14番1号 石巻市役所 本庁舎1階 市民課",
    };

    /// <summary>The neighbour the demo serves too, so a move between two municipalities on one host can be tried (DOMAIN §8.6).</summary>
    public static readonly MunicipalityOptions DemoNeighbour = new()
    {
        Code = "042145", Name = "東松島市", Prefecture = "宮城県", OfficePhone = "0225-82-1111", Department = "市民生活課 マイナンバーカード担当",
        WindowAddress = "〒981-0503 宮城県東松島市矢本字上河戸36番地1 東松島市役所 市民生活課",
    };
}
