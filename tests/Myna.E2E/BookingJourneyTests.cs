using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Myna.Core.Appointments;

namespace Myna.E2E;

/// <summary>A resident books and rebooks on the public page (DOMAIN §6.3); the staff see the safe and the appointments.</summary>
public sealed class BookingJourneyTests
{
    [Fact]
    public async Task AResidentBooks_ThenMovesTheBooking_AndTheStaffSeeIt()
    {
        var (factory, notices) = await WindowJourneyTests.WithCardsAsync();
        await using var _ = factory;
        var baseUrl = factory.StartKestrel();
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, Locale = "ja-JP" });
            var phone = await context.NewPageAsync();
            var notice = notices[0];
            await phone.GotoAsync(baseUrl + "/book");
            await phone.FillAsync("[data-testid=book-notice]", $"{notice.Number[..4]}-{notice.Number[4..8]}-{notice.Number[8..]}");
            await phone.FillAsync("[data-testid=book-birth]", "1900-01-01");
            await phone.ClickAsync("[data-testid=book-find]");
            await phone.WaitForSelectorAsync("[data-testid=book-error]");
            Assert.Contains("見つかりません", await phone.InnerTextAsync("[data-testid=book-error]"), StringComparison.Ordinal);

            await phone.FillAsync("[data-testid=book-birth]", Core.Calendar.JapaneseDate.Format(notice.BirthDate));
            await phone.ClickAsync("[data-testid=book-find]");
            await phone.WaitForSelectorAsync("[data-testid=book-slots]");
            await Browser.ScreenshotAsync(phone, "50-book-slots");
            await phone.CheckAsync("[data-testid=book-slots] input[type=radio] >> nth=0");
            await phone.ClickAsync("[data-testid=book-submit]");
            await phone.WaitForSelectorAsync("[data-testid=book-done]");
            var booked = await phone.InnerTextAsync("[data-testid=book-done]");
            Assert.Contains("予約しました", booked, StringComparison.Ordinal);
            var reference = booked.Split("予約番号 ")[1].Trim();
            await Browser.ScreenshotAsync(phone, "51-book-done");

            // Rebooking: the booking number stays, the time changes — to the first time of the next day offered (today may
            // have only a few times left, depending on the hour the test runs).
            var legend = await phone.InnerTextAsync("[data-testid=book-slots] legend");
            await phone.ClickAsync("[data-testid=book-days] button:not(.primary) >> nth=0");
            await phone.WaitForFunctionAsync("l => document.querySelector('[data-testid=book-slots] legend')?.innerText !== l", legend);
            await phone.CheckAsync("[data-testid=book-slots] input[type=radio] >> nth=0");
            await phone.ClickAsync("[data-testid=book-submit]");
            await phone.WaitForSelectorAsync("[data-testid=book-done]");
            Assert.Contains("変更しました", await phone.InnerTextAsync("[data-testid=book-done]"), StringComparison.Ordinal);
            Assert.Contains(reference, await phone.InnerTextAsync("[data-testid=book-current]"), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(phone, "52-book-moved");

            await using (var db = factory.Stores.OpenMunicipal())
            {
                var active = await db.Appointments.AsNoTracking().Where(a => a.State == AppointmentState.Booked && a.Reference == reference).ToListAsync();
                Assert.Single(active);
                Assert.Equal(AppointmentChannel.Web, active[0].Channel);
            }

            var clerk = await StaffJourneyTests.SignInAsync(browser, baseUrl, "clerk", "clerk-demo-2026");
            await clerk.GotoAsync(baseUrl + "/cards");
            await clerk.WaitForSelectorAsync("[data-testid=inventory]");
            await Browser.ScreenshotAsync(clerk, "53-cards");
            await clerk.GotoAsync(baseUrl + "/appointments");
            await clerk.FillAsync("[data-testid=appt-find]", notices[1].Number);
            await clerk.Keyboard.PressAsync("Enter");
            await clerk.WaitForSelectorAsync("[data-testid=appt-found]");
            await clerk.ClickAsync("[data-testid=appt-book]");
            await clerk.WaitForSelectorAsync("[data-testid=appt-message]");
            Assert.Contains("予約番号", await clerk.InnerTextAsync("[data-testid=appt-message]"), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(clerk, "54-appointments");
        }
    }
}
