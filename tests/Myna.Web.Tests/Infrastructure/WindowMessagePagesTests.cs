using System.Net;
using Myna.Testing;

namespace Myna.Web.Tests.Infrastructure;

/// <summary>
/// Issue 19 point 2 at the busiest desk: the issuance window's refusals (an unknown notice, an unreadable scan) are catalogue
/// messages, in Japanese by default and in English after the switch, never English on a Japanese screen.
/// </summary>
public sealed class WindowMessagePagesTests
{
    private static async Task<string> ScanAsync(HttpClient client, string scanned)
    {
        var html = await client.GetStringAsync("/window");
        var response = await PageClient.PostFormAsync(client, "/window", html, new Dictionary<string, string> { ["Scan"] = scanned, ["Desk"] = "1" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return CatalogueMessagePagesTests.Shown(await response.Content.ReadAsStringAsync(), "window-error");
    }

    [Fact]
    public async Task WindowScan_UnknownNoticeAndUnreadableInput_JapaneseThenEnglish()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        using var clerk = await PageClient.SignedInAsync(factory, "clerk", "clerk-demo-2026");
        var unknown = Core.Issuance.NoticeNumber.New(); // well formed, and no notice was sent in this store

        Assert.Equal("この番号の交付通知書はありません。", await ScanAsync(clerk, unknown));
        Assert.Equal("交付通知書のQRコードを読み取るか、12桁の番号または23桁の申請書IDを入力してください。", await ScanAsync(clerk, "abc"));

        await clerk.GetAsync("/language/en?returnUrl=/window");
        Assert.Equal("no issuance notice has this number", await ScanAsync(clerk, unknown));
        Assert.Equal("scan the issuance notice's QR code, or type its 12-digit number or the 23-digit application ID", await ScanAsync(clerk, "abc"));
    }
}
