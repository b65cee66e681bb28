using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Myna.Core.Identifiers;
using Myna.National;
using Myna.National.Jpki;
using Myna.Pki.Authorities;
using Myna.Pki.Profiles;

namespace Myna.Testing;

/// <summary>Shared scenario builders of the data tests (see tests/Shared/Scenarios).</summary>
public static class JpkiScenarios
{
    public static string ResidentCodeFor(int n)
    {
        var body = n.ToString("D10", System.Globalization.CultureInfo.InvariantCulture);
        for (var d = 0; d <= 9; d++)
        {
            if (ResidentCode.TryParse(body + d, out _, out _))
            {
                return body + d;
            }
        }
        throw new InvalidOperationException("no check digit");
    }

    public static async Task<TestStores> WithCasAsync(string provider)
    {
        var stores = await TestStores.CreateAsync(provider);
        CaSetup.Ensure(stores.Runtime.CaKeyStore(), stores.Runtime.CaFolder, DateTimeOffset.UtcNow);
        return stores;
    }

    public static byte[] CardRequest(out RSA key)
    {
        key = RSA.Create(2048);
        return new CertificateRequest("CN=JPKI card", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequest();
    }

    public static readonly Holder Taro = new(TestStores.Ishinomaki, ResidentCode.Parse(ResidentCodeFor(1)), new DateOnly(1980, 2, 17), new DateOnly(2035, 2, 17));

    public static readonly FourInformation TaroInfo = new("石巻\u3000太郎", null, 1, new DateOnly(1980, 2, 17), "宮城県石巻市穀町14番1号", null);

    /// <summary>Issues <paramref name="count"/> user-authentication certificates to Taro; returns their serials.</summary>
    public static async Task<List<string>> UserCertificatesAsync(TestStores stores, NationalDb db, int count)
    {
        var issuance = stores.Runtime.CertificateIssuance();
        var serials = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var (record, certificate) = await issuance.IssueAsync(db, CaKind.UserAuthentication, CardRequest(out var key), Taro, null, "jlis");
            key.Dispose();
            certificate.Dispose();
            serials.Add(record.Serial);
        }
        return serials;
    }
}
