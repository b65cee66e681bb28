using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Myna.Testing;

namespace Myna.Web.Tests.Issuance;

/// <summary>POST /api/v1/identity-verification/evaluate (DOMAIN §6.5) for signed-in staff.</summary>
public sealed class IdentityVerificationApiTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task AnswersACaseOrABatch_RefusesBadInputWithItsPath_AndNeedsSignIn()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        using var client = await ApiClient.SignedInAsync(factory);
        using var anonymous = factory.CreateClient();
        const string proxy = """
            { "byProxy": true, "proxyAuthorisation": true, "verifiedOn": "2026-11-24",
              "documents": [ { "kind": "passport", "holder": "proxy" }, { "kind": "health-insurance-card", "holder": "proxy" },
                             { "kind": "drivers-license" }, { "kind": "pension-certificate" } ] }
            """;

        var one = await client.PostAsync("/api/v1/identity-verification/evaluate", Json(proxy));
        var batch = await client.PostAsync("/api/v1/identity-verification/evaluate",
            Json("""[ { "documents": [ { "kind": "passport" }, { "kind": "student-id", "photo": true } ] } ]"""));
        var bad = await client.PostAsync("/api/v1/identity-verification/evaluate", Json("""{ "documents": [ { "kind": "passport", "holder": "cousin" } ] }"""));
        var refused = await anonymous.PostAsync("/api/v1/identity-verification/evaluate", Json(proxy));

        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        var result = await one.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(result.GetProperty("verified").GetBoolean());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("method").ValueKind);
        var missing = result.GetProperty("missing").EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Equal("the document showing why a proxy comes (proxy reason)", missing[0]);
        Assert.Single(missing); // proxy C and applicant B hold; only the reason document lacks
        var message = result.GetProperty("messages")[0];
        Assert.Equal("idv.need.proxy-reason", message.GetProperty("code").GetString());
        Assert.Equal("代理人が来庁する理由を示す書類", message.GetProperty("ja").GetString());
        var results = await batch.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("C", results[0].GetProperty("method").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid-case", problem.GetProperty("code").GetString());
        Assert.Equal("$.documents[0].holder", problem.GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
