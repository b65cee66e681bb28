using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Identifiers;
using Myna.National;
using Myna.National.Jpki;
using Myna.Pki.Authorities;
using Myna.Pki.Profiles;
using Myna.Testing;

namespace Myna.Data.Tests.Certificates;

public sealed class CertificateIssuanceTests
{
    internal static async Task<TestStores> WithCasAsync(string provider)
    {
        var stores = await TestStores.CreateAsync(provider);
        CaSetup.Ensure(stores.Runtime.CaKeyStore(), stores.Runtime.CaFolder, DateTimeOffset.UtcNow);
        return stores;
    }

    internal static byte[] CardRequest(out RSA key)
    {
        key = RSA.Create(2048);
        return new CertificateRequest("CN=JPKI card", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequest();
    }

    internal static readonly Holder Taro = new(TestStores.Ishinomaki, ResidentCode.Parse(ResidentCodeFor(1)), new DateOnly(1980, 2, 17), new DateOnly(2035, 2, 17));

    internal static readonly FourInformation TaroInfo = new("石巻\u3000太郎", null, 1, new DateOnly(1980, 2, 17), "宮城県石巻市穀町14番1号", null);

    /// <summary>Issues <paramref name="count"/> user-authentication certificates to Taro; returns their serials.</summary>
    internal static async Task<List<string>> UserCertificatesAsync(TestStores stores, NationalDb db, int count)
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

    /// <summary>A valid resident code (check digit per DOMAIN §1.2) from a running number.</summary>
    internal static string ResidentCodeFor(int n)
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

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Issue_StoresTheRecordAndSigns_OnceperRequestKey(string provider)
    {
        await using var stores = await WithCasAsync(provider);
        await using var db = stores.Runtime.Stores.OpenNational();
        var issuance = stores.Runtime.CertificateIssuance();
        var csr = CardRequest(out var key);
        using var _k = key;

        var (record, certificate) = await issuance.IssueAsync(db, CaKind.Signature, csr, Taro, TaroInfo, "jlis");

        using (certificate)
        {
            Assert.Equal(CertificateStatus.Good, record.Status);
            Assert.Equal(record.Serial, certificate.SerialNumber);
            Assert.Equal("石巻\u3000太郎", CertificateProfiles.ReadSubjectAltName(certificate)[JpkiOids.Name]);
            var ca = stores.Runtime.Authority(CaKind.Signature);
            var chain = new X509Chain { ChainPolicy = { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck } };
            chain.ChainPolicy.CustomTrustStore.Add(ca.Certificate);
            Assert.True(chain.Build(certificate), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        }
        var stored = await db.Certificates.AsNoTracking().SingleAsync();
        Assert.Equal(stored.ToBeSigned, new System.Formats.Asn1.AsnReader(stored.Der, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence().ReadEncodedValue().ToArray());
        Assert.DoesNotContain(Taro.ResidentCode.Value, Convert.ToHexString(stored.HolderHash), StringComparison.Ordinal);

        var twice = await Assert.ThrowsAsync<IssuanceException>(() => issuance.IssueAsync(db, CaKind.Signature, csr, Taro, TaroInfo, "jlis"));
        Assert.Contains("already issued", twice.Message, StringComparison.Ordinal);
        var (auth, authCert) = await issuance.IssueAsync(db, CaKind.UserAuthentication, CardRequest(out var other), Taro, null, "jlis");
        other.Dispose();
        authCert.Dispose();
        Assert.Equal(2, await db.Certificates.CountAsync());
        Assert.Equal((int)CaKind.UserAuthentication, auth.Ca);
    }

    [Fact]
    public async Task Issue_BadRequest_IsRefusedWithTheReason_AndNothingIsStored()
    {
        await using var stores = await WithCasAsync("sqlite");
        await using var db = stores.Runtime.Stores.OpenNational();
        var csr = CardRequest(out var key);
        key.Dispose();
        csr[^5] ^= 0xFF; // break the self-signature

        var e = await Assert.ThrowsAsync<IssuanceException>(() => stores.Runtime.CertificateIssuance().IssueAsync(db, CaKind.Signature, csr, Taro, TaroInfo, "jlis"));

        Assert.Contains("PKCS#10", e.Message, StringComparison.Ordinal);
        using var small = RSA.Create(1024);
        var weak = new CertificateRequest("CN=x", small, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequest();
        var e2 = await Assert.ThrowsAsync<IssuanceException>(() => stores.Runtime.CertificateIssuance().IssueAsync(db, CaKind.Signature, weak, Taro, TaroInfo, "jlis"));
        Assert.Contains("RSA-2048", e2.Message, StringComparison.Ordinal);
        Assert.Equal(0, await db.Certificates.CountAsync());
    }
}
