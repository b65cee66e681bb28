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
    public static string Slug(CaKind kind) => kind == CaKind.Signature ? "sign" : "auth";

    public static bool TryParseSlug(string? slug, out CaKind kind)
    {
        kind = slug switch { "sign" => CaKind.Signature, "auth" => CaKind.UserAuthentication, _ => 0 };
        return kind != 0;
    }

    /// <summary>C=JP, O=JPKI, OU=JPKI for digital signature | user authentication, OU=operator.</summary>
    public static X500DistinguishedName SubjectName(CaKind kind)
    {
        var b = new X500DistinguishedNameBuilder();
        b.AddCountryOrRegion("JP");
        b.AddOrganizationName("JPKI");
        b.AddOrganizationalUnitName(kind == CaKind.Signature ? "JPKI for digital signature" : "JPKI for user authentication");
        b.AddOrganizationalUnitName(Operator);
        return b.Build();
    }

    public static string KeyName(CaKind kind) => Slug(kind) + "-ca";

    public static string OcspKeyName(CaKind kind) => Slug(kind) + "-ocsp";
}

/// <summary>A loaded authority: its certificate, its key, and the delegated OCSP signer.</summary>
public sealed class CertificateAuthority(CaKind kind, X509Certificate2 certificate, RSA key, X509Certificate2 ocspCertificate, RSA ocspKey) : IDisposable
{
    public CaKind Kind { get; } = kind;
    public X509Certificate2 Certificate { get; } = certificate;
    public RSA Key { get; } = key;
    public X509Certificate2 OcspCertificate { get; } = ocspCertificate;
    public RSA OcspKey { get; } = ocspKey;

    public void Dispose()
    {
        Certificate.Dispose();
        Key.Dispose();
        OcspCertificate.Dispose();
        OcspKey.Dispose();
    }
}

/// <summary>
/// Creates the roots and their delegated OCSP signers (<c>myna ca init</c>). Certificates are
/// public and stored as DER files beside the keys; keys go to the key store.
/// </summary>
public static class CaSetup
{
    public static readonly TimeSpan RootLifetime = TimeSpan.FromDays(365.25 * 20);
    public static readonly TimeSpan OcspSignerLifetime = TimeSpan.FromDays(365);

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
                var request = new CertificateRequest(CaKinds.SubjectName(kind), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
                request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
                request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
                using var root = request.CreateSelfSigned(now.AddMinutes(-5), now + RootLifetime);
                keys.Create(caName, key);
                File.WriteAllBytes(CertificatePath(folder, caName), root.RawData);
                created.Add(caName);
            }
            var ocspName = CaKinds.OcspKeyName(kind);
            if (!keys.Exists(ocspName) || !File.Exists(CertificatePath(folder, ocspName)))
            {
                using var caKey = keys.Load(caName);
                using var caCert = X509CertificateLoader.LoadCertificate(File.ReadAllBytes(CertificatePath(folder, caName)));
                IssueOcspSigner(keys, folder, kind, caCert, caKey, now, replace: keys.Exists(ocspName));
                created.Add(ocspName);
            }
        }
        return created;
    }

    /// <summary>A delegated OCSP signer (RFC 6960 §4.2.2.2): extended key usage OCSPSigning and the no-check extension.</summary>
    private static void IssueOcspSigner(ICaKeyStore keys, string folder, CaKind kind, X509Certificate2 caCert, RSA caKey, DateTimeOffset now, bool replace)
    {
        var name = CaKinds.OcspKeyName(kind);
        using var key = replace ? keys.Load(name) : RSA.Create(2048);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCountryOrRegion("JP");
        subject.AddOrganizationName("JPKI");
        subject.AddCommonName($"JPKI OCSP responder ({CaKinds.Slug(kind)})");
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(JpkiOids.OcspSigning)], false));
        request.CertificateExtensions.Add(new X509Extension(JpkiOids.OcspNoCheck, [0x05, 0x00], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(caCert, true, false));
        var notAfter = now + OcspSignerLifetime < caCert.NotAfter ? now + OcspSignerLifetime : new DateTimeOffset(caCert.NotAfter);
        using var signer = request.Create(caCert.SubjectName, X509SignatureGenerator.CreateForRSA(caKey, RSASignaturePadding.Pkcs1),
            now.AddMinutes(-5), notAfter, Serials.New());
        if (!replace)
        {
            keys.Create(name, key);
        }
        File.WriteAllBytes(CertificatePath(folder, name), signer.RawData);
    }

    /// <summary>Loads an authority for signing (its key and its OCSP signer).</summary>
    public static CertificateAuthority Load(ICaKeyStore keys, string folder, CaKind kind)
    {
        var caName = CaKinds.KeyName(kind);
        var ocspName = CaKinds.OcspKeyName(kind);
        var path = CertificatePath(folder, caName);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"no {CaKinds.Slug(kind)} CA under {folder}: run 'myna ca init'");
        }
        return new CertificateAuthority(kind, X509CertificateLoader.LoadCertificate(File.ReadAllBytes(path)), keys.Load(caName),
            X509CertificateLoader.LoadCertificate(File.ReadAllBytes(CertificatePath(folder, ocspName))), keys.Load(ocspName));
    }
}
