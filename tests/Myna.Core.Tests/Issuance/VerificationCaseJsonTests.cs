using Myna.Core.Issuance;

namespace Myna.Core.Tests.Issuance;

/// <summary>The documented JSON form of a §6.5 case: read strictly, every problem named by its path.</summary>
public sealed class VerificationCaseJsonTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    [Fact]
    public void ACaseReadsIntoTheEngine_AndAnArrayIsABatch()
    {
        var one = VerificationCaseJson.ReadAll("""
            { "verifiedOn": "2026-11-20", "byProxy": false,
              "documents": [ { "kind": "drivers-license", "photo": true }, { "kind": "driving-history-certificate", "issuedOn": "2013-01-10" } ],
              "measures": { "questioned": true } }
            """, Today);
        var batch = VerificationCaseJson.ReadAll("""
            [ { "documents": [] },
              { "byProxy": true, "proxyReasonDocument": true, "proxyAuthorisation": true,
                "documents": [ { "kind": "passport", "holder": "proxy" }, { "kind": "drivers-license", "holder": "Proxy" },
                               { "kind": "health-insurance-card" }, { "kind": "passport" } ] } ]
            """, Today);

        var c = Assert.Single(one);
        Assert.Equal(new DateOnly(2026, 11, 20), c.VerifiedOn);
        Assert.True(c.Questioned);
        Assert.False(c.PinEntered);
        Assert.Equal(new DateOnly(2013, 1, 10), c.Documents[1].IssuedOn);
        Assert.Equal("A", IdentityVerification.Evaluate(c).Method); // 甲 + questioning; B (two 甲) would hold too
        Assert.Equal(2, batch.Count);
        Assert.Equal(Today, batch[0].VerifiedOn);
        Assert.False(IdentityVerification.Evaluate(batch[0]).Verified);
        Assert.Equal("proxy B + applicant B", IdentityVerification.Evaluate(batch[1]).Method);
        var again = Assert.Single(VerificationCaseJson.ReadAll(VerificationCaseJson.Write(batch[1]), Today));
        Assert.Equal(batch[1].Documents, again.Documents); // what the window stores reads back the same
        Assert.Equal((batch[1].ByProxy, batch[1].ProxyAuthorisation, batch[1].VerifiedOn), (again.ByProxy, again.ProxyAuthorisation, again.VerifiedOn));
    }

    [Theory]
    [InlineData("{", "$: not valid JSON")]
    [InlineData("42", "$: must be an object")]
    [InlineData("{}", "$.documents: is required")]
    [InlineData("""{"documents": {}}""", "$.documents: must be an array")]
    [InlineData("""{"documents": [], "byproxy": true}""", "$.byproxy: unknown field")]
    [InlineData("""{"documents": [{"kind": "passport", "foto": true}]}""", "$.documents[0].foto: unknown field")]
    [InlineData("""{"documents": [{"kind": "library-card"}]}""", "$.documents[0].kind: 'library-card' is not a document kind")]
    [InlineData("""{"documents": [{"photo": true}]}""", "$.documents[0].kind: is required")]
    [InlineData("""{"documents": [{"kind": "passport", "holder": "neighbour"}]}""", "$.documents[0].holder: must be")]
    [InlineData("""{"documents": [{"kind": "passport", "holder": "1"}]}""", "$.documents[0].holder: must be")]
    [InlineData("""{"documents": [{"kind": "receipt", "issuedOn": "2026/11/01"}]}""", "$.documents[0].issuedOn: must be a date")]
    [InlineData("""{"documents": [], "measures": {"pinEntered": "yes"}}""", "$.measures.pinEntered: must be true or false")]
    [InlineData("""{"documents": [], "measures": {"pin": true}}""", "$.measures.pin: unknown field")]
    [InlineData("""[{"documents": []}, {"documents": [], "verifiedOn": "tomorrow"}]""", "$[1].verifiedOn: must be a date")]
    public void BadInputIsRefusedWithItsPath(string json, string expected)
    {
        var e = Assert.Throws<VerificationCaseFormatException>(() => VerificationCaseJson.ReadAll(json, Today));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }
}
