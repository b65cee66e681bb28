using Microsoft.EntityFrameworkCore;
using Myna.National.Jpki;
using Myna.Pki.Authorities;
using Myna.Testing;

namespace Myna.National.Tests.Jpki;

public sealed class RevocationTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task RevokeSuspendRelease_AreRecorded_AndTheCrlFollowsEveryChange(string provider)
    {
        await using var stores = await JpkiScenarios.WithCasAsync(provider);
        await using var db = stores.Runtime.Stores.OpenNational();
        var serials = await JpkiScenarios.UserCertificatesAsync(stores, db, 3);
        var status = stores.Runtime.CertificateStatus();
        var publisher = stores.Runtime.CrlPublisher();
        var empty = await publisher.CurrentAsync(db, CaKind.UserAuthentication);
        Assert.Equal((1L, 0), (empty.Number, empty.Entries));
        Assert.Equal(1, (await publisher.CurrentAsync(db, CaKind.UserAuthentication)).Number); // unchanged: reused

        await status.RevokeAsync(db, CaKind.UserAuthentication, serials[0], RevocationReason.KeyCompromise, "operator");
        await status.SuspendAsync(db, CaKind.UserAuthentication, serials[1], "call-centre", "紛失の届出");
        var second = await publisher.CurrentAsync(db, CaKind.UserAuthentication);
        Assert.Equal((2L, 2), (second.Number, second.Entries));

        await status.ReleaseAsync(db, CaKind.UserAuthentication, serials[1], "window");
        Assert.Equal((3L, 1), ((await publisher.CurrentAsync(db, CaKind.UserAuthentication)).Number, (await publisher.CurrentAsync(db, CaKind.UserAuthentication)).Entries));

        var again = await Assert.ThrowsAsync<IssuanceException>(() => status.RevokeAsync(db, CaKind.UserAuthentication, serials[0], RevocationReason.Unspecified, "operator"));
        Assert.Contains("already revoked", again.Message, StringComparison.Ordinal);
        Assert.Equal((IssuanceException.AlreadyRevoked, "certificate-rule.already-revoked"), (again.Refusal, again.Text?.Code));
        await Assert.ThrowsAsync<IssuanceException>(() => status.ReleaseAsync(db, CaKind.UserAuthentication, serials[2], "window"));
        var history = await db.CertificateEvents.Where(e => db.Certificates.Any(c => c.Id == e.CertificateId && c.Serial == serials[1]))
            .OrderBy(e => e.Id).Select(e => e.Status).ToListAsync();
        Assert.Equal([CertificateStatus.Good, CertificateStatus.Suspended, CertificateStatus.Good], history);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task FourInformationChange_RevokesTheSignatureCertificate_NotTheUserCertificate(string provider)
    {
        await using var stores = await JpkiScenarios.WithCasAsync(provider);
        await using var db = stores.Runtime.Stores.OpenNational();
        var issuance = stores.Runtime.CertificateIssuance();
        var (sign, c1) = await issuance.IssueAsync(db, CaKind.Signature, JpkiScenarios.CardRequest(out var k1), JpkiScenarios.Taro,
            JpkiScenarios.TaroInfo, "jlis");
        var (auth, c2) = await issuance.IssueAsync(db, CaKind.UserAuthentication, JpkiScenarios.CardRequest(out var k2), JpkiScenarios.Taro,
            null, "jlis");
        k1.Dispose(); k2.Dispose(); c1.Dispose(); c2.Dispose();

        var revoked = await stores.Runtime.CertificateStatus().RevokeSignatureCertificatesAsync(db,
            issuance.HolderHash(JpkiScenarios.Taro.Municipality, JpkiScenarios.Taro.ResidentCode), RevocationReason.AffiliationChanged,
            "register", "転居");

        Assert.Equal(1, revoked);
        db.ChangeTracker.Clear();
        Assert.Equal(CertificateStatus.Revoked, (await db.Certificates.SingleAsync(c => c.Id == sign.Id)).Status);
        Assert.Equal(CertificateStatus.Good, (await db.Certificates.SingleAsync(c => c.Id == auth.Id)).Status);
    }
}
