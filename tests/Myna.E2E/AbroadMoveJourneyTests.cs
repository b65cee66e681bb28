using Microsoft.EntityFrameworkCore;
using Myna.Core.Calendar;
using Myna.Testing;

namespace Myna.E2E;

/// <summary>A move abroad at the window in real Chromium (DOMAIN §8.6): asked on the move date it is refused with the rule, asked the day before it is scheduled with continued use.</summary>
public sealed class AbroadMoveJourneyTests
{
    [Fact]
    public async Task MoveAbroad_OnTheMoveDate_IsRefusedInJapanese_TheDayBefore_IsScheduledWithContinuedUse()
    {
        var (factory, holders) = await LifecycleJourneyTests.WithHoldersAsync(neighbour: false);
        await using var _ = factory;
        var baseUrl = factory.StartKestrel();
        var holder = holders[0];
        await using (var db = factory.Stores.OpenMunicipal())
        {
            // A Japanese national: the family register's place is on the register (戸籍の附票).
            await db.Residents.Where(r => r.Id == holder.ResidentId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.FamilyRegisterPlace, "東京都千代田区千代田１番地").SetProperty(r => r.FamilyRegisterMunicipality, "131016"));
        }
        var today = JapanClock.Today(TimeProvider.System);
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var clerk = await LifecycleJourneyTests.SignInAsync(browser, baseUrl, TestStores.Ishinomaki.Value, "clerk", "clerk-demo-2026");
            await clerk.GotoAsync($"{baseUrl}/residents/{holder.ResidentId}");
            await clerk.ClickAsync("[data-testid=abroad-form] summary");
            Assert.Contains("前日まで", await clerk.InnerTextAsync("[data-testid=abroad-rules]"), StringComparison.Ordinal);

            // Asked on the move date: too late for continued use, said in Japanese with the last day.
            await clerk.FillAsync("[data-testid=abroad-country]", "アメリカ合衆国");
            await clerk.FillAsync("[data-testid=abroad-moves-on]", JapaneseDate.Format(today));
            await clerk.CheckAsync("[data-testid=abroad-continued]");
            await clerk.ClickAsync("[data-testid=abroad-submit]");
            await clerk.WaitForSelectorAsync("[data-testid=abroad-error]");
            var error = await clerk.InnerTextAsync("[data-testid=abroad-error]");
            Assert.Contains("国外継続利用", error, StringComparison.Ordinal);
            Assert.Contains(JapaneseDate.Format(today.AddDays(-1)), error, StringComparison.Ordinal);
            Assert.DoesNotContain("Continued use", error, StringComparison.Ordinal);
            Assert.Null(await clerk.QuerySelectorAsync("[data-testid=abroad-moves]"));
            await Browser.ScreenshotAsync(clerk, "70-abroad-refused");
            await clerk.SetViewportSizeAsync(390, 844);
            await Browser.ScreenshotAsync(clerk, "70-abroad-refused-phone");
            await clerk.SetViewportSizeAsync(1366, 768);

            // The day after tomorrow: scheduled, the card continues, nothing happens to the certificates yet.
            await clerk.FillAsync("[data-testid=abroad-country]", "アメリカ合衆国");
            await clerk.FillAsync("[data-testid=abroad-moves-on]", JapaneseDate.Format(today.AddDays(2)));
            await clerk.CheckAsync("[data-testid=abroad-continued]");
            await clerk.ClickAsync("[data-testid=abroad-submit]");
            await clerk.WaitForSelectorAsync("[data-testid=abroad-recorded]");
            var moves = await clerk.InnerTextAsync("[data-testid=abroad-moves]");
            Assert.Contains(JapaneseDate.Format(today.AddDays(2)), moves, StringComparison.Ordinal);
            Assert.Contains("アメリカ合衆国", moves, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"\b(scheduled|completed|continues|lapses)\b", moves);
            await Browser.ScreenshotAsync(clerk, "71-abroad-scheduled");
        }
    }
}
