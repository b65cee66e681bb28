using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Myna.Core.Calendar;
using Myna.Testing;

namespace Myna.E2E;

/// <summary>A clerk's path through the staff UI in real Chromium: sign in, search, open, reveal.</summary>
public sealed class StaffJourneyTests
{
    internal static async Task<IPage> SignInAsync(IBrowser browser, string baseUrl, string user, string password, string? lang = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 }, Locale = "ja-JP" });
        var page = await context.NewPageAsync();
        if (lang is not null)
        {
            await page.GotoAsync($"{baseUrl}/language/{lang}");
        }
        await page.GotoAsync(baseUrl + "/");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        await page.FillAsync("input[name=UserName]", user);
        await page.FillAsync("input[name=Password]", password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(baseUrl + "/");
        return page;
    }

    [Fact]
    public async Task Clerk_SignsInSearchesByKanaOpensAndRevealsWithPurpose_RevealIsAudited()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 300);
        var baseUrl = factory.StartKestrel();
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await SignInAsync(browser, baseUrl, "clerk", "clerk-demo-2026");
            Assert.Contains("窓口 一郎", await page.InnerTextAsync("[data-testid=signed-in-user]"), StringComparison.Ordinal);

            // Search by a reading typed in hiragana; the name field has focus on arrival.
            var (id, kana) = await factory.AnyResidentAsync();
            var hiragana = new string(kana.Select(c => c is >= 'ァ' and <= 'ヶ' ? (char)(c - 0x60) : c).ToArray());
            await page.Keyboard.TypeAsync(hiragana);
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForSelectorAsync("[data-testid=results]");
            await Browser.ScreenshotAsync(page, "01-search-results");
            await page.ClickAsync($"a[href='/residents/{id}']");
            await page.WaitForSelectorAsync("[data-testid=number-masked]");
            Assert.Matches("^\\*{8}[0-9]{4}$", (await page.InnerTextAsync("[data-testid=number-masked]")).Trim());
            await Browser.ScreenshotAsync(page, "02-resident");

            await page.SelectOptionAsync("[data-testid=reveal-purpose]", "card-issuance");
            await page.ClickAsync("[data-testid=reveal-button]");
            await page.WaitForSelectorAsync("[data-testid=number-full]");
            var shown = (await page.InnerTextAsync("[data-testid=number-full]")).Replace(" ", "", StringComparison.Ordinal);
            Assert.Matches("^[0-9]{12}$", shown);
            Assert.Contains("監査ログに記録されました", await page.InnerTextAsync("[data-testid=reveal-audited]"), StringComparison.Ordinal);
            Assert.DoesNotContain(shown, page.Url, StringComparison.Ordinal);
            await Browser.ScreenshotAsync(page, "03-revealed");

            await using var db = factory.Stores.OpenMunicipal();
            var record = await db.AuditRecords.OrderBy(a => a.Sequence).LastAsync();
            Assert.Equal(("number.reveal", "clerk", $"resident:{id}", "card-issuance"), (record.Action, record.Actor, record.Subject, record.Purpose));
            var number = factory.Stores.Runtime.Protector(TestStores.Ishinomaki)
                .Unprotect((await db.ResidentNumbers.SingleAsync(n => n.ResidentId == id && n.IsCurrent)).Cipher, id);
            Assert.Equal(number.Value, shown);
        }
    }

    [Fact]
    public async Task Clerk_SearchesByEraBirthDateInEnglish_FindsTheResident()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 100);
        var baseUrl = factory.StartKestrel();
        await using var db = factory.Stores.OpenMunicipal();
        var resident = await db.Residents.OrderBy(r => r.Id).FirstAsync();
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await SignInAsync(browser, baseUrl, "clerk", "clerk-demo-2026", lang: "en");
            await page.FillAsync("input[name=birthDate]", JapaneseDate.FormatShort(resident.BirthDate));
            await page.ClickAsync("button[type=submit].primary");
            await page.WaitForSelectorAsync("[data-testid=results]");
            Assert.Contains("Resident search", await page.InnerTextAsync("h1"), StringComparison.Ordinal);
            Assert.Contains(resident.FamilyName, await page.InnerTextAsync("[data-testid=results]"), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(page, "04-search-english");
        }
    }

    [Fact]
    public async Task Clerk_RecordsAMoveWithinTheCity_HistoryShowsIt()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 20);
        var baseUrl = factory.StartKestrel();
        var (id, _) = await factory.AnyResidentAsync();
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await SignInAsync(browser, baseUrl, "clerk", "clerk-demo-2026");
            await page.GotoAsync($"{baseUrl}/residents/{id}");
            await page.ClickAsync("[data-testid=event-form] summary");
            await page.SelectOptionAsync("select[name='Event.Type']", "AddressChangeWithin");
            await page.FillAsync("input[name='Event.EffectiveDate']", "R8.11.1");
            await page.FillAsync("input[name='Event.Town']", "中里二丁目");
            await page.FillAsync("input[name='Event.Block']", "5番1号");
            await Browser.ScreenshotAsync(page, "05-event-form");
            await page.ClickAsync("[data-testid=event-submit]");
            await page.WaitForSelectorAsync("[data-testid=event-recorded]");
            var history = await page.InnerTextAsync("[data-testid=history]");
            Assert.Contains("転居", history, StringComparison.Ordinal);
            Assert.Contains("令和8年11月1日", history, StringComparison.Ordinal);
            await Browser.ScreenshotAsync(page, "06-event-recorded");
            await using var db = factory.Stores.OpenMunicipal();
            Assert.Equal("中里二丁目", (await db.Residents.SingleAsync(r => r.Id == id)).Town);
        }
    }

    [Fact]
    public async Task SupportOfficer_SeesNoRevealButton_AndWrongPasswordShowsError()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 20);
        var baseUrl = factory.StartKestrel();
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var context = await browser.NewContextAsync();
            var login = await context.NewPageAsync();
            await login.GotoAsync(baseUrl + "/account/login");
            await login.FillAsync("input[name=UserName]", "clerk");
            await login.FillAsync("input[name=Password]", "not-the-password");
            await login.Keyboard.PressAsync("Enter");
            await login.WaitForSelectorAsync("[data-testid=signin-error]");
            await Browser.ScreenshotAsync(login, "00-signin-error");

            var page = await SignInAsync(browser, baseUrl, "officer", "officer-demo-2026");
            var (id, _) = await factory.AnyResidentAsync();
            await page.GotoAsync($"{baseUrl}/residents/{id}");
            await page.WaitForSelectorAsync("[data-testid=number-masked]");
            Assert.Equal(0, await page.Locator("[data-testid=reveal-button]").CountAsync());
        }
    }
}
