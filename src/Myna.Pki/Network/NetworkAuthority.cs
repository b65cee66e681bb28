using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Myna.Pki.Network;

/// <summary>
/// The private CA of the network between municipal hosts and the national host (ARCHITECTURE principle 1: mutual TLS,
/// the caller's identity from its client certificate). It signs one server certificate for the national host and one
/// client certificate per municipality. The municipality is named by the client certificate's <b>common name</b>
/// (CN=6-digit code); the organisation (O=Myna municipality) only marks the kind of certificate, and the national host
/// trusts no other issuer. Files are PEM: <c>ca.crt</c>/<c>ca.key</c>, <c>server.crt</c>/<c>server.key</c>,
/// <c>clients/CODE.crt</c>/<c>clients/CODE.key</c>; keys are written owner-only. Existing files are kept (idempotent).
/// </summary>
public static class NetworkAuthority
{
    public const string MunicipalOrganisation = "Myna municipality";
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    public static string CaCertificatePath(string folder) => Path.Combine(folder, "ca.crt");
    public static string ServerCertificatePath(string folder) => Path.Combine(folder, "server.crt");
    public static string ClientCertificatePath(string folder, string municipality) => Path.Combine(folder, "clients", municipality + ".crt");

    /// <summary>The key file beside a certificate file.</summary>
    public static string KeyPath(string certificatePath) => Path.ChangeExtension(certificatePath, ".key");

    /// <summary>Creates what is missing: the CA, the server certificate for <paramref name="hostNames"/>, a client certificate per municipality.</summary>
    public static IReadOnlyList<string> Ensure(string folder, IEnumerable<string> municipalities, IEnumerable<string> hostNames, DateTimeOffset now)
    {
        CreateFolder(folder);
        CreateFolder(Path.Combine(folder, "clients"));
        var created = new List<string>();
        var caPath = CaCertificatePath(folder);
        if (!File.Exists(caPath))
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=Myna network CA, O=Myna", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            using var ca = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
            Write(caPath, ca, key);
            created.Add("ca");
        }
        using var authority = Load(caPath);
        var serverPath = ServerCertificatePath(folder);
        if (!File.Exists(serverPath))
        {
            var names = new SubjectAlternativeNameBuilder();
            foreach (var host in hostNames.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (IPAddress.TryParse(host, out var address))
                {
                    names.AddIpAddress(address);
                }
                else
                {
                    names.AddDnsName(host);
                }
            }
            Issue(authority, serverPath, "CN=Myna national host, O=Myna", ServerAuth, names.Build(), now);
            created.Add("server");
        }
        foreach (var code in municipalities)
        {
            var path = ClientCertificatePath(folder, code);
            if (!File.Exists(path))
            {
                Issue(authority, path, $"CN={code}, O={MunicipalOrganisation}", ClientAuth, null, now);
                created.Add("client " + code);
            }
        }
        return created;
    }

    /// <summary>The host names a local national host answers to: localhost, the loopback addresses and this machine's name.</summary>
    public static IReadOnlyList<string> LocalHostNames() => ["localhost", "127.0.0.1", "::1", Dns.GetHostName()];

    /// <summary>A certificate with its private key from the PEM pair, usable by TLS on every platform (re-imported from PKCS#12).</summary>
    public static X509Certificate2 Load(string certificatePath)
    {
        using var pem = X509Certificate2.CreateFromPemFile(certificatePath, KeyPath(certificatePath));
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>The CA certificate alone (public).</summary>
    public static X509Certificate2 LoadCa(string folder) => LoadPublic(CaCertificatePath(folder));

    /// <summary>A PEM certificate file without its key.</summary>
    public static X509Certificate2 LoadPublic(string path) => X509Certificate2.CreateFromPem(File.ReadAllText(path));

    /// <summary>The municipality a client certificate names (its CN), or null when it names none.</summary>
    public static string? MunicipalityOf(X509Certificate2 client)
    {
        var cn = client.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        return cn is { Length: 6 } && cn.All(char.IsAsciiDigit) ? cn : null;
    }

    /// <summary>
    /// Whether <paramref name="certificate"/> chains to <paramref name="ca"/> alone (never the system store) and is meant for
    /// <paramref name="clientAuthentication"/> (client) or server authentication.
    /// </summary>
    public static bool Trusts(X509Certificate2 ca, X509Certificate2 certificate, bool clientAuthentication)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(clientAuthentication ? ClientAuth : ServerAuth));
        return chain.Build(certificate) && chain.ChainElements[^1].Certificate.RawDataMemory.Span.SequenceEqual(ca.RawDataMemory.Span);
    }

    /// <summary>Writes the certificate and key of a municipality as one PKCS#12 file, for a separately deployed municipal host.</summary>
    public static void ExportClient(string folder, string municipality, string pfxPath, string? password)
    {
        using var client = Load(ClientCertificatePath(folder, municipality));
        WritePrivate(pfxPath, client.Export(X509ContentType.Pkcs12, password));
    }

    private static void Issue(X509Certificate2 authority, string path, string subject, string usage, X509Extension? names, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        if (names is not null)
        {
            request.CertificateExtensions.Add(names);
        }
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // positive, as DER INTEGER serials must be
        serial[0] |= 0x01; // and in minimal form: no leading zero byte
        using var issued = request.Create(authority, now.AddMinutes(-5), now.AddYears(3), serial);
        Write(path, issued, key);
    }

    private static void Write(string path, X509Certificate2 certificate, ECDsa key)
    {
        WritePrivate(KeyPath(path), System.Text.Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()));
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n");
    }

    private static void WritePrivate(string path, byte[] content)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var file = new FileStream(path, options);
        file.Write(content);
    }

    private static void CreateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
