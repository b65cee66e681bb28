using Microsoft.EntityFrameworkCore;
using Myna.Hosting.Demo;

namespace Myna.E2E;

/// <summary>
/// The call centre's console in real Chromium (DOMAIN §8.3): a mismatch names the item to ask again and keeps what was typed,
/// with the focus on that item; the caller's words are matched as the search matches them; a suspension clears the form
/// and confirms at the top. On the desk's screen (1366×768) and on a phone (390×844).
/// </summary>
public sealed class CallCentreJourneyTests
{
    [Theory]
    [InlineData(1366, 768)]
    [InlineData(390, 844)]
    public async Task CallCentre_MismatchNamesTheItem_ThenTheSuspensionClearsTheForm(int width, int height)
    {
        var (factory, holders) = await LifecycleJourneyTests.WithHoldersAsync(neighbour: false);
        await using var _ = factory;
        var baseUrl = factory.StartKestrel();
        var holder = holders[0];
        Core.Residents.Resident resident;
        await using (var db = factory.Stores.OpenMunicipal())
        {
            resident = await db.Residents.AsNoTracking().SingleAsync(r => r.Id == holder.ResidentId);
        }
        var sex = ((int)resident.Sex).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var centre = await LifecycleJourneyTests.SignInAsync(browser, baseUrl, "national", DemoSetup.Operator.UserName, DemoSetup.Operator.Password);
            await centre.SetViewportSizeAsync(width, height);
            await centre.GotoAsync(baseUrl + "/national/call-centre");

            // The birth date misheard: the console says so, keeps the rest and puts the cursor on the birth date.
            var wrongBirth = Core.Calendar.JapaneseDate.Format(resident.BirthDate.AddDays(1));
            await centre.FillAsync("[data-testid=cc-name]", resident.FamilyName + " " + resident.GivenName);
            await centre.FillAsync("[data-testid=cc-birth]", wrongBirth);
            await centre.FillAsync("[data-testid=cc-address]", resident.City + resident.Town + resident.Block); // no prefecture, no building
            await centre.SelectOptionAsync("[data-testid=cc-sex]", sex);
            await centre.ClickAsync("[data-testid=cc-submit]");
            await centre.WaitForSelectorAsync("[data-testid=cc-error]");
            var error = await centre.InnerTextAsync("[data-testid=cc-error]");
            Assert.Contains("生年月日が一致しません", error, StringComparison.Ordinal);
            Assert.DoesNotContain(Core.Calendar.JapaneseDate.Format(resident.BirthDate), error, StringComparison.Ordinal); // never the card's data
            await centre.WaitForFunctionAsync("() => document.activeElement?.dataset.testid === 'cc-birth'");
            Assert.Equal(wrongBirth, await centre.InputValueAsync("[data-testid=cc-birth]"));
            Assert.Equal(sex, await centre.InputValueAsync("[data-testid=cc-sex]"));
            Assert.Equal("true", await centre.GetAttributeAsync("[data-testid=cc-birth]", "aria-invalid"));
            await Browser.ScreenshotAsync(centre, $"61-call-centre-mismatch-{width}");

            // Corrected: the block number said another way, the prefecture left out; suspended, confirmed at the top, the form empty.
            await centre.FillAsync("[data-testid=cc-birth]", Core.Calendar.JapaneseDate.Format(resident.BirthDate));
            await centre.ClickAsync("[data-testid=cc-submit]");
            await centre.WaitForSelectorAsync("[data-testid=cc-reference]");
            Assert.Matches(@"^S\d{6}-\d{6}$", (await centre.InnerTextAsync("[data-testid=cc-reference]")).Trim());
            Assert.Equal(0, await centre.Locator("[data-testid=cc-error]").CountAsync());
            var notice = await centre.Locator("[data-testid=cc-suspended]").BoundingBoxAsync();
            var form = await centre.Locator("[data-testid=cc-form]").BoundingBoxAsync();
            Assert.True(notice!.Y < form!.Y && notice.Y < height, "the confirmation is at the top, above the form");
            Assert.Equal("", await centre.InputValueAsync("[data-testid=cc-name]"));
            Assert.Equal("", await centre.InputValueAsync("[data-testid=cc-birth]"));
            Assert.Equal("", await centre.InputValueAsync("[data-testid=cc-address]"));
            Assert.Equal("", await centre.InputValueAsync("[data-testid=cc-sex]"));
            Assert.Equal("本人", await centre.InputValueAsync("[data-testid=cc-caller]"));
            await Browser.ScreenshotAsync(centre, $"62-call-centre-suspended-{width}");

            // The register side of the same rule (§2): 高橋 finds the resident registered as 髙橋, shown as registered, and the
            // resident page reads the alternative-character flags out in words.
            long renamed;
            await using (var db = factory.Stores.OpenMunicipal())
            {
                var other = await db.Residents.OrderBy(r => r.Id).FirstAsync(r => r.Id != holder.ResidentId);
                other.FamilyName = "髙橋";
                other.RefreshDerived();
                await db.SaveChangesAsync();
                renamed = other.Id;
            }
            var clerk = await LifecycleJourneyTests.SignInAsync(browser, baseUrl, Testing.TestStores.Ishinomaki.Value, "clerk", "clerk-demo-2026");
            await clerk.SetViewportSizeAsync(width, height);
            await clerk.FillAsync("#q-name", "高橋");
            await clerk.Keyboard.PressAsync("Enter");
            await clerk.WaitForSelectorAsync("[data-testid=results]");
            var link = clerk.Locator($"[data-testid=results] a[href='/residents/{renamed}']");
            Assert.StartsWith("髙橋", await link.InnerTextAsync(), StringComparison.Ordinal);
            await link.ClickAsync();
            await clerk.WaitForSelectorAsync("[data-testid=alt-chars]");
            var words = await clerk.InnerTextAsync("[data-testid=alt-chars]");
            Assert.Contains("1文字目の「髙」（JIS X 0208 にない文字）を「高」で表記", words, StringComparison.Ordinal);
            Assert.Contains("1＝代替した文字", words, StringComparison.Ordinal);
            await clerk.Locator("[data-testid=alt-chars]").ScrollIntoViewIfNeededAsync();
            await Browser.ScreenshotAsync(clerk, $"63-resident-alt-chars-{width}");
        }
    }
}
