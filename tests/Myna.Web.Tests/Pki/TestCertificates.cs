using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Myna.National.Jpki;
using Myna.Pki.Authorities;
using Myna.Pki.Profiles;
using Myna.Testing;

namespace Myna.Web.Tests.Pki;

/// <summary>A certificate issued to a demo resident for a software key (the card's chip stands in for it in later work).</summary>
internal sealed record TestCertificate(long ResidentId, string Serial, X509Certificate2 Certificate, RSA Key) : IDisposable
{
    public void Dispose()
    {
        Certificate.Dispose();
        Key.Dispose();
    }
}

internal static class TestCertificates
{
    /// <summary>Creates the CAs (once) and issues a certificate of <paramref name="kind"/> to the resident (the first one by default).</summary>
    public static async Task<TestCertificate> IssueAsync(MynaWebFactory factory, CaKind kind, long? residentId = null)
    {
        var runtime = factory.Stores.Runtime;
        CaSetup.Ensure(runtime.CaKeyStore(), runtime.CaFolder, DateTimeOffset.UtcNow);
        var id = residentId ?? (await factory.AnyResidentAsync()).Id;
        await using var municipal = factory.Stores.OpenMunicipal();
        var r = await municipal.Residents.AsNoTracking().SingleAsync(x => x.Id == id);
        var key = RSA.Create(2048);
        var csr = new CertificateRequest("CN=card", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequest();
        await using var db = runtime.Stores.OpenNational();
        var (record, certificate) = await runtime.CertificateIssuance().IssueAsync(db, kind, csr,
            new Holder(TestStores.Ishinomaki, Core.Identifiers.ResidentCode.Parse(r.ResidentCode), r.BirthDate, new DateOnly(2035, 1, 1)),
            new FourInformation(r.FullName, r.NameAltFlags, (int)r.Sex, r.BirthDate, r.Address, r.AddressAltFlags), "jlis");
        return new TestCertificate(id, record.Serial, certificate, key);
    }

    public static string Pem(X509Certificate2 certificate, string folder, string name)
    {
        var path = Path.Combine(folder, name + ".pem");
        File.WriteAllText(path, certificate.ExportCertificatePem());
        return path;
    }
}
