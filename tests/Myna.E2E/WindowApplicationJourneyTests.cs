using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Myna.Core.Applications;
using Myna.Municipal.Applications;
using Myna.Testing;

namespace Myna.E2E;

/// <summary>申請時来庁方式 in real Chromium: identity at application on the application's page, the PINs on the desk's pad.</summary>
public sealed class WindowApplicationJourneyTests
{
    [Fact]
    public async Task ApplyingAtTheWindow_IdentityThenPinsOnThePad()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 40);
        long applicationRow;
        await using (var db = factory.Stores.OpenMunicipal())
        {
            await factory.Stores.Runtime.NoticeGeneration(TestStores.Ishinomaki).RunAsync(db, Core.Calendar.JapanClock.Today(TimeProvider.System), "test");
            var form = await Myna.Hosting.Demo.DemoForms.UnusedAsync(db, Core.Calendar.JapanClock.Today(TimeProvider.System));
            var receipt = await factory.Stores.Runtime.ApplicationDesk(TestStores.Ishinomaki).SubmitAsync(db, TestStores.Ishinomaki,
                new ApplicationInput(form!.ApplicationId, ApplicationChannel.Window, Documents.Demo.DemoPortrait.Jpeg(3), Consent: true), "clerk");
            applicationRow = receipt.Id;
        }
        var baseUrl = factory.StartKestrel();
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var clerk = await StaffJourneyTests.SignInAsync(browser, baseUrl, "clerk", "clerk-demo-2026");
            var pad = await clerk.Context.NewPageAsync();
            await pad.GotoAsync(baseUrl + "/window/pad?desk=1");
            await clerk.GotoAsync($"{baseUrl}/applications/{applicationRow}");
            await clerk.WaitForSelectorAsync("[data-testid=winapp-form]");
            await clerk.CheckAsync("[data-testid='a-passport']");
            await clerk.CheckAsync("[data-testid='a-drivers-license']");
            await clerk.UncheckAsync("[data-testid=inquiry-reply]");
            await clerk.ClickAsync("[data-testid=winapp-submit]");
            await clerk.WaitForSelectorAsync("[data-testid=winapp-verified]");
            Assert.Contains("B", await clerk.InnerTextAsync("[data-testid=winapp-verified]"), StringComparison.Ordinal);
            await clerk.ClickAsync("[data-testid=winapp-pins-request]");
            await clerk.WaitForSelectorAsync("[data-testid=winapp-pins-waiting]");
            await Browser.ScreenshotAsync(clerk, "48-window-application");

            await pad.WaitForSelectorAsync("[data-testid=pad-form]", new PageWaitForSelectorOptions { Timeout = 10_000 });
            await pad.FillAsync("[data-testid=pad-pin]", "7391");
            await pad.FillAsync("[data-testid=pad-pin-again]", "7391");
            await pad.FillAsync("[data-testid=pad-sig]", "KAGI7391");
            await pad.FillAsync("[data-testid=pad-sig-again]", "KAGI7391");
            await pad.ClickAsync("[data-testid=pad-submit]");
            await pad.WaitForSelectorAsync("[data-testid=pad-done]");
            await clerk.WaitForSelectorAsync("[data-testid=winapp-pins-waiting]:has-text('✓')", new PageWaitForSelectorOptions { Timeout = 10_000 });
            Assert.DoesNotContain("7391", await clerk.ContentAsync(), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(clerk, "49-window-application-pins");
        }
        await using var check = factory.Stores.OpenMunicipal();
        Assert.True((await check.CardApplications.AsNoTracking().SingleAsync(a => a.Id == applicationRow)).MailCard);
        Assert.NotNull((await check.PinRequests.AsNoTracking().SingleAsync(r => r.CardApplicationId == applicationRow)).Sealed);
    }
}
