using Myna.Core.Staff;
using Myna.Hosting.Demo;
using Myna.Testing;
using Myna.Web.Security;

namespace Myna.E2E;

/// <summary>
/// Each role in real Chromium: the menu shows only what the role may open, and the other side's
/// page explains itself with a 403 page instead of an error (DOMAIN §0.2).
/// </summary>
public sealed class PermissionJourneyTests
{
    [Fact]
    public async Task EachRole_SeesItsOwnMenu_AndTheOperatorIsToldAMunicipalPageIsNotTheirs()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        await DemoSetup.EnsureNationalAsync(factory.Stores.Runtime, TextWriter.Null);
        var baseUrl = factory.StartKestrel();
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            foreach (var account in DemoSetup.Accounts)
            {
                var page = await LifecycleJourneyTests.SignInAsync(browser, baseUrl, TestStores.Ishinomaki.Value, account.UserName, account.Password);
                var shown = await page.Locator("nav.main a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
                var expected = StaffMenu.Sections.Where(s => RolePermissions.Grants([account.Role], s.Permission) && !RolePermissions.IsNational(s.Permission))
                    .Select(s => s.Href).ToArray();
                Assert.Equal(expected, shown);
                await Browser.ScreenshotAsync(page, $"70-menu-{account.UserName}");
                await page.Context.CloseAsync();
            }

            var officer = await LifecycleJourneyTests.SignInAsync(browser, baseUrl, TestStores.Ishinomaki.Value, "officer", "officer-demo-2026");
            var denied = await officer.GotoAsync(baseUrl + "/cards");
            Assert.Equal(403, denied!.Status);
            await officer.WaitForSelectorAsync("[data-testid=denied]");
            await Browser.ScreenshotAsync(officer, "71-denied-officer");

            var op = await LifecycleJourneyTests.SignInAsync(browser, baseUrl, "national", DemoSetup.Operator.UserName, DemoSetup.Operator.Password);
            var dashboard = await op.GotoAsync(baseUrl + "/dashboard");
            Assert.Equal(403, dashboard!.Status);
            Assert.Contains("J-LIS", await op.InnerTextAsync("[data-testid=denied]"), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(op, "72-denied-operator");
            await op.ClickAsync("[data-testid=denied] a.button");
            await op.WaitForURLAsync(baseUrl + "/national");
        }
    }
}
