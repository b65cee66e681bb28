using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Myna.National.Jpki;
using Myna.Pki.Authorities;
using Myna.Pki.Profiles;
using Myna.Testing;
using static Myna.Testing.JpkiScenarios;

namespace Myna.National.Tests.Jpki;

public sealed class CertificateIssuanceTests
{
    /// <summary>A valid resident code (check digit per DOMAIN §1.2) from a running number.</summary>
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
