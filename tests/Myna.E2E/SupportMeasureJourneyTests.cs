using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Calendar;
using Myna.Core.Residents;
using Myna.Testing;

namespace Myna.E2E;

/// <summary>
/// The support-measure officer's day in real Chromium, in Japanese at 1366×768 (DOMAIN §9): a measure created
/// for a victim and a household member, a withheld read a clerk caused seen on the officer's page, the measure extended.
/// </summary>
public sealed class SupportMeasureJourneyTests
{
    [Fact]
    public async Task Officer_CreatesAMeasureCoveringAHouseholdMember_SeesAClerksWithheldRead_Extends()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 60);
        Resident applicant, member;
        await using (var db = factory.Stores.OpenMunicipal())
        {
            var household = (await db.Residents.AsNoTracking().Where(r => r.Status == ResidentStatus.Active).OrderBy(r => r.Id).ToListAsync())
                .GroupBy(r => r.HouseholdId).First(g => g.Count() >= 2).ToList();
            (applicant, member) = (household[0], household[1]);
        }
        var today = JapanClock.Today(TimeProvider.System);
        var baseUrl = factory.StartKestrel();
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var officer = await LifecycleJourneyTests.SignInAsync(browser, baseUrl, TestStores.Ishinomaki.Value, "officer", "officer-demo-2026");
            await officer.SetViewportSizeAsync(1366, 768);
            await officer.ClickAsync("nav.main a[href='/support-measures']");
            await officer.WaitForSelectorAsync("[data-testid=sm-list]");

            // A new measure: first without its basis (refused, the typing kept), then whole.
            await officer.GotoAsync($"{baseUrl}/support-measures/new?resident={applicant.Id}");
            await officer.SelectOptionAsync("[data-testid=sm-kind]", "DomesticViolence");
            await officer.CheckAsync($"[data-testid=sm-member][value='{member.Id}']");
            await officer.FillAsync("input[name='Form.Offenders[0].Name']", "加害　太郎");
            await officer.FillAsync("input[name='Form.Offenders[0].BirthDate']", "昭和55年2月17日");
            await officer.FillAsync("input[name='Form.Offenders[0].Relationship']", "元夫");
            await officer.ClickAsync("[data-testid=sm-create]");
            var error = await officer.InnerTextAsync("[data-testid=sm-error]");
            Assert.Contains("支援の必要性の確認", error, StringComparison.Ordinal);
            Assert.Equal("加害　太郎", await officer.InputValueAsync("input[name='Form.Offenders[0].Name']"));
            Assert.True(await officer.IsCheckedAsync($"[data-testid=sm-member][value='{member.Id}']"));
            await Browser.ScreenshotAsync(officer, "80-sm-new-refused");
            await officer.SelectOptionAsync("[data-testid=sm-basis-kind]", "Police");
            await officer.FillAsync("[data-testid=sm-basis-body]", "宮城県石巻警察署");
            await officer.FillAsync("[data-testid=sm-basis-date]", JapaneseDate.Format(today.AddDays(-1)));
            await officer.ClickAsync("[data-testid=sm-create]");
            await officer.WaitForSelectorAsync("[data-testid=sm-done]");
            Assert.Equal(2, await officer.Locator("[data-testid=sm-person]").CountAsync());
            Assert.Contains(JapaneseDate.Format(Data.SupportMeasures.SupportMeasureDesk.DefaultEnd(today)), await officer.InnerTextAsync("[data-testid=sm-ends]"), StringComparison.Ordinal);
            var measureUrl = officer.Url.Split('?')[0];
            await Browser.ScreenshotAsync(officer, "81-sm-created");

            // A clerk opens the protected resident's page: the address is withheld and the read logged.
            var clerk = await LifecycleJourneyTests.SignInAsync(browser, baseUrl, TestStores.Ishinomaki.Value, "clerk", "clerk-demo-2026");
            await clerk.GotoAsync($"{baseUrl}/residents/{applicant.Id}");
            await clerk.Context.CloseAsync();

            await officer.GotoAsync($"{baseUrl}/support-measures?who=clerk");
            var read = officer.Locator("[data-testid=sm-read]").First;
            Assert.Contains("clerk", await read.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains(applicant.FamilyName, await read.InnerTextAsync(), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(officer, "82-sm-withheld-reads");

            // Extend by six months.
            await officer.GotoAsync(measureUrl);
            var newEnd = Data.SupportMeasures.SupportMeasureDesk.DefaultEnd(today).AddMonths(6);
            await officer.FillAsync("[data-testid=sm-extend-end]", newEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await officer.FillAsync("[data-testid=sm-extend-reason]", "継続の申出（警察署意見あり）");
            await officer.ClickAsync("[data-testid=sm-extend]");
            await officer.WaitForSelectorAsync("[data-testid=sm-done]");
            Assert.Contains(JapaneseDate.Format(newEnd), await officer.InnerTextAsync("[data-testid=sm-ends]"), StringComparison.Ordinal);
            Assert.Equal(2, await officer.Locator("[data-testid=sm-event]").CountAsync());
            await Browser.ScreenshotAsync(officer, "83-sm-extended");

            await officer.GotoAsync(baseUrl + "/support-measures");
            await Browser.ScreenshotAsync(officer, "84-sm-desk");
        }
    }
}
