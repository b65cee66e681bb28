using Myna.Core.Calendar;

namespace Myna.E2E;

/// <summary>A supervisor sees the coming year's closed days and adds the municipality's own (DOMAIN §6.3); schedules show each date's weekday.</summary>
public sealed class ClosedDaysJourneyTests
{
    [Fact]
    public async Task Supervisor_SeesHolidaysAndTheYearEnd_AddsAClosedDay_AndSchedulesShowWeekdays()
    {
        var (factory, _) = await WindowJourneyTests.WithCardsAsync();
        await using var _ = factory;
        var baseUrl = factory.StartKestrel();
        var today = JapanClock.Today(TimeProvider.System);
        var day = today.AddDays(40);
        while (ClosedDays.NationalOnly.IsClosed(day))
        {
            day = day.AddDays(1);
        }
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var supervisor = await StaffJourneyTests.SignInAsync(browser, baseUrl, "supervisor", "supervisor-demo-2026");
            await supervisor.GotoAsync(baseUrl + "/appointments");
            await supervisor.WaitForSelectorAsync("[data-testid=appt-sessions]");
            Assert.Matches("令和[0-9元]+年[0-9]+月[0-9]+日（[日月火水木金土]）", await supervisor.InnerTextAsync("[data-testid=appt-sessions] tbody tr >> nth=0"));
            await Browser.ScreenshotAsync(supervisor, "63-appointments-weekdays");

            await supervisor.ClickAsync("[data-testid=closed-days-link]");
            await supervisor.WaitForSelectorAsync("[data-testid=closed-days]");
            var newYear = new DateOnly(today.Year + 1, 1, 1);
            Assert.Contains(JapaneseDate.FormatWithWeekday(newYear) + "\t元日\t祝日",
                await supervisor.InnerTextAsync($"[data-testid=closed-days] tr[data-date='{newYear:yyyy-MM-dd}']"), StringComparison.Ordinal);
            var yearEnd = new DateOnly(today.Month == 12 && today.Day > 29 ? today.Year + 1 : today.Year, 12, 29);
            Assert.Contains("年末年始", await supervisor.InnerTextAsync($"[data-testid=closed-days] tr[data-date='{yearEnd:yyyy-MM-dd}']"), StringComparison.Ordinal);

            // A blank name is refused beside the field, the date typed is kept.
            await supervisor.FillAsync("[data-testid=closed-days-date]", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            await supervisor.FillAsync("[data-testid=closed-days-name]", "　");
            await supervisor.ClickAsync("[data-testid=closed-days-submit]");
            await supervisor.WaitForSelectorAsync("[data-testid=closed-days-error]");
            Assert.Contains("名前", await supervisor.InnerTextAsync("[data-testid=closed-days-error]"), StringComparison.Ordinal);
            Assert.Equal(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), await supervisor.InputValueAsync("[data-testid=closed-days-date]"));

            await supervisor.FillAsync("[data-testid=closed-days-name]", "庁舎設備点検");
            await supervisor.ClickAsync("[data-testid=closed-days-submit]");
            await supervisor.WaitForSelectorAsync("[data-testid=closed-days-message]");
            Assert.Contains(JapaneseDate.FormatWithWeekday(day), await supervisor.InnerTextAsync("[data-testid=closed-days-message]"), StringComparison.Ordinal);
            Assert.Contains("市区町村の休業日", await supervisor.InnerTextAsync($"[data-testid=closed-days] tr[data-date='{day:yyyy-MM-dd}']"), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(supervisor, "64-closed-days-desk");
            await supervisor.SetViewportSizeAsync(390, 844);
            await Browser.ScreenshotAsync(supervisor, "65-closed-days-phone");
        }
    }
}
