using Microsoft.Playwright;
using Myna.Hosting.Demo;
using Myna.Pki.Authorities;
using Myna.Testing;

namespace Myna.E2E;

/// <summary>A J-LIS operator in real Chromium: signs in to the national side, finds a certificate and suspends it.</summary>
public sealed class OperatorJourneyTests
{
    [Fact]
    public async Task Operator_SignsInToJlis_FindsACertificate_SuspendsIt_AndSeesTheHistory()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 30);
        await DemoSetup.EnsureNationalAsync(factory.Stores.Runtime, TextWriter.Null);
        var baseUrl = factory.StartKestrel();
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 }, Locale = "ja-JP" });
            var page = await context.NewPageAsync();
            await page.GotoAsync(baseUrl + "/account/login");
            await page.SelectOptionAsync("[data-testid=signin-scope]", "national");
            await page.FillAsync("input[name=UserName]", DemoSetup.Operator.UserName);
            await page.FillAsync("input[name=Password]", DemoSetup.Operator.Password);
            await Browser.ScreenshotAsync(page, "30-operator-signin");
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForURLAsync(baseUrl + "/national");
            await page.WaitForSelectorAsync("[data-testid=certificates]");
            Assert.Contains("J-LIS", await page.InnerTextAsync("[data-testid=municipality]"), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(page, "31-operator-certificates");

            var link = page.Locator("[data-testid=certificates] a[href^='/national/certificates/sign/']").First;
            var serial = (await link.InnerTextAsync()).Trim();
            await page.FillAsync("[data-testid=serial]", serial[..10]);
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForSelectorAsync($"a[href='/national/certificates/sign/{serial}']");
            await page.ClickAsync($"a[href='/national/certificates/sign/{serial}']");
            await page.WaitForSelectorAsync("[data-testid=four-info]");
            await page.FillAsync("form:has([data-testid=suspend]) input[name=Note]", "紛失の届出（コールセンター受付 0001）");
            await page.ClickAsync("[data-testid=suspend]");
            await page.WaitForSelectorAsync("[data-testid=national-done]");
            Assert.Contains("一時保留", await page.InnerTextAsync("[data-testid=cert-status]"), StringComparison.Ordinal);
            Assert.Contains("紛失の届出", await page.InnerTextAsync("[data-testid=history]"), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(page, "32-operator-suspended");

            await using var db = factory.Stores.Runtime.Stores.OpenNational();
            var status = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Certificates, c => c.Serial == serial && c.Ca == (int)CaKind.Signature);
            Assert.Equal(Myna.National.Jpki.CertificateStatus.Suspended, status.Status);

            await page.GotoAsync(baseUrl + "/national/verifiers");
            await page.FillAsync("[data-testid=verifier-name]", "みやぎ銀行");
            await page.FillAsync("[data-testid=verifier-corporate]", "5835678256246");
            await page.ClickAsync("[data-testid=verifier-register]");
            await page.WaitForSelectorAsync("[data-testid=verifier-key]");
            Assert.StartsWith("myv_", (await page.InnerTextAsync("[data-testid=verifier-key] code")).Trim(), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(page, "33-operator-verifiers");
        }
    }
}
