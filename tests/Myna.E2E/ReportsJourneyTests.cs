using Myna.Testing;

namespace Myna.E2E;

/// <summary>The supervisor's dashboard and the reports with their charts in real Chromium (DOMAIN §11).</summary>
public sealed class ReportsJourneyTests
{
    [Fact]
    public async Task TheDashboardCountsToday_AndTheReportsDrawTheRankingAndThePlan()
    {
        var (factory, _) = await LifecycleJourneyTests.WithHoldersAsync(neighbour: false);
        await using var _f = factory;
        var baseUrl = factory.StartKestrel();
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await LifecycleJourneyTests.SignInAsync(browser, baseUrl, TestStores.Ishinomaki.Value, "supervisor", "supervisor-demo-2026");
            await page.GotoAsync(baseUrl + "/dashboard");
            await page.WaitForSelectorAsync("[data-testid=dashboard]");
            Assert.Contains("審査待ちの申請", await page.InnerTextAsync("[data-testid=dash-review]"), StringComparison.Ordinal);
            Assert.Contains("交付通知書送付", await page.InnerTextAsync("[data-testid=dash-safe]"), StringComparison.Ordinal);
            Assert.Equal("/applications?status=Received", await page.GetAttributeAsync("[data-testid=dash-review]", "href"));
            await Browser.ScreenshotAsync(page, "70-dashboard");

            await page.GotoAsync(baseUrl + "/reports");
            var report = await page.InnerTextAsync("[data-testid=operations-report]");
            Assert.Contains("・個人番号カード交付枚数\t2枚", report, StringComparison.Ordinal);
            Assert.Contains("・J-LISからの受領枚数", report, StringComparison.Ordinal);
            Assert.Contains("交付枚数（累計） 2 枚", await page.InnerTextAsync("[data-testid=own-rate]"), StringComparison.Ordinal);

            await page.SetInputFilesAsync("[data-testid=rates-file]", Path.Combine(TestPostgres.RepositoryRoot(), "samples", "statistics", "prefectures-2021.csv"));
            await page.ClickAsync("[data-testid=rates-submit]");
            await page.WaitForSelectorAsync("[data-testid=rates-chart]");
            Assert.Equal(47, await page.Locator("[data-testid=rates-chart] rect").CountAsync());
            Assert.StartsWith("1 宮崎県", (await page.Locator("[data-testid=rates-chart] text").First.TextContentAsync())!.Trim(), StringComparison.Ordinal);
            Assert.Contains("全国", await page.InnerTextAsync("[data-testid=rates-table]"), StringComparison.Ordinal);
            var heads = await page.InnerTextAsync("[data-testid=rates-table] thead");
            Assert.Contains("団体名", heads, StringComparison.Ordinal);
            Assert.DoesNotContain("氏名", heads, StringComparison.Ordinal); // prefectures are not people
            await Browser.ScreenshotAsync(page, "71-reports-rates-chart");

            await page.GotoAsync(baseUrl + "/reports?Windows=2&ServiceMinutes=30&HoursPerDay=7&DaysPerWeek=5&Backlog=7939");
            var plan = await page.InnerTextAsync("[data-testid=plan-table]");
            Assert.Contains("284", plan, StringComparison.Ordinal);
            // 396 calendar days from a Monday (seed 004's pace); from today's first open day the count agrees with the date shown.
            var fromToday = Core.Statistics.IssuancePlanner.Plan(new Core.Statistics.WindowCapacity(2, 30, 7), 7939, Core.Calendar.JapanClock.Today(TimeProvider.System));
            Assert.Contains(fromToday.CalendarDays.ToString(System.Globalization.CultureInfo.InvariantCulture), plan, StringComparison.Ordinal);
            Assert.InRange(fromToday.CalendarDays, 396, 398);
            Assert.Equal(4, await page.Locator("[data-testid=plan-chart] rect").CountAsync());
            await page.Locator("[data-testid=planner]").ScrollIntoViewIfNeededAsync();
            await Browser.ScreenshotAsync(page, "72-reports-planner");

            // 来庁率 is entered in percent, as the recorded summary shows it; a fraction typed as before is refused in Japanese.
            var showUp = await page.InputValueAsync("[data-testid=plan-show-up]");
            Assert.Contains($"来庁率 {showUp}%", await page.InnerTextAsync("[data-testid=plan-recorded]"), StringComparison.Ordinal);
            await page.GotoAsync(baseUrl + "/reports?Windows=2&ServiceMinutes=30&HoursPerDay=7&DaysPerWeek=5&Backlog=7939&ShowUpPercent=0.8");
            Assert.Contains("来庁率は1%から100%まで", await page.InnerTextAsync("[data-testid=reports-error]"), StringComparison.Ordinal);

            // 印刷 in a section prints that section alone: what print media shows at the moment the page prints.
            await page.GotoAsync(baseUrl + "/reports");
            await page.EvaluateAsync("""
                () => { window.print = () => { window.printed = [...document.querySelectorAll('main > *')]
                    .filter(e => getComputedStyle(e).display !== 'none').map(e => e.dataset.testid ?? e.tagName); }; }
                """);
            await page.EmulateMediaAsync(new() { Media = Microsoft.Playwright.Media.Print });
            await page.Locator("[data-testid=print-rates]").DispatchEventAsync("click"); // the button itself is not printed
            Assert.Equal(["rates"], await page.EvaluateAsync<string[]>("() => window.printed"));
            await page.EvaluateAsync("() => window.dispatchEvent(new Event('afterprint'))");
            Assert.Equal(0, await page.Locator("main > .printing").CountAsync()); // whole again after printing
        }
    }
}
