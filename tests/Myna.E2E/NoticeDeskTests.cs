using Microsoft.EntityFrameworkCore;
using Myna.Core.Notices;
using Myna.Testing;

namespace Myna.E2E;

/// <summary>The notification desks in real Chromium: residence registration, and returned mail by scanner and keyboard.</summary>
public sealed class NoticeDeskTests
{
    [Fact]
    public async Task Clerk_RegistersAResidenceHeldAtTheOffice_AndTheNoticeWaitsThere()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 30);
        var baseUrl = factory.StartKestrel();
        var (id, _) = await factory.AnyResidentAsync();
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await StaffJourneyTests.SignInAsync(browser, baseUrl, "clerk", "clerk-demo-2026");
            await page.GotoAsync($"{baseUrl}/residents/{id}");
            await page.ClickAsync("[data-testid=residence-form] summary");
            await page.SelectOptionAsync("select[name='Residence.Reason']", "AbuseVictim");
            await page.SelectOptionAsync("select[name='Residence.Delivery']", "HeldAtOffice");
            await page.FillAsync("input[name='Residence.Address']", "宮城県石巻市内（支援機関の施設）");
            await page.CheckAsync("input[name='Residence.IdDocumentChecked']");
            await Browser.ScreenshotAsync(page, "10-residence-form");
            await page.ClickAsync("[data-testid=residence-submit]");
            await page.WaitForSelectorAsync("[data-testid=residence-saved]");
            Assert.Contains("市役所で留め置き", await page.InnerTextAsync("[data-testid=residences]"), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(page, "11-residence-saved");
        }

        await using var db = factory.Stores.OpenMunicipal();
        var numbered = await db.ResidentNumbers.AnyAsync(n => n.ResidentId == id && n.IsCurrent);
        Assert.True(numbered);
        await factory.Stores.Runtime.NoticeGeneration(TestStores.Ishinomaki).RunAsync(db, new DateOnly(2026, 11, 24), "test");
        var envelope = await db.NoticeEnvelopes.SingleAsync(e => e.Id == db.Notices.Single(n => n.ResidentId == id).EnvelopeId);
        Assert.Equal((DeliveryKind.HeldAtOffice, MailState.HeldAtOffice), (envelope.Delivery, envelope.State));
    }

    [Fact]
    public async Task Clerk_BooksAReturnedEnvelopeByScanAndKey_ThenReSendsIt()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 30);
        var baseUrl = factory.StartKestrel();
        NoticeEnvelope first;
        await using (var db = factory.Stores.OpenMunicipal())
        {
            await factory.Stores.Runtime.NoticeGeneration(TestStores.Ishinomaki).RunAsync(db, new DateOnly(2026, 11, 24), "test");
            first = await db.NoticeEnvelopes.OrderBy(e => e.Sequence).FirstAsync(e => e.State == MailState.Prepared);
            await factory.Stores.Runtime.MailTracking(TestStores.Ishinomaki).RecordMailNumbersAsync(db, [(first.BatchId, first.Sequence, "4321-0987-6543")], "test");
        }
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await StaffJourneyTests.SignInAsync(browser, baseUrl, "clerk", "clerk-demo-2026");
            await page.ClickAsync("nav.main a[href='/mail']");
            // A scanner types into whatever has focus: wait, as the clerk does, until the desk shows its field focused.
            await page.WaitForFunctionAsync("document.activeElement?.dataset.testid === 'mail-scan'");
            // The scanner types the barcode and Enter into the focused field; the clerk presses 3 (受取拒否).
            await page.Keyboard.TypeAsync("432109876543");
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForSelectorAsync("[data-testid=mail-found]");
            await Browser.ScreenshotAsync(page, "12-mail-found");
            await page.Keyboard.PressAsync("3");
            await page.WaitForSelectorAsync("[data-testid=mail-booked]");
            Assert.Contains("受取拒否", await page.InnerTextAsync("[data-testid=mail-booked]"), StringComparison.Ordinal);
            Assert.Equal("", await page.InputValueAsync("[data-testid=mail-scan]")); // ready for the next envelope

            await page.ClickAsync("[data-testid=mail-booked] a");
            Assert.Equal("居住を確認", (await page.InnerTextAsync("[data-testid=mail-finding]")).Trim());
            await page.ClickAsync("[data-testid=action-Resend]");
            await page.WaitForSelectorAsync("[data-testid=mail-done]");
            Assert.Equal("再送付済み", (await page.InnerTextAsync("[data-testid=mail-state]")).Trim());
            Assert.Contains("返戻・保管中 → 再送付済み", await page.InnerTextAsync("[data-testid=mail-history]"), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(page, "13-mail-resent");

            // The same envelope scanned again is refused; the field stays focused and empty, so the next barcode goes into it.
            await page.GotoAsync(baseUrl + "/mail");
            await page.WaitForFunctionAsync("document.activeElement?.dataset.testid === 'mail-scan'");
            await page.Keyboard.TypeAsync("432109876543");
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForSelectorAsync("[data-testid=mail-error]");
            await page.WaitForFunctionAsync("document.activeElement?.dataset.testid === 'mail-scan'");
            Assert.Equal("", await page.InputValueAsync("[data-testid=mail-scan]"));
        }
        await using (var db = factory.Stores.OpenMunicipal())
        {
            var resend = await db.NoticeEnvelopes.SingleAsync(e => e.ResendOfId == first.Id);
            Assert.Equal(MailState.Prepared, resend.State);
        }
    }
}
