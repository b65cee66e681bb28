using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Myna.Hosting.Demo;
using Myna.Testing;

namespace Myna.E2E;

/// <summary>The hand-over at the window in real Chromium (DOMAIN §6.4): the clerk's screen and the resident-facing PIN pad side by side.</summary>
public sealed class WindowJourneyTests
{
    internal static async Task<(MynaWebFactory Factory, IReadOnlyList<DemoNotice> Notices)> WithCardsAsync()
    {
        var factory = await MynaWebFactory.CreateAsync(residents: 40);
        await DemoSetup.EnsureNationalAsync(factory.Stores.Runtime, TextWriter.Null);
        await using (var db = factory.Stores.OpenMunicipal())
        {
            await factory.Stores.Runtime.NoticeGeneration(TestStores.Ishinomaki).RunAsync(db, Core.Calendar.JapanClock.Today(TimeProvider.System), "test");
        }
        var notices = await DemoIssuance.EnsureAsync(factory.Stores.Runtime, TestStores.Ishinomaki, Documents.Demo.DemoPortrait.Jpeg, TextWriter.Null, cards: 8);
        return (factory, notices);
    }

    [Fact]
    public async Task AnOrdinaryHandOver_FromScanToPinPadToHandOver_ThenAProxy()
    {
        var (factory, notices) = await WithCardsAsync();
        await using var _ = factory;
        var baseUrl = factory.StartKestrel();
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var clerk = await StaffJourneyTests.SignInAsync(browser, baseUrl, "clerk", "clerk-demo-2026");
            // The resident-facing screen: a second window of the same workstation.
            var pad = await clerk.Context.NewPageAsync();
            await pad.GotoAsync(baseUrl + "/window/pad?desk=3");
            await pad.WaitForSelectorAsync("[data-testid=pad-waiting]");

            // 1. Scan the notice (the scanner types the QR code's digits and Enter).
            await clerk.GotoAsync(baseUrl + "/window");
            await clerk.FillAsync("[data-testid=window-desk]", "3");
            await clerk.FocusAsync("[data-testid=window-scan]");
            await clerk.Keyboard.TypeAsync(notices[0].Number);
            await clerk.Keyboard.PressAsync("Enter");
            await clerk.WaitForSelectorAsync("[data-testid=idv-form]");
            Assert.Contains(notices[0].FullName, await clerk.InnerTextAsync("[data-testid=window-case]"), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(clerk, "40-window-scanned");

            // 2. One 甲 document alone: the engine names what is missing.
            await clerk.CheckAsync("[data-testid='a-drivers-license']");
            await clerk.UncheckAsync("[data-testid=inquiry-reply]");
            await clerk.ClickAsync("[data-testid=idv-submit]");
            await clerk.WaitForSelectorAsync("[data-testid=idv-missing]");
            Assert.Contains("暗証番号の入力、ICチップの確認または聴聞", await clerk.InnerTextAsync("[data-testid=idv-missing]"), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(clerk, "41-window-identity-missing");
            await clerk.CheckAsync("[data-testid='a-drivers-license']");
            await clerk.CheckAsync("[data-testid=m-ask]");
            await clerk.ClickAsync("[data-testid=idv-submit]");
            await clerk.WaitForSelectorAsync("[data-testid=idv-method]");
            Assert.Contains("A", await clerk.InnerTextAsync("[data-testid=idv-method]"), StringComparison.Ordinal);

            // 3. Checks.
            await clerk.CheckAsync("[data-testid=check-photo]");
            await clerk.CheckAsync("[data-testid=check-face]");
            await clerk.CheckAsync("[data-testid=check-register]");
            await clerk.ClickAsync("[data-testid=checks-submit]");
            await clerk.WaitForSelectorAsync("[data-testid=pins-waiting]");
            await Browser.ScreenshotAsync(clerk, "42-window-waiting-for-pins");

            // 4. The resident types on the pad: a run is refused with the rule, then good PINs are set.
            await pad.WaitForSelectorAsync("[data-testid=pad-form]", new PageWaitForSelectorOptions { Timeout = 10_000 });
            await Browser.ScreenshotAsync(pad, "43-pinpad");
            await EnterPinsAsync(pad, "1234", "MYNA2026");
            await pad.WaitForSelectorAsync("[data-testid=pad-refusal]");
            Assert.Contains("連続", await pad.InnerTextAsync("[data-testid=pad-refusal]"), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(pad, "44-pinpad-refused");
            await EnterPinsAsync(pad, "2580", "MYNA2026");
            await pad.WaitForSelectorAsync("[data-testid=pad-done]");

            // The clerk's screen learns only that the PINs are set (it refreshes by itself).
            await clerk.WaitForSelectorAsync("[data-testid=pins-set]", new PageWaitForSelectorOptions { Timeout = 10_000 });
            var clerkText = await clerk.ContentAsync();
            Assert.DoesNotContain("2580", clerkText, StringComparison.Ordinal);
            Assert.DoesNotContain("MYNA2026", clerkText, StringComparison.Ordinal);
            Assert.Contains("1 回", await clerk.InnerTextAsync("[data-testid=pin-step]"), StringComparison.Ordinal);

            // 5–6. Hand-over.
            if (await clerk.QuerySelectorAsync("[data-testid=alt-chars]") is { } alt)
            {
                await alt.CheckAsync();
            }
            await clerk.CheckAsync("[data-testid=juki]");
            await clerk.ClickAsync("[data-testid=handover]");
            await clerk.WaitForSelectorAsync("[data-testid=window-outcome]");
            Assert.Contains("交付済", await clerk.InnerTextAsync("[data-testid=window-outcome]"), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(clerk, "45-window-handed-over");
            var memo = await clerk.APIRequest.GetAsync(await clerk.GetAttributeAsync("[data-testid=pin-memo]", "href") is { } href ? baseUrl + href : "");
            Assert.Equal("application/pdf", memo.Headers["content-type"]);

            // A proxy collects the second card (the applicant is in hospital).
            await clerk.ClickAsync("[data-testid=next-card]");
            await clerk.FillAsync("[data-testid=window-scan]", notices[1].Number);
            await clerk.Keyboard.PressAsync("Enter");
            await clerk.WaitForSelectorAsync("[data-testid=idv-form]");
            await clerk.CheckAsync("[data-testid=by-proxy]");
            await clerk.FillAsync("[data-testid=proxy-name]", "代理　花子");
            await clerk.SelectOptionAsync("[data-testid=proxy-reason]", "病気・けが");
            await clerk.CheckAsync("[data-testid=proxy-reason-doc]");
            await clerk.CheckAsync("[data-testid=proxy-authorisation]");
            await clerk.CheckAsync("[data-testid='p-drivers-license']");
            await clerk.CheckAsync("[data-testid='p-passport']");
            await clerk.CheckAsync("[data-testid='a-health-insurance-card']");
            await clerk.CheckAsync("[data-testid='a-individual-number-card']");
            await Browser.ScreenshotAsync(clerk, "46-window-proxy-documents");
            await clerk.ClickAsync("[data-testid=idv-submit]");
            await clerk.WaitForSelectorAsync("[data-testid=idv-method]");
            Assert.Contains("代理人 B方式 + 本人 B方式", await clerk.InnerTextAsync("[data-testid=idv-method]"), StringComparison.Ordinal);
            await clerk.CheckAsync("[data-testid=check-photo]");
            await clerk.CheckAsync("[data-testid=check-face]");
            await clerk.CheckAsync("[data-testid=check-register]");
            await clerk.ClickAsync("[data-testid=checks-submit]");
            await pad.GotoAsync(baseUrl + "/window/pad?desk=3");
            await EnterPinsAsync(pad, "7391", "KAGI7391");
            await pad.WaitForSelectorAsync("[data-testid=pad-done]");
            await clerk.WaitForSelectorAsync("[data-testid=handover]", new PageWaitForSelectorOptions { Timeout = 10_000 });
            if (await clerk.QuerySelectorAsync("[data-testid=alt-chars]") is { } alternative)
            {
                await alternative.CheckAsync(); // this applicant's name or address has alternative characters
            }
            await clerk.ClickAsync("[data-testid=handover]");
            await clerk.WaitForSelectorAsync("[data-testid=window-outcome]");
            Assert.Contains("代理人：代理　花子", await clerk.InnerTextAsync("[data-testid=window-outcome]"), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(clerk, "47-window-proxy-handed-over");
        }
        await using var db = factory.Stores.OpenMunicipal();
        var done = await db.WindowIssuances.AsNoTracking().Where(i => i.Outcome == Core.Issuance.IssuanceOutcome.Issued).ToListAsync();
        Assert.Equal(2, done.Count);
        Assert.All(done, i => Assert.True(i.EndedAt > i.StartedAt)); // the service time is measured
    }

    private static async Task EnterPinsAsync(IPage pad, string four, string signature)
    {
        await pad.FillAsync("[data-testid=pad-pin]", four);
        await pad.FillAsync("[data-testid=pad-pin-again]", four);
        if (await pad.QuerySelectorAsync("[data-testid=pad-sig]") is not null)
        {
            await pad.FillAsync("[data-testid=pad-sig]", signature);
            await pad.FillAsync("[data-testid=pad-sig-again]", signature);
        }
        await pad.ClickAsync("[data-testid=pad-submit]");
    }
}
