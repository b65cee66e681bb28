using Microsoft.Playwright;
using Myna.Testing;

namespace Myna.E2E;

/// <summary>Nothing typed is lost after a refusal: the card page's identity ticks and fields, the residence form's error beside its field.</summary>
public sealed class KeptInputJourneyTests
{
    [Fact]
    public async Task CardPage_ARefusedPinReset_KeepsTheTickedDocumentsAndEveryField()
    {
        var (factory, holders) = await LifecycleJourneyTests.WithHoldersAsync(neighbour: false);
        await using var _ = factory;
        var baseUrl = factory.StartKestrel();
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var clerk = await StaffJourneyTests.SignInAsync(browser, baseUrl, "clerk", "clerk-demo-2026");
            await clerk.GotoAsync($"{baseUrl}/residents/{holders[0].ResidentId}/card");
            await clerk.WaitForSelectorAsync("[data-testid=window-form]");
            // One 甲 document alone is not enough (DOMAIN §6.5 method A needs a second measure): the reset is refused.
            await clerk.CheckAsync("[data-testid=window-form] [data-testid='a-drivers-license']");
            await clerk.SelectOptionAsync("[data-testid=pin-kind]", "Signature");
            await clerk.FillAsync("[data-testid=pin-desk]", "7");
            await clerk.UncheckAsync("[data-testid=renew-signature]");
            await clerk.ClickAsync("[data-testid=pin-reset-submit]");
            await clerk.WaitForSelectorAsync("[data-testid=life-error]");

            Assert.True(await clerk.IsCheckedAsync("[data-testid=window-form] [data-testid='a-drivers-license']"));
            Assert.False(await clerk.IsCheckedAsync("[data-testid=window-form] [data-testid='a-passport']"));
            Assert.False(await clerk.IsCheckedAsync("[data-testid=window-form] [data-testid=inquiry-reply]"));
            Assert.Equal("Signature", await clerk.InputValueAsync("[data-testid=pin-kind]"));
            Assert.Equal("7", await clerk.InputValueAsync("[data-testid=pin-desk]"));
            Assert.False(await clerk.IsCheckedAsync("[data-testid=renew-signature]"));
            await Browser.ScreenshotAsync(clerk, "85-card-refused-kept");
            await clerk.SetViewportSizeAsync(390, 844);
            await Browser.ScreenshotAsync(clerk, "85-card-refused-kept-phone");
            await clerk.SetViewportSizeAsync(1366, 768);

            // Adding the missing measure to what is still ticked is enough.
            await clerk.CheckAsync("[data-testid=window-form] [data-testid=m-ask]");
            await clerk.ClickAsync("[data-testid=pin-reset-submit]");
            await clerk.WaitForSelectorAsync("[data-testid=pin-reset-waiting]");
        }
    }

    [Fact]
    public async Task ResidenceForm_ARefusal_ShowsTheErrorBesideItsField_WithFocus_AndKeepsThePlace()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 30);
        var baseUrl = factory.StartKestrel();
        var (id, _) = await factory.AnyResidentAsync();
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            foreach (var (width, height, name) in new[] { (1366, 768, "86-residence-error"), (390, 844, "86-residence-error-phone") })
            {
                var page = await StaffJourneyTests.SignInAsync(browser, baseUrl, "clerk", "clerk-demo-2026");
                await page.SetViewportSizeAsync(width, height);
                await page.GotoAsync($"{baseUrl}/residents/{id}");
                await page.ClickAsync("[data-testid=residence-form] summary");
                // "Other" needs the reason described (DOMAIN §3.2); everything else is filled in.
                await page.SelectOptionAsync("select[name='Residence.Reason']", "Other");
                await page.SelectOptionAsync("select[name='Residence.Delivery']", "Residence");
                await page.FillAsync("input[name='Residence.Address']", "宮城県石巻市中央二丁目1番1号 ひまわり荘101");
                await page.FillAsync("input[name='Residence.PostalCode']", "986-0822");
                await page.CheckAsync("input[name='Residence.IdDocumentChecked']");
                await page.CheckAsync("input[name='Residence.DeliveryProofChecked']");
                await page.ClickAsync("[data-testid=residence-submit]");

                await page.WaitForSelectorAsync("[data-testid=residence-error-ReasonDetail]");
                Assert.True(await page.EvalOnSelectorAsync<bool>("[data-testid=residence-form]", "d => d.open"));
                Assert.Equal("Residence.ReasonDetail", await page.EvaluateAsync<string?>("() => document.activeElement?.name ?? null"));
                Assert.True(await page.EvaluateAsync<bool>(
                    "() => document.querySelector(\"input[name='Residence.ReasonDetail']\").closest('label').contains(document.querySelector('[data-testid=residence-error-ReasonDetail]'))"));
                Assert.True(await page.EvaluateAsync<bool>(
                    "() => { const r = document.querySelector('[data-testid=residence-error-ReasonDetail]').getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }"));
                Assert.True(await page.EvaluateAsync<double>("() => window.scrollY") > 0);
                Assert.Equal("宮城県石巻市中央二丁目1番1号 ひまわり荘101", await page.InputValueAsync("input[name='Residence.Address']"));
                Assert.Equal("Other", await page.InputValueAsync("select[name='Residence.Reason']"));
                Assert.True(await page.IsCheckedAsync("input[name='Residence.DeliveryProofChecked']"));
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPostgres.RepositoryRoot(), ".tmp", "screenshots", name + "-viewport.png") });
                await Browser.ScreenshotAsync(page, name);

                await page.FillAsync("input[name='Residence.ReasonDetail']", "親族の介護のため");
                await page.ClickAsync("[data-testid=residence-submit]");
                await page.WaitForSelectorAsync("[data-testid=residence-saved]");
                await page.Context.CloseAsync();
            }
        }
    }
}
