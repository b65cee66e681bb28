using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Myna.Core.Applications;
using Myna.Testing;

namespace Myna.E2E;

/// <summary>
/// Every action is confirmed at the top of the page it lands on, with a link to what it produced
/// (issue 19, point 8): the review's outcome with the deficiency letter to print, and a recorded
/// change with the way down to it in the history — on the office screen and on a phone.
/// </summary>
public sealed class FeedbackJourneyTests
{
    [Fact]
    public async Task Review_FailThenPass_ConfirmsAtTheTop_WithTheDeficiencyLetterOpeningInline()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 40);
        var baseUrl = factory.StartKestrel();
        await using (var db = factory.Stores.OpenMunicipal())
        {
            await factory.Stores.Runtime.NoticeGeneration(TestStores.Ishinomaki).RunAsync(db, new DateOnly(2026, 11, 24), "test");
            var today = Core.Calendar.JapanClock.Today(TimeProvider.System);
            var forms = await db.Notices.Join(db.Residents, n => n.ResidentId, r => r.Id, (n, r) => new { n.ApplicationId, r.BirthDate }).ToListAsync();
            using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
            foreach (var form in forms.Where(f => !ApplicationRules.IsUnder15(f.BirthDate, today)).Take(2))
            {
                using var content = new MultipartFormDataContent { { new StringContent(form.ApplicationId), "applicationId" }, { new StringContent("true"), "consent" }, { new StringContent("resident@example.jp"), "email" } };
                var photo = new ByteArrayContent(TestPhotos.Jpeg());
                photo.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
                content.Add(photo, "photo", "photo.jpg");
                var answer = await http.PostAsync("/api/v1/public/applications", content);
                Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
            }
        }
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var clerk = await StaffJourneyTests.SignInAsync(browser, baseUrl, "clerk", "clerk-demo-2026");
            await clerk.GotoAsync(baseUrl + "/applications");
            await clerk.ClickAsync("[data-testid=applications] a");
            await clerk.CheckAsync("input[name=reasons] >> nth=0");
            await clerk.ClickAsync("[data-testid=review-fail]");

            // Not deficient any more: the next application, with what was done on top.
            var flash = await clerk.WaitForSelectorAsync("[data-testid=flash]");
            Assert.Contains("不備として記録しました", await flash!.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("次の申請を表示しています", await flash.InnerTextAsync(), StringComparison.Ordinal);
            await AssertAtTheTopAsync(clerk);
            Assert.Equal("_blank", await clerk.GetAttributeAsync("[data-testid=flash-link]", "target"));
            var letterHref = await clerk.GetAttributeAsync("[data-testid=flash-link]", "href");
            Assert.Matches("^/api/v1/applications/[0-9]+/deficiency-notice$", letterHref);
            var letter = await clerk.APIRequest.GetAsync(baseUrl + letterHref);
            Assert.Equal(200, letter.Status);
            Assert.Equal("application/pdf", letter.Headers["content-type"]);
            Assert.StartsWith("inline; filename=", letter.Headers["content-disposition"], StringComparison.Ordinal);
            Assert.InRange((await letter.BodyAsync()).Length, 1, 200 * 1024);
            await Browser.ScreenshotAsync(clerk, "19-8-review-fail-flash");

            await clerk.ClickAsync("[data-testid=review-pass]");
            flash = await clerk.WaitForSelectorAsync("[data-testid=flash]");
            Assert.Contains("適合として受理しました", await flash!.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("ほかにありません", await flash.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Matches("/applications/[0-9]+$", await clerk.GetAttributeAsync("[data-testid=flash-link]", "href"));
            await Browser.ScreenshotAsync(clerk, "19-8-review-pass-flash");

            // Shown once: a reload no longer confirms.
            await clerk.ReloadAsync();
            await clerk.WaitForSelectorAsync("h1");
            Assert.Equal(0, await clerk.Locator("[data-testid=flash]").CountAsync());
        }
    }

    [Fact]
    public async Task RecordEvent_OnAPhone_ConfirmsAtTheTop_AndTheLinkLeadsToTheRecordedChange()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 20);
        var baseUrl = factory.StartKestrel();
        var (id, _) = await factory.AnyResidentAsync();
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await StaffJourneyTests.SignInAsync(browser, baseUrl, "clerk", "clerk-demo-2026");
            await page.SetViewportSizeAsync(390, 844);
            await page.GotoAsync($"{baseUrl}/residents/{id}");
            await page.ClickAsync("[data-testid=event-form] summary");
            await page.SelectOptionAsync("select[name='Event.Type']", "AddressChangeWithin");
            await page.FillAsync("input[name='Event.EffectiveDate']", "R8.11.1");
            await page.FillAsync("input[name='Event.Town']", "中里二丁目");
            await page.FillAsync("input[name='Event.Block']", "5番1号");
            await page.ClickAsync("[data-testid=event-submit]");

            var confirmed = await page.WaitForSelectorAsync("[data-testid=event-recorded]");
            Assert.Contains("異動を記録しました", await confirmed!.InnerTextAsync(), StringComparison.Ordinal);
            await AssertAtTheTopAsync(page);
            await Browser.ScreenshotAsync(page, "19-8-event-flash-phone");

            var href = await page.GetAttributeAsync("[data-testid=flash-link]", "href");
            Assert.Matches("^#event-[0-9]+$", href);
            await page.ClickAsync("[data-testid=flash-link]");
            var row = page.Locator(href!);
            await Assertions.Expect(row).ToBeInViewportAsync();
            Assert.Contains("転居", await row.InnerTextAsync(), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(page, "19-8-event-row-phone");
        }
    }

    /// <summary>The confirmation is in the first screenful, without scrolling.</summary>
    private static async Task AssertAtTheTopAsync(IPage page)
    {
        Assert.Equal(0, await page.EvaluateAsync<int>("() => Math.round(window.scrollY)"));
        await Assertions.Expect(page.Locator("[data-testid=flash]")).ToBeInViewportAsync();
    }
}
