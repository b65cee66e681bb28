using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Myna.Core.Appointments;
using Myna.Core.Issuance;
using Myna.Hosting.Demo;
using Myna.Municipal.Appointments;
using Myna.Testing;

namespace Myna.E2E;

/// <summary>
/// At the window in real Chromium (DOMAIN §6.4): an unticked check only says which, stopping a hand-over is its own
/// step with a reason and a confirmation and releases the booking (§6.3), and the page waiting for the PIN pad never
/// reloads what the clerk is typing.
/// </summary>
public sealed class WindowStopJourneyTests
{
    private static readonly DateOnly Today = Core.Calendar.JapanClock.Today(TimeProvider.System);

    /// <summary>The booking of the card of <paramref name="notice"/>: the demo's, or one made for tomorrow as the resident would on the web.</summary>
    private static async Task<string> BookAsync(MynaWebFactory factory, DemoNotice notice)
    {
        await using var db = factory.Stores.OpenMunicipal();
        var card = await AppointmentBook.CardByNoticeAsync(db, notice.Number, notice.BirthDate) ?? throw new InvalidOperationException("no card for the notice");
        if (await AppointmentBook.ActiveForCardAsync(db, card) is { } booked)
        {
            return booked.Reference;
        }
        var book = factory.Stores.Runtime.AppointmentBook();
        var window = await AppointmentBook.AddWindowAsync(db, "市民課 交付窓口（中止の試験）", "本庁舎1階");
        await book.AddSessionsAsync(db, window.Id, SessionKind.Weekday, Today.AddDays(1), Today.AddDays(1), Enum.GetValues<DayOfWeek>(),
            new TimeOnly(9, 0), new TimeOnly(10, 0), 30, 2);
        var slot = (await book.OpenSlotsAsync(db, Today.AddDays(1), forResidents: true)).First(s => s.WindowId == window.Id);
        return (await book.BookAsync(db, card, slot.SlotId, AppointmentChannel.Web, "public")).Reference;
    }

    /// <summary>Scans the notice at desk 5 and verifies identity with two 甲 documents (method B).</summary>
    private static async Task StartAndVerifyAsync(IPage clerk, string baseUrl, DemoNotice notice, int desk)
    {
        await clerk.GotoAsync(baseUrl + "/window");
        await clerk.FillAsync("[data-testid=window-desk]", desk.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await clerk.FillAsync("[data-testid=window-scan]", notice.Number);
        await clerk.Keyboard.PressAsync("Enter");
        await clerk.WaitForSelectorAsync("[data-testid=idv-form]");
        await clerk.CheckAsync("[data-testid='a-drivers-license']");
        await clerk.CheckAsync("[data-testid='a-passport']");
        await clerk.ClickAsync("[data-testid=idv-submit]");
        await clerk.WaitForSelectorAsync("[data-testid=checks-form]");
    }

    private static Task<string?> FocusedTestIdAsync(IPage page) => page.EvaluateAsync<string?>("() => document.activeElement?.dataset?.testid ?? null");

    [Fact]
    public async Task UntickedPhoto_OnlySaysSo_ThenAStopWithItsReasonAndConfirmation_ReleasesTheBooking()
    {
        var (factory, notices) = await WindowJourneyTests.WithCardsAsync();
        await using var _ = factory;
        var baseUrl = factory.StartKestrel();
        var notice = notices[0];
        var reference = await BookAsync(factory, notice);
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var clerk = await StaffJourneyTests.SignInAsync(browser, baseUrl, "clerk", "clerk-demo-2026");
            await StartAndVerifyAsync(clerk, baseUrl, notice, desk: 5);
            Assert.Contains(reference, await clerk.InnerTextAsync("[data-testid=window-case]"), StringComparison.Ordinal);

            // 確認しました with 顔写真 unticked: the page names it, keeps the two ticks, focuses the photo box; nothing stops.
            await clerk.CheckAsync("[data-testid=check-face]");
            await clerk.CheckAsync("[data-testid=check-register]");
            await clerk.ClickAsync("[data-testid=checks-submit]");
            await clerk.WaitForSelectorAsync("[data-testid=checks-unticked]");
            Assert.True(await clerk.IsVisibleAsync("[data-testid=check-photo-unticked]"));
            Assert.False(await clerk.IsVisibleAsync("[data-testid=check-face-unticked]"));
            Assert.True(await clerk.IsCheckedAsync("[data-testid=check-face]"));
            Assert.True(await clerk.IsCheckedAsync("[data-testid=check-register]"));
            Assert.False(await clerk.IsCheckedAsync("[data-testid=check-photo]"));
            Assert.Equal("check-photo", await FocusedTestIdAsync(clerk));
            Assert.Null(await clerk.QuerySelectorAsync("[data-testid=window-outcome]"));
            await Browser.ScreenshotAsync(clerk, "80-window-photo-unticked");
            await clerk.SetViewportSizeAsync(390, 844);
            await Browser.ScreenshotAsync(clerk, "80-window-photo-unticked-phone");
            await clerk.SetViewportSizeAsync(1366, 768);
            await using (var db = factory.Stores.OpenMunicipal())
            {
                var open = await db.WindowIssuances.AsNoTracking().SingleAsync(i => i.Outcome == IssuanceOutcome.InProgress);
                Assert.False(open.PhotoMatches || open.FaceChecked || open.RegisterMatchesDocuments);
            }

            // Stopping: its own button, the reason chosen, a note, then a confirmation naming the booking it releases.
            await clerk.ClickAsync("[data-testid=stop-open]");
            await clerk.SelectOptionAsync("[data-testid=stop-reason]", nameof(IssuanceStopReason.PhotoDiffers));
            await clerk.FillAsync("[data-testid=stop-note]", "髪型・顔立ちが大きく異なる");
            await clerk.ClickAsync("[data-testid=stop-submit]");
            await clerk.WaitForSelectorAsync("[data-testid=stop-confirm]");
            Assert.Contains("顔写真が本人と明らかに異なる", await clerk.InnerTextAsync("[data-testid=stop-confirm-reason]"), StringComparison.Ordinal);
            Assert.Contains(reference, await clerk.InnerTextAsync("[data-testid=stop-confirm-booking]"), StringComparison.Ordinal);
            Assert.Equal("stop-confirmed", await FocusedTestIdAsync(clerk));
            await Browser.ScreenshotAsync(clerk, "81-window-stop-confirm");
            await clerk.SetViewportSizeAsync(390, 844);
            await Browser.ScreenshotAsync(clerk, "81-window-stop-confirm-phone");
            await clerk.SetViewportSizeAsync(1366, 768);

            // Back keeps what was chosen and typed; nothing is stored until the confirmation.
            await clerk.Keyboard.PressAsync("Tab");
            Assert.Equal("stop-back", await FocusedTestIdAsync(clerk));
            await clerk.Keyboard.PressAsync("Enter");
            await clerk.WaitForSelectorAsync("[data-testid=stop-form]");
            Assert.Equal(nameof(IssuanceStopReason.PhotoDiffers), await clerk.InputValueAsync("[data-testid=stop-reason]"));
            Assert.Equal("髪型・顔立ちが大きく異なる", await clerk.InputValueAsync("[data-testid=stop-note]"));
            await using (var db = factory.Stores.OpenMunicipal())
            {
                Assert.Equal(1, await db.WindowIssuances.CountAsync(i => i.Outcome == IssuanceOutcome.InProgress));
            }

            // Confirmed from the keyboard: the confirm button has the focus, Enter stops.
            await clerk.ClickAsync("[data-testid=stop-submit]");
            await clerk.WaitForSelectorAsync("[data-testid=stop-confirm]");
            await clerk.Keyboard.PressAsync("Enter");
            await clerk.WaitForSelectorAsync("[data-testid=window-outcome]");
            Assert.Contains("交付中止", await clerk.InnerTextAsync("[data-testid=window-outcome]"), StringComparison.Ordinal);
            Assert.Contains("顔写真が本人と明らかに異なる", await clerk.InnerTextAsync("[data-testid=stop-outcome-reason]"), StringComparison.Ordinal);
            Assert.Contains($"予約 {reference} を取り消しました", await clerk.InnerTextAsync("[data-testid=stop-booking-released]"), StringComparison.Ordinal);
            await Browser.ScreenshotAsync(clerk, "82-window-stopped");
            await clerk.SetViewportSizeAsync(390, 844);
            await Browser.ScreenshotAsync(clerk, "82-window-stopped-phone");

            // The resident's booking page no longer shows the booking.
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, Locale = "ja-JP" });
            var resident = await context.NewPageAsync();
            await resident.GotoAsync(baseUrl + "/book");
            await resident.FillAsync("[data-testid=book-notice]", notice.Number);
            await resident.FillAsync("[data-testid=book-birth]", notice.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            await resident.ClickAsync("[data-testid=book-find]");
            await resident.WaitForSelectorAsync("[data-testid=book-slots]");
            Assert.Null(await resident.QuerySelectorAsync("[data-testid=book-current]"));
            Assert.DoesNotContain(reference, await resident.ContentAsync(), StringComparison.Ordinal);
        }
        await using var check = factory.Stores.OpenMunicipal();
        var stopped = await check.WindowIssuances.AsNoTracking().SingleAsync(i => i.Outcome == IssuanceOutcome.Stopped);
        Assert.Equal((IssuanceStopReason.PhotoDiffers, "髪型・顔立ちが大きく異なる"), (stopped.StopReason, stopped.OutcomeNote));
        Assert.Equal(AppointmentState.Cancelled, (await check.Appointments.AsNoTracking().SingleAsync(a => a.Reference == reference)).State);
    }

    [Fact]
    public async Task WaitingForThePinPad_AStopNoteBeingTyped_IsKept_AndTheStatusMovesOnWhenThePinsAreSet()
    {
        var (factory, notices) = await WindowJourneyTests.WithCardsAsync();
        await using var _ = factory;
        var baseUrl = factory.StartKestrel();
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var clerk = await StaffJourneyTests.SignInAsync(browser, baseUrl, "clerk", "clerk-demo-2026");
            await StartAndVerifyAsync(clerk, baseUrl, notices[0], desk: 6);
            await clerk.CheckAsync("[data-testid=check-photo]");
            await clerk.CheckAsync("[data-testid=check-face]");
            await clerk.CheckAsync("[data-testid=check-register]");
            await clerk.ClickAsync("[data-testid=checks-submit]");
            await clerk.WaitForSelectorAsync("[data-testid=pins-waiting]");
            Assert.False(await clerk.IsVisibleAsync("[data-testid=handover]"));

            // The clerk starts writing why the hand-over might stop; a reload would wipe it and this mark.
            await clerk.EvaluateAsync("() => { window.__notReloaded = true; }");
            await clerk.ClickAsync("[data-testid=stop-open]");
            await clerk.SelectOptionAsync("[data-testid=stop-reason]", nameof(IssuanceStopReason.Other));
            await clerk.FocusAsync("[data-testid=stop-note]");
            await clerk.Keyboard.TypeAsync("ご本人が急用のため途中で退席");
            await Browser.ScreenshotAsync(clerk, "83-window-waiting-typing");
            await clerk.SetViewportSizeAsync(390, 844);
            await Browser.ScreenshotAsync(clerk, "83-window-waiting-typing-phone");
            await clerk.SetViewportSizeAsync(1366, 768);

            // Meanwhile the resident sets the PINs on the pad of desk 6.
            var pad = await clerk.Context.NewPageAsync();
            await pad.GotoAsync(baseUrl + "/window/pad?desk=6");
            await pad.WaitForSelectorAsync("[data-testid=pad-form]", new PageWaitForSelectorOptions { Timeout = 10_000 });
            await pad.FillAsync("[data-testid=pad-pin]", "2580");
            await pad.FillAsync("[data-testid=pad-pin-again]", "2580");
            if (await pad.QuerySelectorAsync("[data-testid=pad-sig]") is not null)
            {
                await pad.FillAsync("[data-testid=pad-sig]", "MYNA2026");
                await pad.FillAsync("[data-testid=pad-sig-again]", "MYNA2026");
            }
            await pad.ClickAsync("[data-testid=pad-submit]");
            await pad.WaitForSelectorAsync("[data-testid=pad-done]");

            // The clerk's status changes by itself and the hand-over appears; the note, the reason and the page are untouched.
            await clerk.WaitForSelectorAsync("[data-testid=pins-set]", new PageWaitForSelectorOptions { Timeout = 10_000 });
            await clerk.WaitForSelectorAsync("[data-testid=handover]");
            Assert.Contains("暗証番号を設定しました", await clerk.InnerTextAsync("[data-testid=pins-waiting]"), StringComparison.Ordinal);
            Assert.Equal("ご本人が急用のため途中で退席", await clerk.InputValueAsync("[data-testid=stop-note]"));
            Assert.Equal(nameof(IssuanceStopReason.Other), await clerk.InputValueAsync("[data-testid=stop-reason]"));
            Assert.True(await clerk.EvaluateAsync<bool>("() => window.__notReloaded === true"));
            Assert.Equal("stop-note", await clerk.EvaluateAsync<string?>("() => document.activeElement?.dataset?.testid ?? null"));
            await Browser.ScreenshotAsync(clerk, "84-window-pins-set-while-typing");

            // The resident stayed after all: the hand-over goes on.
            await clerk.FillAsync("[data-testid=stop-note]", "");
            if (await clerk.QuerySelectorAsync("[data-testid=alt-chars]") is { } alt)
            {
                await alt.CheckAsync();
            }
            await clerk.ClickAsync("[data-testid=handover]");
            await clerk.WaitForSelectorAsync("[data-testid=window-outcome]");
            Assert.Contains("交付済", await clerk.InnerTextAsync("[data-testid=window-outcome]"), StringComparison.Ordinal);
        }
    }
}
