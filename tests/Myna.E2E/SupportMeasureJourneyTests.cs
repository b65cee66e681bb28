using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Myna.Core.Calendar;
using Myna.Core.Residents;
using Myna.Core.SupportMeasures;
using Myna.Hosting;
using Myna.Municipal.Lifecycle;
using Myna.Municipal.Residents;
using Myna.Municipal.SupportMeasures;
using Myna.Testing;

namespace Myna.E2E;

/// <summary>
/// The support-measure officer's day in real Chromium, in Japanese at 1366×768 (DOMAIN §9): a measure created
/// for a victim and a household member, a withheld read a clerk caused seen on the officer's page, the measure extended;
/// and the measure forwarded on a move and applied at the destination (石巻市 → 東松島市, both served by the host).
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
            Assert.Contains(JapaneseDate.Format(Myna.Municipal.SupportMeasures.SupportMeasureDesk.DefaultEnd(today)), await officer.InnerTextAsync("[data-testid=sm-ends]"), StringComparison.Ordinal);
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
            var newEnd = Myna.Municipal.SupportMeasures.SupportMeasureDesk.DefaultEnd(today).AddMonths(6);
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

    [Fact]
    public async Task Officer_ForwardsOnAMove_SeesItAcknowledged_TheDestinationAppliesIt()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 40, neighbour: true);
        var today = JapanClock.Today(TimeProvider.System);
        var baseUrl = factory.StartKestrel();
        var runtime = factory.Services.GetRequiredService<MynaRuntime>();
        const string town = "矢本字新川原", building = "コーポ若葉";
        Resident mover;
        SupportMeasure measure;
        await using (var db = factory.Stores.OpenMunicipal())
        {
            mover = await db.Residents.AsNoTracking().Where(r => r.Status == ResidentStatus.Active).OrderBy(r => r.Id).FirstAsync();
            measure = await runtime.SupportMeasureDesk(TestStores.Ishinomaki).CreateAsync(db, new SupportMeasureApplication(mover.Id,
                SupportMeasureKind.DomesticViolence, SupportBasisKind.Police, "宮城県石巻警察署", today.AddDays(-1), null, null, null, [],
                [new OffenderInput("加害　太郎", Relationship: "元夫")]), "officer");
            // The move as the window records it: the move-out here sends the advance information, the measure with it (§8.6, §9).
            await runtime.ResidentRegister(TestStores.Ishinomaki).RecordAsync(db, mover.Id, new ResidentChange(ResidentEventType.MoveOut, today, today,
                Destination: TestStores.Higashimatsushima.Value, DestinationAddress: $"宮城県東松島市{town}2番地1 {building}"), "clerk");
        }
        long arrived;
        await using (var there = factory.Stores.OpenMunicipal(TestStores.Higashimatsushima))
        {
            var incoming = await there.IncomingMoveOuts.AsNoTracking().SingleAsync(i => i.ResidentCode == mover.ResidentCode);
            arrived = (await runtime.MoveDesk(TestStores.Higashimatsushima).MoveInAsync(there, incoming.Id,
                new MoveInAddress("981-0501", town, "2番地1", building), today, today, "clerk")).ResidentId;
        }

        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            // 石巻市's officer: the forward that went with the move-out, acknowledged by 東松島市.
            var officer = await LifecycleJourneyTests.SignInAsync(browser, baseUrl, TestStores.Ishinomaki.Value, "officer", "officer-demo-2026");
            await officer.SetViewportSizeAsync(1366, 768);
            await officer.GotoAsync($"{baseUrl}/support-measures/{measure.Id}");
            var forward = officer.Locator($"[data-testid=sm-forward][data-destination='{TestStores.Higashimatsushima.Value}']");
            Assert.Equal("false", await forward.GetAttributeAsync("data-waiting"));
            var text = await forward.InnerTextAsync();
            Assert.Contains("東松島市", text, StringComparison.Ordinal);
            Assert.Contains("転出先", text, StringComparison.Ordinal);
            Assert.Contains("受領済み", text, StringComparison.Ordinal);

            // A code that names no municipality is refused in Japanese, the field marked and the code kept.
            await officer.FillAsync("[data-testid=sm-forward-destination]", "042022");
            await officer.ClickAsync("[data-testid=sm-forward-submit]");
            Assert.Contains("転送先の市区町村コード", await officer.InnerTextAsync("[data-testid=sm-error]"), StringComparison.Ordinal);
            Assert.Equal("true", await officer.GetAttributeAsync("[data-testid=sm-forward-destination]", "aria-invalid"));
            Assert.Equal("042022", await officer.InputValueAsync("[data-testid=sm-forward-destination]"));
            await Browser.ScreenshotAsync(officer, "85-sm-forward-refused");

            // The officer names a municipality this host does not serve: recorded, shown waiting and retried.
            await officer.FillAsync("[data-testid=sm-forward-destination]", "131016");
            await officer.ClickAsync("[data-testid=sm-forward-submit]");
            await officer.WaitForSelectorAsync("[data-testid=sm-done]");
            Assert.Equal("true", await officer.GetAttributeAsync("[data-testid=sm-forward][data-destination='131016']", "data-waiting"));
            await officer.Locator("[data-testid=sm-forwards]").ScrollIntoViewIfNeededAsync();
            await Browser.ScreenshotAsync(officer, "86-sm-forwards");

            // 東松島市's officer: the received measure, from where and kept until when.
            var otherOfficer = await LifecycleJourneyTests.SignInAsync(browser, baseUrl, TestStores.Higashimatsushima.Value, "officer", "officer-demo-2026");
            await otherOfficer.SetViewportSizeAsync(1366, 768);
            await otherOfficer.ClickAsync("nav.main a[href='/support-measures']");
            var received = otherOfficer.Locator("[data-testid=sm-row]", new() { HasText = measure.Reference });
            Assert.Contains("石巻市（042021）から転送受付", await received.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("保存期限 " + JapaneseDate.Format(today.AddYears(1)), await received.InnerTextAsync(), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(otherOfficer, "87-sm-received");

            // A clerk at 東松島市 opens the person who moved in: the address is withheld.
            var clerk = await LifecycleJourneyTests.SignInAsync(browser, baseUrl, TestStores.Higashimatsushima.Value, "clerk", "clerk-demo-2026");
            await clerk.SetViewportSizeAsync(1366, 768);
            await clerk.GotoAsync($"{baseUrl}/residents/{arrived}");
            var content = await clerk.InnerTextAsync("main");
            Assert.Contains(AddressProtection.Hidden, content, StringComparison.Ordinal);
            Assert.DoesNotContain(town, content, StringComparison.Ordinal);
            Assert.DoesNotContain(building, content, StringComparison.Ordinal);
            await Browser.ScreenshotAsync(clerk, "88-sm-applied-at-destination");
        }
    }
}
