using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Myna.National.Jpki;
using Myna.National.Verifiers;
using Myna.Pki.Authorities;
using Myna.Pki.Ocsp;
using Myna.Testing;

namespace Myna.National.Tests.Jpki;

/// <summary>The OCSP responder's status reads and the verifier service, on each provider (their SQL is written by hand).</summary>
public sealed class OcspResponderTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Responder_ReadsGoodSuspendedRevokedAndUnknown_FromTheStore(string provider)
    {
        await using var stores = await JpkiScenarios.WithCasAsync(provider);
        await using var db = stores.Runtime.Stores.OpenNational();
        var serials = await JpkiScenarios.UserCertificatesAsync(stores, db, 3);
        var status = stores.Runtime.CertificateStatus();
        await status.SuspendAsync(db, CaKind.UserAuthentication, serials[1], "call-centre");
        await status.RevokeAsync(db, CaKind.UserAuthentication, serials[2], RevocationReason.Superseded, "operator");
        var ca = stores.Runtime.Authority(CaKind.UserAuthentication);
        var ids = serials.Select(s => CertId.For(ca.Certificate, Convert.FromHexString(s))).Append(CertId.For(ca.Certificate, [0x41, 0x42, 0x43])).ToList();

        var response = OcspResponses.Parse(await stores.Runtime.OcspResponder().RespondAsync(CaKind.UserAuthentication, OcspRequest.Build(ids, [1, 2, 3])));

        Assert.Null(response.Verify(ca.Certificate, DateTimeOffset.UtcNow));
        Assert.Equal([OcspCertStatus.Good, OcspCertStatus.Revoked, OcspCertStatus.Revoked, OcspCertStatus.Unknown], response.Responses.Select(r => r.Status));
        Assert.Equal([null, 6, 4, null], response.Responses.Select(r => r.Reason));
        Assert.All(response.Responses.Where(r => r.Status == OcspCertStatus.Revoked), r => Assert.True(r.RevokedAt > DateTimeOffset.UtcNow.AddMinutes(-5)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Verifiers_GetStatuses_AndWithConsentTheSuccessorsFourInformation(string provider)
    {
        await using var stores = await JpkiScenarios.WithCasAsync(provider);
        await using var db = stores.Runtime.Stores.OpenNational();
        var issuance = stores.Runtime.CertificateIssuance();
        var (old, oldCert) = await issuance.IssueAsync(db, CaKind.Signature, JpkiScenarios.CardRequest(out var oldKey), JpkiScenarios.Taro,
            JpkiScenarios.TaroInfo, "jlis");
        var service = stores.Runtime.Verifiers();
        var (bank, _) = await service.RegisterAsync(db, "みやぎ銀行", VerifierKind.Signature, null, "operator");

        var cms = new SignedCms(new ContentInfo(Encoding.UTF8.GetBytes("同意します")));
        using (var withKey = oldCert.CopyWithPrivateKey(oldKey))
        {
            cms.ComputeSignature(new CmsSigner(withKey) { DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1") });
        }
        await service.RecordConsentAsync(db, bank, old.Serial, "住所更新", cms.Encode());
        await stores.Runtime.CertificateStatus().RevokeAsync(db, CaKind.Signature, old.Serial, RevocationReason.AffiliationChanged, "register");
        var moved = JpkiScenarios.TaroInfo with { Address = "宮城県石巻市中央二丁目1番1号" };
        var (successor, newCert) = await issuance.IssueAsync(db, CaKind.Signature, JpkiScenarios.CardRequest(out var newKey), JpkiScenarios.Taro,
            moved, "jlis");

        var statuses = await service.StatusAsync(db, bank, [old.Serial, successor.Serial], "確認");
        var answer = await service.FourInformationAsync(db, bank, old.Serial, "住所更新");

        Assert.Equal(["revoked", "good"], statuses.Select(s => s.Status));
        Assert.True(answer.Changed);
        Assert.Equal(successor.Serial, answer.SuccessorSerial);
        Assert.Equal(moved.Address, answer.FourInformation!.Address);
        Assert.Equal(4, db.VerifierAnswers.Count()); // the consent, two statuses, one provision
        oldKey.Dispose(); newKey.Dispose(); oldCert.Dispose(); newCert.Dispose();
    }
}
