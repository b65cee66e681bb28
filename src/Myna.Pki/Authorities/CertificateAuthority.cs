using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Myna.Pki.Keys;
using Myna.Pki.Profiles;

namespace Myna.Pki.Authorities;

/// <summary>The two JPKI certificate authorities (DOMAIN §7.1).</summary>
public enum CaKind
{
    /// <summary>署名用: issues signature certificates.</summary>
    Signature = 1,
    /// <summary>利用者証明用: issues user-authentication certificates.</summary>
    UserAuthentication = 2,
}

public static class CaKinds
{
    public const string Operator = "Japan Agency for Local Authority Information Systems";

    /// <summary>The short name used in URLs and file names: <c>sign</c> or <c>auth</c>.</summary>
    public static string Slug(CaKind kind) => kind == CaKind.Signature ? Core.Contracts.CertificateKinds.Signature : Core.Contracts.CertificateKinds.UserAuthentication;

    public static bool TryParseSlug(string? slug, out CaKind kind)
    {
        kind = slug switch { Core.Contracts.CertificateKinds.Signature => CaKind.Signature, Core.Contracts.CertificateKinds.UserAuthentication => CaKind.UserAuthentication, _ => 0 };
        return kind != 0;
    }

    /// <summary>C=JP, O=JPKI, OU=JPKI for digital signature | user authentication, OU=operator, in that DER order (<see cref="JpkiNames"/>).</summary>
    public static X500DistinguishedName SubjectName(CaKind kind) => JpkiNames.Authority(kind);

    public static string KeyName(CaKind kind) => Slug(kind) + "-ca";

    public static string OcspKeyName(CaKind kind) => Slug(kind) + "-ocsp";
}

/// <summary>
/// A loaded authority: its certificate, its key, and the delegated OCSP signer in use. The signer
/// is replaced, certificate and key together, when it is renewed (<see cref="OcspSignerAt"/>); the
/// CA's own certificate and key never change, and the CRL is always signed with the CA key.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    private readonly Func<OcspSigner, DateTimeOffset, OcspSigner>? renew;
    private readonly Lock renewing = new();
    private readonly List<OcspSigner> replaced = [];
    private volatile OcspSigner ocsp;
    private DateTimeOffset retryAfter = DateTimeOffset.MinValue;

    /// <summary>The renewal function issues and stores the next signer; without one the signer is never renewed.</summary>
    public CertificateAuthority(CaKind kind, X509Certificate2 certificate, RSA key, OcspSigner ocspSigner,
        Func<OcspSigner, DateTimeOffset, OcspSigner>? renew = null)
    {
        Kind = kind;
        Certificate = certificate;
        Key = key;
        ocsp = ocspSigner;
        this.renew = renew;
    }

    public CaKind Kind { get; }
    public X509Certificate2 Certificate { get; }
    public RSA Key { get; }

    /// <summary>The signer in use now (without renewing it): take it once and use its certificate and key together.</summary>
    public OcspSigner OcspSigner => ocsp;
    public X509Certificate2 OcspCertificate => ocsp.Certificate;
    public RSA OcspKey => ocsp.Key;

    /// <summary>Why the last renewal failed, while the old signer stays in use; null when none failed.</summary>
    public string? OcspRenewalProblem { get; private set; }

    /// <summary>
    /// The signer to sign with at <paramref name="now"/>, renewed first when it is due
    /// (<see cref="OcspSigner.RenewalDue"/>). A failed renewal keeps the old signer, which is still
    /// valid for weeks, records why, and is tried again a minute later rather than on every request.
    /// </summary>
    public OcspSigner OcspSignerAt(DateTimeOffset now)
    {
        var current = ocsp;
        if (renew is null || !current.RenewalDue(now, Certificate) || now < retryAfter)
        {
            return current;
        }
        lock (renewing)
        {
            current = ocsp;
            if (!current.RenewalDue(now, Certificate) || now < retryAfter)
            {
                return current;
            }
            try
            {
                ocsp = renew(current, now);
                // Requests may still be signing with the old one: it is disposed with the authority, not now.
                replaced.Add(current);
                OcspRenewalProblem = null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
            {
                OcspRenewalProblem = e.Message;
                retryAfter = now + TimeSpan.FromMinutes(1);
            }
            return ocsp;
        }
    }

    public void Dispose()
    {
        Certificate.Dispose();
        Key.Dispose();
        ocsp.Dispose();
        foreach (var old in replaced)
        {
            old.Dispose();
        }
    }
}

/// <summary>
/// Creates the roots and their delegated OCSP signers (<c>myna ca init</c>). Certificates are
/// public and stored as DER files beside the keys; keys go to the key store.
/// </summary>
public static class CaSetup
{
    public static readonly TimeSpan RootLifetime = TimeSpan.FromDays(365.25 * 20);

    public static string CertificatePath(string folder, string keyName) => Path.Combine(folder, keyName + ".cer");

    /// <summary>Creates what is missing; returns the names created. Existing keys and certificates are kept.</summary>
    public static IReadOnlyList<string> Ensure(ICaKeyStore keys, string folder, DateTimeOffset now)
    {
        var created = new List<string>();
        Directory.CreateDirectory(folder);
        foreach (var kind in new[] { CaKind.Signature, CaKind.UserAuthentication })
        {
            var caName = CaKinds.KeyName(kind);
            if (!keys.Exists(caName))
            {
                using var key = RSA.Create(2048);
                // DOMAIN §7.1. A CA made before names were written country first keeps its name: the
                // certificates it issued name it as it is (see docs/pki.md).
                var request = new CertificateRequest(CaKinds.SubjectName(kind), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
                request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
                request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
                using var root = request.CreateSelfSigned(now.AddMinutes(-5), now + RootLifetime);
                keys.Create(caName, key);
                File.WriteAllBytes(CertificatePath(folder, caName), root.RawData);
                created.Add(caName);
            }
            using var caKey = keys.Load(caName);
            using var caCert = X509CertificateLoader.LoadCertificate(File.ReadAllBytes(CertificatePath(folder, caName)));
            var ocspName = CaKinds.OcspKeyName(kind);
            var missing = !keys.Exists(ocspName) || !File.Exists(CertificatePath(folder, ocspName));
            using var signer = OcspSigners.Current(keys, folder, kind, caCert, caKey, now);
            if (missing)
            {
                created.Add(ocspName);
            }
        }
        return created;
    }

    /// <summary>
    /// Loads an authority for signing: its key, and its OCSP signer, repaired or renewed first if
    /// it is missing, does not match its key, or is due (<see cref="OcspSigners"/>). The authority
    /// renews its signer itself from then on, at the time its caller gives.
    /// </summary>
    public static CertificateAuthority Load(ICaKeyStore keys, string folder, CaKind kind, DateTimeOffset? now = null)
    {
        var caName = CaKinds.KeyName(kind);
        var path = CertificatePath(folder, caName);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"no {CaKinds.Slug(kind)} CA under {folder}: run 'myna ca init'");
        }
        var certificate = X509CertificateLoader.LoadCertificate(File.ReadAllBytes(path));
        var key = keys.Load(caName);
        var signer = OcspSigners.Current(keys, folder, kind, certificate, key, now ?? DateTimeOffset.UtcNow);
        return new CertificateAuthority(kind, certificate, key, signer,
            (current, at) => OcspSigners.Renew(keys, folder, kind, certificate, key, current, at));
    }
}
