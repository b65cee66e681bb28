using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Myna.Hosting.Demo;
using Myna.Pki.Authorities;
using Myna.Pki.Ocsp;
using Myna.Testing;

namespace Myna.E2E;

/// <summary>The card lifecycle in real Chromium (DOMAIN §8.3, §8.6): a loss call and the card found at the window; a move between two municipalities.</summary>
public sealed class LifecycleJourneyTests
{
    internal static async Task<(MynaWebFactory Factory, IReadOnlyList<DemoHolder> Holders)> WithHoldersAsync(bool neighbour)
    {
        var factory = await MynaWebFactory.CreateAsync(residents: 40, neighbour: neighbour);
        await DemoSetup.EnsureNationalAsync(factory.Stores.Runtime, TextWriter.Null);
        await using (var db = factory.Stores.OpenMunicipal())
        {
            await factory.Stores.Runtime.NoticeGeneration(TestStores.Ishinomaki).RunAsync(db, Core.Calendar.JapanClock.Today(TimeProvider.System), "test");
        }
        await DemoIssuance.EnsureAsync(factory.Stores.Runtime, TestStores.Ishinomaki, Documents.Demo.DemoPortrait.Jpeg, TextWriter.Null, cards: 6);
        var holders = await DemoLifecycle.EnsureAsync(factory.Stores.Runtime, TestStores.Ishinomaki, TextWriter.Null);
        return (factory, holders);
    }

    internal static async Task<IPage> SignInAsync(IBrowser browser, string baseUrl, string scope, string user, string password)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 }, Locale = "ja-JP" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUrl + "/account/login");
        await page.SelectOptionAsync("[data-testid=signin-scope]", scope);
        await page.FillAsync("input[name=UserName]", user);
        await page.FillAsync("input[name=Password]", password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(baseUrl + (scope == "national" ? "/national" : "/"));
        return page;
    }

    /// <summary>Asks the host's OCSP responder over HTTP, as a verifier would, about every live certificate of the card.</summary>
    private static async Task<List<(OcspCertStatus Status, int? Reason)>> OcspAsync(MynaWebFactory factory, IPage page, string baseUrl, string cardSerial)
    {
        await using var national = factory.Stores.Runtime.Stores.OpenNational();
        var certificates = await national.Certificates.AsNoTracking().Where(c => c.CardSerial == cardSerial && c.Reason != Myna.National.Jpki.RevocationReason.CessationOfOperation
            && c.Reason != Myna.National.Jpki.RevocationReason.AffiliationChanged).ToListAsync();
        var answers = new List<(OcspCertStatus, int?)>();
        foreach (var c in certificates)
        {
            var kind = (CaKind)c.Ca;
            var request = OcspRequest.Build([CertId.For(factory.Stores.Runtime.Authority(kind).Certificate, Convert.FromHexString(c.Serial))], nonce: [9, 8, 7, 6, 5, 4, 3, 2]);
            var response = await page.APIRequest.PostAsync($"{baseUrl}/pki/ocsp/{CaKinds.Slug(kind)}", new APIRequestContextOptions
            {
                Headers = new Dictionary<string, string> { ["Content-Type"] = "application/ocsp-request" }, DataByte = request,
            });
            var single = Assert.Single(OcspResponses.Parse(await response.BodyAsync()).Responses);
            answers.Add((single.Status, single.Reason));
        }
        Assert.NotEmpty(answers);
        return answers;
    }

    [Fact]
    public async Task ALossCall_SuspendsTheCard_OcspSaysSo_ThenTheCardIsFoundAtTheWindow_AndOcspSaysGood()
    {
        var (factory, holders) = await WithHoldersAsync(neighbour: false);
        await using var _ = factory;
        var baseUrl = factory.StartKestrel();
        var holder = holders[0];
        string serial;
        await using (var db = factory.Stores.OpenMunicipal())
        {
            serial = (await db.HeldCards.AsNoTracking().SingleAsync(h => h.ResidentId == holder.ResidentId)).Serial;
        }
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            // 1. The call centre (national side), any hour: the caller's four information, then the suspension.
            var centre = await SignInAsync(browser, baseUrl, "national", DemoSetup.Operator.UserName, DemoSetup.Operator.Password);
            await centre.GotoAsync(baseUrl + "/national/call-centre");
            await centre.FillAsync("[data-testid=cc-name]", holder.FullName);
            await centre.FillAsync("[data-testid=cc-birth]", Core.Calendar.JapaneseDate.Format(holder.BirthDate));
            await centre.FillAsync("[data-testid=cc-address]", "宮城県石巻市どこか1-1");
            await centre.SelectOptionAsync("[data-testid=cc-sex]", "1");
            await centre.ClickAsync("[data-testid=cc-submit]");
            await centre.WaitForSelectorAsync("[data-testid=cc-error]");
            Assert.Contains("一致しません", await centre.InnerTextAsync("[data-testid=cc-error]"), StringComparison.Ordinal); // the item to ask again
            await centre.FillAsync("[data-testid=cc-name]", holder.FullName);
            await centre.FillAsync("[data-testid=cc-birth]", Core.Calendar.JapaneseDate.Format(holder.BirthDate));
            await centre.FillAsync("[data-testid=cc-address]", holder.Address);
            await using (var db = factory.Stores.OpenMunicipal())
            {
                var sex = (await db.Residents.AsNoTracking().SingleAsync(r => r.Id == holder.ResidentId)).Sex;
                await centre.SelectOptionAsync("[data-testid=cc-sex]", ((int)sex).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            await centre.FillAsync("[data-testid=cc-caller]", "本人");
            await centre.ClickAsync("[data-testid=cc-submit]");
            await centre.WaitForSelectorAsync("[data-testid=cc-reference]");
            var reference = (await centre.InnerTextAsync("[data-testid=cc-reference]")).Trim();
            Assert.Matches(@"^S\d{6}-\d{6}$", reference);
            await Browser.ScreenshotAsync(centre, "60-call-centre-suspended");

            // 2. OCSP, asked over HTTP as a verifier would: revoked with reason certificateHold.
            Assert.All(await OcspAsync(factory, centre, baseUrl, serial), a => Assert.Equal((OcspCertStatus.Revoked, (int?)6), a));

            // 3. Found: the holder comes to the window; identity verified, suspension lifted.
            var clerk = await SignInAsync(browser, baseUrl, TestStores.Ishinomaki.Value, "clerk", "clerk-demo-2026");
            await clerk.GotoAsync($"{baseUrl}/residents/{holder.ResidentId}");
            Assert.Contains(reference, await clerk.InnerTextAsync("[data-testid=timeline]"), StringComparison.Ordinal);
            await clerk.ClickAsync("[data-testid=card-link]");
            await clerk.WaitForSelectorAsync("[data-testid=life-suspended]");
            Assert.Contains(reference, await clerk.InnerTextAsync("[data-testid=life-state]"), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(clerk, "61-card-suspended");
            await clerk.CheckAsync("[data-testid=lift-form] [data-testid='a-drivers-license']");
            await clerk.ClickAsync("[data-testid=lift-submit]");
            await clerk.WaitForSelectorAsync("[data-testid=life-error]");
            Assert.Contains("本人確認ができていません", await clerk.InnerTextAsync("[data-testid=life-error]"), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(clerk, "61-card-refused");
            await clerk.SetViewportSizeAsync(390, 844);
            await Browser.ScreenshotAsync(clerk, "61-card-refused-phone");
            // The certificates table stays within the phone's width: serials break, a wide table scrolls inside its card.
            Assert.True(await clerk.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the card page is wider than the phone");
            await clerk.SetViewportSizeAsync(1366, 768);
            await clerk.CheckAsync("[data-testid=lift-form] [data-testid='a-drivers-license']");
            await clerk.CheckAsync("[data-testid=lift-form] [data-testid='a-passport']");
            await clerk.ClickAsync("[data-testid=lift-submit]");
            await clerk.WaitForSelectorAsync("[data-testid=life-done]");
            Assert.Null(await clerk.QuerySelectorAsync("[data-testid=life-suspended]"));
            await Browser.ScreenshotAsync(clerk, "62-card-found-lifted");

            // 4. OCSP: good again.
            Assert.All(await OcspAsync(factory, clerk, baseUrl, serial), a => Assert.Equal(OcspCertStatus.Good, a.Status));
            await clerk.GotoAsync($"{baseUrl}/residents/{holder.ResidentId}");
            var timeline = await clerk.InnerTextAsync("[data-testid=timeline]");
            Assert.Contains("一時停止の解除", timeline, StringComparison.Ordinal);
            Assert.Contains("コールセンターで一時停止", timeline, StringComparison.Ordinal);
            await Browser.ScreenshotAsync(clerk, "63-resident-timeline");

            // 5. The holder forgot the 4-digit PIN: reset on desk 5's pad after identity verification; the clerk never sees it.
            var pad = await clerk.Context.NewPageAsync();
            await pad.GotoAsync(baseUrl + "/window/pad?desk=5");
            await pad.WaitForSelectorAsync("[data-testid=pad-waiting]");
            await clerk.GotoAsync($"{baseUrl}/residents/{holder.ResidentId}/card");
            await clerk.CheckAsync("[data-testid=window-form] [data-testid='a-individual-number-card']");
            await clerk.CheckAsync("[data-testid=window-form] [data-testid=m-chip]");
            await clerk.FillAsync("[data-testid=pin-desk]", "5");
            await clerk.ClickAsync("[data-testid=pin-reset-submit]");
            await clerk.WaitForSelectorAsync("[data-testid=pin-reset-waiting]");
            await clerk.FillAsync("[data-testid=pin-desk]", "7"); // typed while waiting: the page only updates its status, never reloads
            await pad.WaitForSelectorAsync("[data-testid=pad-reset-form]", new PageWaitForSelectorOptions { Timeout = 10_000 });
            await pad.FillAsync("[data-testid=pad-reset-pin]", "1111");
            await pad.FillAsync("[data-testid=pad-reset-pin-again]", "1111");
            await pad.ClickAsync("[data-testid=pad-reset-submit]");
            await pad.WaitForSelectorAsync("[data-testid=pad-refusal]");
            await Browser.ScreenshotAsync(pad, "68-pad-pin-reset-refused");
            await pad.FillAsync("[data-testid=pad-reset-pin]", "4826");
            await pad.FillAsync("[data-testid=pad-reset-pin-again]", "4826");
            await pad.ClickAsync("[data-testid=pad-reset-submit]");
            await pad.WaitForSelectorAsync("[data-testid=pad-done]");
            await clerk.WaitForSelectorAsync("[data-testid=pin-reset-waiting]:has-text('✓')", new PageWaitForSelectorOptions { Timeout = 10_000 });
            Assert.Equal("7", await clerk.InputValueAsync("[data-testid=pin-desk]"));
            Assert.DoesNotContain("4826", await clerk.ContentAsync(), StringComparison.Ordinal);
            Assert.Contains("1", await clerk.InnerTextAsync("[data-testid=pin-reset-status]"), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(clerk, "69-card-pin-reset-done");
        }
    }

    [Fact]
    public async Task AMoveBetweenTwoMunicipalities_ContinuesTheCard()
    {
        var (factory, holders) = await WithHoldersAsync(neighbour: true);
        await using var _ = factory;
        var baseUrl = factory.StartKestrel();
        var holder = holders[0];
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            // At the origin (石巻市): the move-out, with the destination, sends the advance information.
            var origin = await SignInAsync(browser, baseUrl, TestStores.Ishinomaki.Value, "clerk", "clerk-demo-2026");
            await origin.GotoAsync($"{baseUrl}/residents/{holder.ResidentId}");
            await origin.ClickAsync("[data-testid=event-form] summary");
            await origin.SelectOptionAsync("select[name='Event.Type']", "MoveOut");
            await origin.FillAsync("[data-testid=event-destination]", TestStores.Higashimatsushima.Value);
            await origin.FillAsync("[data-testid=event-destination-address]", "宮城県東松島市矢本字大溜1番1号");
            await Browser.ScreenshotAsync(origin, "64-move-out");
            await origin.ClickAsync("[data-testid=event-submit]");
            await origin.WaitForSelectorAsync("[data-testid=event-recorded]");
            Assert.Contains("転出予定者情報の送付", await origin.InnerTextAsync("[data-testid=timeline]"), StringComparison.Ordinal);

            // At the destination (東松島市, its own database): the information is waiting; the move-in continues the card.
            var destination = await SignInAsync(browser, baseUrl, TestStores.Higashimatsushima.Value, "clerk", "clerk-demo-2026");
            Assert.Contains("東松島市", await destination.InnerTextAsync("[data-testid=municipality]"), StringComparison.Ordinal);
            await destination.GotoAsync(baseUrl + "/lifecycle");
            await destination.WaitForSelectorAsync("[data-testid=incoming-row]");
            Assert.Contains(holder.FullName.Split('\u3000')[0], await destination.InnerTextAsync("[data-testid=incoming]"), StringComparison.Ordinal);
            await destination.ClickAsync("[data-testid=movein-open]");
            await destination.FillAsync("[data-testid=movein-town]", "矢本字大溜");
            await destination.FillAsync("[data-testid=movein-block]", "1-1");
            await Browser.ScreenshotAsync(destination, "65-move-in");
            await destination.ClickAsync("[data-testid=movein-submit]");
            await destination.WaitForSelectorAsync("[data-testid=moved-in-card]");
            Assert.Contains("継続利用", await destination.InnerTextAsync("[data-testid=moved-in-card]"), StringComparison.Ordinal);
            await destination.ClickAsync("[data-testid=moved-in-resident]");
            await destination.WaitForSelectorAsync("[data-testid=held-serial]");
            Assert.Contains("転入によるカードの継続利用", await destination.InnerTextAsync("[data-testid=timeline]"), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(destination, "66-continued-at-destination");
            await destination.ClickAsync("[data-testid=card-link]");
            await destination.WaitForSelectorAsync("[data-testid=life-serial]");
            Assert.Contains(TestStores.Ishinomaki.Value, await destination.InnerTextAsync("[data-testid=card-standing]"), StringComparison.Ordinal);
            Assert.Contains("失効", await destination.InnerTextAsync("[data-testid=cert-status-sign]"), StringComparison.Ordinal);
            Assert.Contains("有効", await destination.InnerTextAsync("[data-testid=cert-status-auth]"), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(destination, "67-card-at-destination");

            // The origin learns of the move-in: its record of the card says it continues elsewhere.
            await origin.GotoAsync(baseUrl + "/lifecycle");
            Assert.Contains("転入", await origin.InnerTextAsync("[data-testid=outgoing]"), StringComparison.Ordinal);
            await origin.GotoAsync($"{baseUrl}/residents/{holder.ResidentId}/card");
            Assert.Contains("転出先で継続利用", await origin.ContentAsync(), StringComparison.Ordinal);
        }
    }
}
