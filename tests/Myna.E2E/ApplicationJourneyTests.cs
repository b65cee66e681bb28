using Microsoft.EntityFrameworkCore;
using Myna.Core.Applications;
using Myna.Testing;
using SkiaSharp;

namespace Myna.E2E;

/// <summary>A resident applies online in real Chromium; a clerk reviews the photo.</summary>
public sealed class ApplicationJourneyTests
{
    /// <summary>A real JPEG a browser can show: a face-like oval on a plain background, with sensor noise.</summary>
    private static string PhotoFile(string folder, int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(225, 232, 240));
            using var skin = new SKPaint { Color = new SKColor(236, 200, 170), IsAntialias = true };
            canvas.DrawOval(width / 2f, height * 0.42f, width * 0.22f, height * 0.2f, skin);
            using var cloth = new SKPaint { Color = new SKColor(40, 60, 90), IsAntialias = true };
            canvas.DrawRect(width * 0.2f, height * 0.7f, width * 0.6f, height * 0.3f, cloth);
        }
        var random = new Random(7);
        for (var i = 0; i < width * height / 6; i++)
        {
            var (x, y) = (random.Next(width), random.Next(height));
            var c = bitmap.GetPixel(x, y);
            var d = (byte)random.Next(0, 24);
            bitmap.SetPixel(x, y, new SKColor((byte)Math.Max(0, c.Red - d), (byte)Math.Max(0, c.Green - d), (byte)Math.Max(0, c.Blue - d)));
        }
        var path = Path.Combine(folder, $"photo-{width}x{height}.jpg");
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 92);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }

    [Fact]
    public async Task Resident_AppliesOnline_BadPhotoIsExplained_GoodPhotoGetsAReceipt_ClerkAcceptsIt()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 40);
        var baseUrl = factory.StartKestrel();
        var folder = Directory.CreateTempSubdirectory("myna-photos-").FullName;
        string applicationId;
        await using (var db = factory.Stores.OpenMunicipal())
        {
            await factory.Stores.Runtime.NoticeGeneration(TestStores.Ishinomaki).RunAsync(db, new DateOnly(2026, 11, 24), "test");
            var today = Core.Calendar.JapanClock.Today(TimeProvider.System);
            var forms = await db.Notices.Join(db.Residents, n => n.ResidentId, r => r.Id, (n, r) => new { n.ApplicationId, r.BirthDate }).ToListAsync();
            applicationId = forms.First(f => !ApplicationRules.IsUnder15(f.BirthDate, today)).ApplicationId;
        }
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, Locale = "ja-JP" });
            var page = await context.NewPageAsync();
            await page.GotoAsync($"{baseUrl}/apply");
            await page.FillAsync("[data-testid=apply-id]", applicationId);
            await page.SetInputFilesAsync("[data-testid=apply-photo]", PhotoFile(folder, 400, 300));
            await page.FillAsync("[data-testid=apply-email]", "resident@example.jp");
            await page.CheckAsync("[data-testid=apply-consent]");
            await page.ClickAsync("[data-testid=apply-submit]");
            await page.WaitForSelectorAsync("[data-testid=apply-errors]");
            var errors = await page.InnerTextAsync("[data-testid=apply-errors]");
            Assert.Contains("400×300 ピクセル", errors, StringComparison.Ordinal);
            await Browser.ScreenshotAsync(page, "20-apply-bad-photo");

            // The typed ID and contact stay; only the photo is chosen again.
            Assert.Equal(applicationId, await page.InputValueAsync("[data-testid=apply-id]"));
            await page.SetInputFilesAsync("[data-testid=apply-photo]", PhotoFile(folder, 600, 800));
            await page.CheckAsync("[data-testid=apply-consent]");
            await page.ClickAsync("[data-testid=apply-submit]");
            await page.WaitForSelectorAsync("[data-testid=apply-receipt]");
            Assert.Matches("^[0-9]{4}-[0-9]{4}-[0-9]{4}$", (await page.InnerTextAsync("[data-testid=receipt-number]")).Trim());
            await Browser.ScreenshotAsync(page, "21-apply-receipt");

            var clerk = await StaffJourneyTests.SignInAsync(browser, baseUrl, "clerk", "clerk-demo-2026");
            await clerk.ClickAsync("nav.main a[href='/applications']");
            await clerk.ClickAsync("[data-testid=applications] a");
            await clerk.WaitForSelectorAsync("[data-testid=application-photo]");
            Assert.True(await clerk.EvalOnSelectorAsync<int>("[data-testid=application-photo]", "img => img.naturalWidth") == 600);
            await Browser.ScreenshotAsync(clerk, "22-review");
            await clerk.ClickAsync("[data-testid=review-pass]");
            await clerk.WaitForURLAsync(u => u.Contains("/applications", StringComparison.Ordinal) && !u.EndsWith("/applications/1", StringComparison.Ordinal));
        }
        Directory.Delete(folder, recursive: true);
        await using (var db = factory.Stores.OpenMunicipal())
        {
            var application = await db.CardApplications.SingleAsync();
            Assert.Equal((ApplicationChannel.Online, ApplicationStatus.QueuedForProduction), (application.Channel, application.Status));
        }
    }
}
