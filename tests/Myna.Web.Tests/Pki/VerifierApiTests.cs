using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Myna.National.Jpki;
using Myna.National.Verifiers;
using Myna.Pki.Authorities;
using Myna.Testing;

namespace Myna.Web.Tests.Pki;

/// <summary>Verifier organisations (DOMAIN §7.5): the status API, consents and the four-information provision, every answer logged.</summary>
public sealed class VerifierApiTests
{
    private static async Task<(HttpClient Client, long Id)> VerifierAsync(MynaWebFactory factory, VerifierKind kind)
    {
        var runtime = factory.Stores.Runtime;
        await using var db = runtime.Stores.OpenNational();
        var (verifier, key) = await runtime.Verifiers().RegisterAsync(db, "みやぎ銀行", kind, "5835678256246", "operator");
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return (client, verifier.Id);
    }

    /// <summary>The holder's signed consent statement, as the verifier's app would collect it with the card.</summary>
    private static string Consent(TestCertificate holder)
    {
        var cms = new SignedCms(new ContentInfo(Encoding.UTF8.GetBytes("みやぎ銀行が最新の基本4情報の提供を受けることに同意します。")));
        using var withKey = holder.Certificate.CopyWithPrivateKey(holder.Key);
        cms.ComputeSignature(new CmsSigner(withKey) { DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1") });
        return Convert.ToBase64String(cms.Encode());
    }

    [Fact]
    public async Task StatusBatch_AnswersOnlyForTheRegisteredKind_AndLogsEachAnswer()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 3);
        using var signature = await TestCertificates.IssueAsync(factory, CaKind.Signature);
        using var user = await TestCertificates.IssueAsync(factory, CaKind.UserAuthentication);
        var runtime = factory.Stores.Runtime;
        await using (var db = runtime.Stores.OpenNational())
        {
            await runtime.CertificateStatus().RevokeAsync(db, CaKind.Signature, signature.Serial, RevocationReason.KeyCompromise, "operator");
        }
        var (bank, bankId) = await VerifierAsync(factory, VerifierKind.Signature);
        using (bank)
        {
            using var anonymous = factory.CreateClient();
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/verifier/status", new { serials = new[] { "AB" }, purpose = "x" })).StatusCode);

            var response = await bank.PostAsJsonAsync("/api/v1/verifier/status",
                new { serials = new[] { signature.Serial.ToLowerInvariant(), user.Serial, "0ABCDEF" }, purpose = "口座振替の本人確認" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var answers = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("answers").EnumerateArray().ToList();
            Assert.Equal("revoked", answers[0].GetProperty("status").GetString());
            Assert.Equal("keyCompromise", answers[0].GetProperty("reason").GetString());
            Assert.Equal("unknown", answers[1].GetProperty("status").GetString()); // a user certificate: not this verifier's business
            Assert.Equal("unknown", answers[2].GetProperty("status").GetString());

            var noPurpose = await bank.PostAsJsonAsync("/api/v1/verifier/status", new { serials = new[] { signature.Serial } });
            Assert.Equal(HttpStatusCode.BadRequest, noPurpose.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await bank.PostAsJsonAsync("/api/v1/verifier/status", new { serials = new[] { "xyz" }, purpose = "p" })).StatusCode);
        }
        await using (var db = runtime.Stores.OpenNational())
        {
            var log = await db.VerifierAnswers.AsNoTracking().Where(a => a.VerifierId == bankId).OrderBy(a => a.Id).ToListAsync();
            Assert.Equal(3, log.Count);
            Assert.All(log, a => Assert.Equal("口座振替の本人確認", a.Purpose));
            Assert.Equal([signature.Serial, user.Serial, "ABCDEF"], log.Select(a => a.Serial));

            await runtime.Verifiers().SetDisabledAsync(db, bankId, true, "operator");
        }
        using var disabled = factory.CreateClient();
        disabled.DefaultRequestHeaders.Authorization = bank.DefaultRequestHeaders.Authorization;
        Assert.Equal(HttpStatusCode.Unauthorized, (await disabled.PostAsJsonAsync("/api/v1/verifier/status", new { serials = new[] { "AB" }, purpose = "x" })).StatusCode);
    }

    [Fact]
    public async Task AfterAMove_TheConsentingHoldersNewFourInformation_IsProvided_AndWithdrawalStopsIt()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 3);
        using var holder = await TestCertificates.IssueAsync(factory, CaKind.Signature);
        using var userCertificate = await TestCertificates.IssueAsync(factory, CaKind.UserAuthentication);
        var (bank, _) = await VerifierAsync(factory, VerifierKind.Signature);
        using var _bank = bank;
        const string purpose = "登録住所の更新";

        var before = await bank.PostAsJsonAsync("/api/v1/verifier/four-information", new { serial = holder.Serial, purpose });
        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode); // no consent yet

        var byUserKey = await bank.PostAsJsonAsync("/api/v1/verifier/consents", new { serial = userCertificate.Serial, purpose, consent = Consent(userCertificate) });
        Assert.Equal(HttpStatusCode.NotFound, byUserKey.StatusCode); // consent is given with the signature certificate
        var wrongSigner = await bank.PostAsJsonAsync("/api/v1/verifier/consents", new { serial = holder.Serial, purpose, consent = Consent(userCertificate) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongSigner.StatusCode);
        var consent = await bank.PostAsJsonAsync("/api/v1/verifier/consents", new { serial = holder.Serial, purpose, consent = Consent(holder) });
        Assert.Equal(HttpStatusCode.Created, consent.StatusCode);

        var unchanged = await (await bank.PostAsJsonAsync("/api/v1/verifier/four-information", new { serial = holder.Serial, purpose })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(unchanged.GetProperty("changed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, unchanged.GetProperty("fourInformation").ValueKind);

        // The holder moves within the city: the register revokes the signature certificate (§7.4), a new one is issued at the window.
        using var clerk = await ApiClient.SignedInAsync(factory);
        var moved = await clerk.PostAsJsonAsync($"/api/v1/residents/{holder.ResidentId}/events",
            new { type = "AddressChangeWithin", effectiveDate = DateTime.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), town = "中央二丁目", block = "1番1号" });
        Assert.Equal(HttpStatusCode.Created, moved.StatusCode);
        var between = await (await bank.PostAsJsonAsync("/api/v1/verifier/four-information", new { serial = holder.Serial, purpose })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(between.GetProperty("changed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, between.GetProperty("successorSerial").ValueKind);
        using var renewed = await TestCertificates.IssueAsync(factory, CaKind.Signature, holder.ResidentId);

        var provided = await (await bank.PostAsJsonAsync("/api/v1/verifier/four-information", new { serial = holder.Serial, purpose })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(provided.GetProperty("changed").GetBoolean());
        Assert.Equal(renewed.Serial, provided.GetProperty("successorSerial").GetString());
        Assert.Contains("中央二丁目1番1号", provided.GetProperty("fourInformation").GetProperty("address").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await bank.DeleteAsync($"/api/v1/verifier/consents/{renewed.Serial}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bank.PostAsJsonAsync("/api/v1/verifier/four-information", new { serial = holder.Serial, purpose })).StatusCode);

        await using var db = factory.Stores.Runtime.Stores.OpenNational();
        var outcomes = await db.VerifierAnswers.AsNoTracking().Where(a => a.Kind == "four-information").OrderBy(a => a.Id).Select(a => a.Outcome).ToListAsync();
        Assert.Equal(["refused: no consent", "unchanged", "changed: no successor", "provided " + renewed.Serial, "refused: no consent"], outcomes);
    }

    [Fact]
    public async Task AUserAuthenticationVerifier_GetsNoFourInformation()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 3);
        using var holder = await TestCertificates.IssueAsync(factory, CaKind.Signature);
        var (shop, _) = await VerifierAsync(factory, VerifierKind.UserAuthentication);
        using var _shop = shop;
        var response = await shop.PostAsJsonAsync("/api/v1/verifier/four-information", new { serial = holder.Serial, purpose = "p" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("not-a-signature-verifier", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
