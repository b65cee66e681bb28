using System.Security.Cryptography;

namespace Myna.Core.Protection;

/// <summary>
/// Key material kept in files outside every database (DOMAIN §12, §1.3): one folder for the
/// national side and one per municipality, each key a 32-byte random file readable by the
/// owner only. <c>myna init</c> creates missing keys and never replaces an existing one.
/// </summary>
public sealed class KeyDirectory(string root)
{
    public const string NationalScope = "national";

    /// <summary>FF1 key that turns resident codes into individual numbers (national side).</summary>
    public const string Numbering = "numbering";
    /// <summary>HMAC key for the national side's registry of issued numbers.</summary>
    public const string NationalLookup = "number-registry";
    /// <summary>AES-256-GCM key that encrypts stored individual numbers (municipality).</summary>
    public const string DataEncryption = "data-encryption";
    /// <summary>HMAC key for exact lookup of a number without decrypting (municipality).</summary>
    public const string Lookup = "lookup";
    /// <summary>HMAC key of the audit log's hash chain.</summary>
    public const string Audit = "audit";
    /// <summary>HMAC key that links certificates to holders without storing resident codes (national side, §7.4).</summary>
    public const string CertificateHolders = "certificate-holders";
    /// <summary>Development password of the CA key store, used only when none is configured (DOMAIN §7.1).</summary>
    public const string CaStore = "ca-store";

    /// <summary>AES-256-GCM key that encrypts the stored state of the virtual cards' chips (DOMAIN §7.3).</summary>
    public const string CardChips = "card-chips";

    public static readonly IReadOnlyList<string> NationalKeys = [Numbering, NationalLookup, Audit, CertificateHolders, CaStore, CardChips];
    public static readonly IReadOnlyList<string> MunicipalKeys = [DataEncryption, Lookup, Audit];

    public string Root { get; } = Path.GetFullPath(root);

    private string PathOf(string scope, string name) => Path.Combine(Root, scope, name + ".key");

    /// <summary>Creates any missing key of the scope; returns the names it created.</summary>
    public IReadOnlyList<string> EnsureKeys(string scope, IEnumerable<string> names)
    {
        var created = new List<string>();
        var folder = Path.Combine(Root, scope);
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        foreach (var name in names)
        {
            var path = PathOf(scope, name);
            if (File.Exists(path))
            {
                continue;
            }
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var stream = new FileStream(path, options))
            {
                stream.Write(RandomNumberGenerator.GetBytes(32));
            }
            created.Add(name);
        }
        return created;
    }

    /// <summary>Reads a key; a missing key is a setup error that names the command to run.</summary>
    public byte[] Read(string scope, string name)
    {
        var path = PathOf(scope, name);
        if (!File.Exists(path))
        {
            throw new KeyMissingException($"key '{scope}/{name}' not found under {Root}: run 'myna init' first");
        }
        var key = File.ReadAllBytes(path);
        if (key.Length != 32)
        {
            throw new KeyMissingException($"key '{scope}/{name}' under {Root} is damaged (expected 32 bytes)");
        }
        return key;
    }

    public bool Exists(string scope, string name) => File.Exists(PathOf(scope, name));

    /// <summary>Where the audit anchor of a scope lives: beside its audit key, outside the database.</summary>
    public string AnchorPath(string scope) => Path.Combine(Root, scope, "audit.anchor");
}

public sealed class KeyMissingException(string message) : InvalidOperationException(message);
