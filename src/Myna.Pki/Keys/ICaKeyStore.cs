using System.Security.Cryptography;

namespace Myna.Pki.Keys;

/// <summary>
/// Where certificate-authority keys live (DOMAIN §7.1): outside every database. A
/// password-protected file store for development and small installations; an HSM would
/// implement the same interface.
/// </summary>
public interface ICaKeyStore
{
    bool Exists(string name);

    /// <summary>Stores a new key; refuses to replace an existing one.</summary>
    void Create(string name, RSA key);

    RSA Load(string name);

    /// <summary>
    /// Takes a key out of use for good (a renewed OCSP signer's old key): it is destroyed, so
    /// nothing can sign with it again, and its name is free for the key that replaces it. A CA
    /// root key is never retired. Retiring a key that does not exist does nothing.
    /// </summary>
    void Retire(string name);
}

/// <summary>
/// Keys as encrypted PKCS#8 files (PBES2: PBKDF2-SHA256 and AES-256-CBC, 600,000 iterations),
/// readable by the owner only. The password comes from configuration, never from a file beside
/// the keys in production.
/// </summary>
public sealed class PasswordFileKeyStore(string folder, string password) : ICaKeyStore
{
    private static readonly PbeParameters Protection = new(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 600_000);

    private string PathOf(string name)
    {
        if (name.Length == 0 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            throw new ArgumentException($"key name '{name}' may use letters, digits, '-' and '_' only", nameof(name));
        }
        return Path.Combine(folder, name + ".p8");
    }

    public bool Exists(string name) => File.Exists(PathOf(name));

    public void Create(string name, RSA key)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var pem = PemEncoding.WriteString("ENCRYPTED PRIVATE KEY", key.ExportEncryptedPkcs8PrivateKey(password, Protection));
        // CreateNew: an existing CA key is never overwritten.
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        using var writer = new StreamWriter(stream);
        writer.Write(pem);
    }

    public void Retire(string name)
    {
        // The file holds the key only encrypted; deleting it removes the last copy.
        File.Delete(PathOf(name));
    }

    public RSA Load(string name)
    {
        var path = PathOf(name);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no CA key '{name}' in {folder}: run 'myna ca init'", path);
        }
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromEncryptedPem(File.ReadAllText(path), password);
        }
        catch (CryptographicException)
        {
            rsa.Dispose();
            throw new CryptographicException($"the CA key '{name}' could not be opened: wrong key-store password, or the file is damaged");
        }
        return rsa;
    }
}
