using System.Net;
using Myna.Pki.Authorities;
using Myna.Testing;
using Myna.Web.Tests.Pki;

namespace Myna.Web.Tests.Infrastructure;

/// <summary>
/// Issue 19 point 2: the card safe's refusals (カード管理) and the J-LIS operators' refusals come from the message
/// catalogue, Japanese by default and English with <c>myna-lang=en</c>.
/// </summary>
public sealed class CardAndNationalMessagePagesTests
{
    private static async Task<string> ScanAsync(HttpClient client, string serial)
    {
        var html = await client.GetStringAsync("/cards");
        var response = await PageClient.PostFormAsync(client, "/cards?handler=Receive", html, new Dictionary<string, string> { ["serial"] = serial });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return CatalogueMessagePagesTests.Shown(await response.Content.ReadAsStringAsync(), "cards-error");
    }

    [Fact]
    public async Task CardScan_SerialOnNoDeliveryList_JapaneseThenEnglish()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 3);
        using var client = await PageClient.SignedInAsync(factory, "supervisor", "supervisor-demo-2026");

        Assert.Equal("カード 00112233AABBCCDD は取込済みのどの交付対象者一覧表にも載っていません。", await ScanAsync(client, "0011 2233 aabb ccdd"));
        Assert.Equal("カードのシリアル番号は16桁の英数字（16進数）です。", await ScanAsync(client, "123"));

        await client.GetAsync("/language/en?returnUrl=/cards");
        Assert.Equal("card 00112233AABBCCDD is not on any imported delivery list", await ScanAsync(client, "00112233AABBCCDD"));
    }

    private static async Task<string> SuspendAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        var response = await PageClient.PostFormAsync(client, page + "?handler=Suspend", html, []);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        return body.Contains("data-testid=\"national-error\"", StringComparison.Ordinal) ? CatalogueMessagePagesTests.Shown(body, "national-error") : "";
    }

    [Fact]
    public async Task CertificateSuspend_AlreadySuspended_JapaneseThenEnglish()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 3);
        using var user = await TestCertificates.IssueAsync(factory, CaKind.UserAuthentication);
        using var op = await PageClient.SignedInOperatorAsync(factory);
        var page = $"/national/certificates/auth/{user.Serial}";

        Assert.Equal("", await SuspendAsync(op, page));
        Assert.Equal("一時保留にできるのは有効な電子証明書だけです（この証明書は「一時保留」）。", await SuspendAsync(op, page));

        await op.GetAsync($"/language/en?returnUrl={page}");
        Assert.Equal("only a good certificate can be suspended (this one is suspended)", await SuspendAsync(op, page));
    }
}
