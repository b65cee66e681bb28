using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Myna.Core.Applications;
using Myna.Core.Calendar;
using Myna.Municipal.Applications;
using Myna.Municipal.Appointments;
using Myna.Testing;

namespace Myna.E2E;

/// <summary>
/// The resident's public pages as a resident meets them (DOMAIN §4.1, §6.3): numbers typed in full width, the municipality's
/// heading, whose application or booking it is (masked), days with their weekday, no closed day offered, and on a phone the
/// chosen day's times in view.
/// </summary>
public sealed class PublicPagesJourneyTests
{
    /// <summary>What an input method types by default: full-width digits and a full-width hyphen (－).</summary>
    private static string FullWidth(string ascii) => new(ascii.Select(c => c switch
    {
        >= '0' and <= '9' => (char)('０' + (c - '0')),
        '-' => '－',
        _ => c,
    }).ToArray());

    /// <summary>Before the resident is identified: the municipalities this host serves (石巻市, or 石巻市・東松島市 with the neighbour).</summary>
    private static string HostHeading(MynaWebFactory factory) =>
        string.Join("・", factory.Stores.Runtime.Stores.Municipalities.Select(m => m.Name)) + " 個人番号カード";

    [Fact]
    public async Task Book_FullWidthNotice_ShowsWhoseBookingWeekdaysNoClosedDay_AndOnAPhoneTheTimesInView()
    {
        var (factory, notices) = await WindowJourneyTests.WithCardsAsync();
        await using var _ = factory;
        // The municipality closes the first day that would be offered: it must disappear from the booking page.
        DateOnly ownClosed;
        await using (var db = factory.Stores.OpenMunicipal())
        {
            var offered = await factory.Stores.Runtime.AppointmentBook().OpenSlotsAsync(db, JapanClock.Today(TimeProvider.System).AddDays(28), forResidents: true);
            ownClosed = offered.Select(s => DateOnly.FromDateTime(JapanClock.ToJapan(s.StartsAt).DateTime)).Distinct().Skip(1).First();
            await OfficeCalendar.AddAsync(db, ownClosed, "庁舎設備点検", "supervisor", TimeProvider.System);
        }
        var baseUrl = factory.StartKestrel();
        var notice = notices[0];
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            foreach (var (width, height, name) in new[] { (1366, 768, "desk"), (390, 844, "phone") })
            {
                var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "ja-JP" });
                var page = await context.NewPageAsync();
                await page.GotoAsync(baseUrl + "/book");
                Assert.Equal(HostHeading(factory), await page.InnerTextAsync("[data-testid=public-heading]"));
                Assert.DoesNotContain("Myna", await page.InnerTextAsync("header"), StringComparison.Ordinal);

                await page.FillAsync("[data-testid=book-notice]", FullWidth($"{notice.Number[..4]}-{notice.Number[4..8]}-{notice.Number[8..]}"));
                await page.FillAsync("[data-testid=book-birth]", FullWidth(notice.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
                await page.ClickAsync("[data-testid=book-find]");
                await page.WaitForSelectorAsync("[data-testid=book-days]");
                Assert.Equal("石巻市 個人番号カード", await page.InnerTextAsync("[data-testid=public-heading]"));
                var family = notice.FullName.Split('\u3000', ' ')[0];
                Assert.Equal($"{family} ●● 様の交付予約", (await page.InnerTextAsync("[data-testid=book-whose]")).Trim());

                var days = await page.Locator("[data-testid=book-days] button").EvaluateAllAsync<string[]>("bs => bs.map(b => b.value + '|' + b.innerText)");
                Assert.NotEmpty(days);
                foreach (var day in days)
                {
                    var date = DateOnly.ParseExact(day[..10], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                    Assert.Contains($"{date.Month}月{date.Day}日（{JapaneseDate.Weekday(date)}）", day, StringComparison.Ordinal);
                    Assert.Null(ClosedDays.NationalOnly.Of(date)); // no holiday, no 29 Dec – 3 Jan
                    Assert.NotEqual(ownClosed, date);
                }
                Assert.Matches("令和[0-9元]+年[0-9]+月[0-9]+日（[日月火水木金土]） の空き時間", await page.InnerTextAsync("[data-testid=book-slots] legend"));
                await Browser.ScreenshotAsync(page, $"60-book-days-{name}");

                // Choosing another day: its first time must be on the screen without the resident scrolling.
                var legend = await page.InnerTextAsync("[data-testid=book-slots] legend");
                await page.ClickAsync("[data-testid=book-days] button:not(.primary) >> nth=-1");
                await page.WaitForFunctionAsync("l => document.querySelector('[data-testid=book-slots] legend')?.innerText !== l", legend);
                await page.WaitForFunctionAsync("""
                    () => { const r = document.querySelector('[data-testid=book-slots] label.slot')?.getBoundingClientRect();
                            return !!r && r.top >= 0 && r.bottom <= window.innerHeight; }
                    """);
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPostgres.RepositoryRoot(), ".tmp", "screenshots", $"61-book-day-chosen-{name}-viewport.png") });
                await context.CloseAsync();
            }
        }
    }

    [Fact]
    public async Task Status_ByReceiptNumberInFullWidth_AndByApplicationId_ShowTheStatusAndTheMaskedName()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 40);
        string applicationId, receipt, familyName;
        DateOnly birth;
        await using (var db = factory.Stores.OpenMunicipal())
        {
            await factory.Stores.Runtime.NoticeGeneration(TestStores.Ishinomaki).RunAsync(db, new DateOnly(2026, 11, 24), "test");
            var today = JapanClock.Today(TimeProvider.System);
            var forms = await db.Notices.Join(db.Residents, n => n.ResidentId, r => r.Id, (n, r) => new { n.ApplicationId, r.BirthDate, r.FamilyName })
                .ToListAsync();
            var form = forms.First(f => !ApplicationRules.IsUnder15(f.BirthDate, today));
            (applicationId, birth, familyName) = (form.ApplicationId, form.BirthDate, form.FamilyName);
            var made = await factory.Stores.Runtime.ApplicationDesk(TestStores.Ishinomaki).SubmitAsync(db, TestStores.Ishinomaki,
                new ApplicationInput(applicationId, ApplicationChannel.Online, TestPhotos.Jpeg(), Email: "resident@example.jp", Consent: true), "public");
            receipt = made.ReceiptNumber;
        }
        var baseUrl = factory.StartKestrel();
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            foreach (var (width, height, name) in new[] { (1366, 768, "desk"), (390, 844, "phone") })
            {
                var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "ja-JP" });
                var page = await context.NewPageAsync();
                foreach (var number in new[] { FullWidth($"{receipt[..4]}-{receipt[4..8]}-{receipt[8..]}"), applicationId })
                {
                    await page.GotoAsync(baseUrl + "/status");
                    Assert.Equal(HostHeading(factory), await page.InnerTextAsync("[data-testid=public-heading]"));
                    await page.FillAsync("[data-testid=status-number]", number);
                    await page.FillAsync("[data-testid=status-birth]", JapaneseDate.Format(birth));
                    await page.ClickAsync("[data-testid=status-submit]");
                    await page.WaitForSelectorAsync("[data-testid=status-text]");
                    Assert.Equal($"{familyName} ●● 様の申請", (await page.InnerTextAsync("[data-testid=status-whose]")).Trim());
                    Assert.Equal("石巻市 個人番号カード", await page.InnerTextAsync("[data-testid=public-heading]"));
                }
                await Browser.ScreenshotAsync(page, $"62-status-{name}");

                await page.FillAsync("[data-testid=status-number]", FullWidth($"{receipt[..4]}-{receipt[4..8]}-{receipt[8..]}"));
                await page.FillAsync("[data-testid=status-birth]", JapaneseDate.Format(birth.AddDays(1)));
                await page.ClickAsync("[data-testid=status-submit]");
                await page.WaitForSelectorAsync("[data-testid=status-error]");
                Assert.Contains("見つかりません", await page.InnerTextAsync("[data-testid=status-error]"), StringComparison.Ordinal);
                await context.CloseAsync();
            }
        }
    }
}
