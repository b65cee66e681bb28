using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Myna.Pki.Keys;
using Myna.Pki.Profiles;

namespace Myna.Pki.Authorities;

/// <summary>A delegated OCSP signer: its certificate and key, used and replaced together.</summary>
public sealed class OcspSigner(X509Certificate2 certificate, RSA key) : IDisposable
{
    public X509Certificate2 Certificate { get; } = certificate;
    public RSA Key { get; } = key;

    /// <summary>
    /// True from <see cref="OcspSigners.RenewBefore"/> ahead of the certificate's notAfter, unless it
    /// already ends with the CA (a renewed certificate could not last longer).
    /// </summary>
    public bool RenewalDue(DateTimeOffset now, X509Certificate2 ca) =>
        now >= new DateTimeOffset(Certificate.NotAfter) - OcspSigners.RenewBefore && Certificate.NotAfter < ca.NotAfter;

    public void Dispose()
    {
        Certificate.Dispose();
        Key.Dispose();
    }
}

/// <summary>
/// Issues, repairs and renews the delegated OCSP signers (RFC 6960 §4.2.2.2). A signer's
/// certificate lasts <see cref="Lifetime"/>; from <see cref="RenewBefore"/> ahead of its end a new
/// key and certificate replace it, stored under the same names as the first (<c>{sign|auth}-ocsp</c>
/// in the key store, <c>{sign|auth}-ocsp.cer</c> beside it). The old key is retired (deleted from the
/// key store: nothing signs with it again); the old certificate is kept under <c>retired/</c> for the
/// record. Clients check the responder certificate the response carries, so the change needs
/// nothing from them. Several hosts may share the key folder: a lock file makes one of them renew,
/// and the others take up what it stored.
/// </summary>
public static class OcspSigners
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);

    /// <summary>Renewal starts 60 days before the certificate ends: two months to notice and fix a failing renewal.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(60);

    public const string RetiredFolder = "retired";

    /// <summary>
    /// The signer as stored, made usable first: a missing key or certificate is created, a
    /// certificate that does not match the key (an interrupted renewal) is reissued for the key, and
    /// one that is due is renewed.
    /// </summary>
    public static OcspSigner Current(ICaKeyStore keys, string folder, CaKind kind, X509Certificate2 caCert, RSA caKey, DateTimeOffset now)
    {
        var name = CaKinds.OcspKeyName(kind);
        var path = CaSetup.CertificatePath(folder, name);
        using var gate = Gate(folder, name);
        if (!keys.Exists(name))
        {
            var fresh = RSA.Create(2048);
            keys.Create(name, fresh);
            return Store(folder, name, new OcspSigner(Issue(kind, caCert, caKey, fresh, now), fresh));
        }
        var key = keys.Load(name);
        var certificate = File.Exists(path) ? X509CertificateLoader.LoadCertificate(File.ReadAllBytes(path)) : null;
        if (certificate is null || !Matches(certificate, key))
        {
            certificate?.Dispose();
            return Store(folder, name, new OcspSigner(Issue(kind, caCert, caKey, key, now), key));
        }
        var signer = new OcspSigner(certificate, key);
        if (!signer.RenewalDue(now, caCert))
        {
            return signer;
        }
        using (signer)
        {
            return Replace(keys, folder, kind, caCert, caKey, signer, now);
        }
    }

    /// <summary>
    /// Replaces <paramref name="current"/> when it is due. If another host has renewed it meanwhile,
    /// takes up that host's signer instead of making a third.
    /// </summary>
    public static OcspSigner Renew(ICaKeyStore keys, string folder, CaKind kind, X509Certificate2 caCert, RSA caKey, OcspSigner current, DateTimeOffset now)
    {
        var name = CaKinds.OcspKeyName(kind);
        var path = CaSetup.CertificatePath(folder, name);
        using var gate = Gate(folder, name);
        if (File.Exists(path))
        {
            var stored = X509CertificateLoader.LoadCertificate(File.ReadAllBytes(path));
            if (!stored.RawData.AsSpan().SequenceEqual(current.Certificate.RawData) && keys.Exists(name))
            {
                var key = keys.Load(name);
                var theirs = new OcspSigner(stored, key);
                if (Matches(stored, key) && !theirs.RenewalDue(now, caCert))
                {
                    return theirs;
                }
                theirs.Dispose();
            }
            else
            {
                stored.Dispose();
            }
        }
        return Replace(keys, folder, kind, caCert, caKey, current, now);
    }

    /// <summary>
    /// A new key and certificate. Written so that an interruption at any step leaves something
    /// <see cref="Current"/> repairs: the new certificate first beside the old, then the key swapped,
    /// then the certificate moved into place.
    /// </summary>
    private static OcspSigner Replace(ICaKeyStore keys, string folder, CaKind kind, X509Certificate2 caCert, RSA caKey, OcspSigner old, DateTimeOffset now)
    {
        var name = CaKinds.OcspKeyName(kind);
        var path = CaSetup.CertificatePath(folder, name);
        var key = RSA.Create(2048);
        try
        {
            var certificate = Issue(kind, caCert, caKey, key, now);
            File.WriteAllBytes(path + ".new", certificate.RawData);
            var retired = Path.Combine(folder, RetiredFolder);
            Directory.CreateDirectory(retired);
            File.WriteAllBytes(Path.Combine(retired, $"{name}-{old.Certificate.SerialNumber}.cer"), old.Certificate.RawData);
            keys.Retire(name);
            keys.Create(name, key);
            File.Move(path + ".new", path, overwrite: true);
            return new OcspSigner(certificate, key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    private static OcspSigner Store(string folder, string name, OcspSigner signer)
    {
        var path = CaSetup.CertificatePath(folder, name);
        File.WriteAllBytes(path + ".new", signer.Certificate.RawData);
        File.Move(path + ".new", path, overwrite: true);
        return signer;
    }

    /// <summary>A delegated OCSP signer's certificate (RFC 6960 §4.2.2.2): extended key usage OCSPSigning and the no-check extension.</summary>
    private static X509Certificate2 Issue(CaKind kind, X509Certificate2 caCert, RSA caKey, RSA key, DateTimeOffset now)
    {
        var request = new CertificateRequest(JpkiNames.OcspResponder(kind), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(JpkiOids.OcspSigning)], false));
        request.CertificateExtensions.Add(new X509Extension(JpkiOids.OcspNoCheck, [0x05, 0x00], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(caCert, true, false));
        var notAfter = now + Lifetime < caCert.NotAfter ? now + Lifetime : new DateTimeOffset(caCert.NotAfter);
        // The issuer is the CA certificate's name as stored: an older CA keeps its name (JpkiNames).
        using var signed = request.Create(caCert.SubjectName, X509SignatureGenerator.CreateForRSA(caKey, RSASignaturePadding.Pkcs1),
            now.AddMinutes(-5), notAfter, Serials.New());
        return X509CertificateLoader.LoadCertificate(signed.RawData);
    }

    private static bool Matches(X509Certificate2 certificate, RSA key) =>
        certificate.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo());

    /// <summary>An exclusive lock file, so that two hosts sharing the key folder never renew the same signer at once.</summary>
    private static FileStream Gate(string folder, string name)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".lock");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 300)
            {
                Thread.Sleep(100);
            }
        }
    }
}
