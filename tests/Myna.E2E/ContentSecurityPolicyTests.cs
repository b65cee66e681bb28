using Microsoft.Playwright;
using Myna.Core.Calendar;
using Myna.Hosting.Demo;
using Myna.Testing;

namespace Myna.E2E;

/// <summary>
/// The strict Content-Security-Policy in real Chromium (issue 16, point 9): the staff pages, the
/// public pages and the PIN pad load without one violation, and the behaviour that moved from
/// inline handlers to site.js (print, the destroy confirmation, the proxy part) still works.
/// </summary>
public sealed class ContentSecurityPolicyTests
{
    // Runs before any script of the page: reports violations to the console, and stands in for the
    // print dialog (which a headless browser does not show) so a press of Print can be seen.
    private const string Watch = """
        document.addEventListener("securitypolicyviolation", (e) =>
          console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`));
        window.print = () => { window.mynaPrinted = (window.mynaPrinted || 0) + 1; };
        """;

    [Fact]
    public async Task StaffPublicAndPadPages_UnderTheStrictPolicy_ReportNoViolation_AndTheirScriptsStillWork()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 40);
        await DemoSetup.EnsureNationalAsync(factory.Stores.Runtime, TextWriter.Null);
        await using (var db = factory.Stores.OpenMunicipal())
        {
            await factory.Stores.Runtime.NoticeGeneration(TestStores.Ishinomaki).RunAsync(db, JapanClock.Today(TimeProvider.System), "test");
        }
        var notices = await DemoIssuance.EnsureAsync(factory.Stores.Runtime, TestStores.Ishinomaki, Documents.Demo.DemoPortrait.Jpeg, TextWriter.Null, cards: 4);
        var (residentId, _) = await factory.AnyResidentAsync();
        var baseUrl = factory.StartKestrel();
        var violations = new List<string>();
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            // Public pages and the resident-facing PIN pad, without signing in.
            var visitor = await WatchedPageAsync(browser, violations);
            foreach (var path in new[] { "/account/login", "/apply", "/book", "/status" })
            {
                await VisitAsync(visitor, baseUrl + path);
            }

            var supervisor = await SignInAsync(browser, violations, baseUrl, "042021", "supervisor", "supervisor-demo-2026");
            foreach (var path in new[] { "/", $"/residents/{residentId}", $"/residents/{residentId}/card", "/applications", "/applications/intake",
                "/applications/bulk", "/mail", "/cards", "/appointments", "/window", "/window/pad?desk=2", "/lifecycle", "/dashboard", "/reports" })
            {
                await VisitAsync(supervisor, baseUrl + path);
            }

            // Print on the reports page.
            await VisitAsync(supervisor, baseUrl + "/reports");
            await supervisor.ClickAsync("button[data-print]");
            Assert.Equal(1, await supervisor.EvaluateAsync<int>("window.mynaPrinted || 0"));

            // Destroying cards asks first: Cancel posts nothing, OK posts the form.
            await VisitAsync(supervisor, baseUrl + "/cards");
            var asked = new List<string>();
            var answer = false;
            supervisor.Dialog += async (_, dialog) =>
            {
                asked.Add(dialog.Message);
                await (answer ? dialog.AcceptAsync() : dialog.DismissAsync());
            };
            var posted = new List<string>();
            supervisor.Request += (_, request) =>
            {
                if (request.Method == "POST" && request.Url.Contains("handler=Destroy", StringComparison.Ordinal))
                {
                    posted.Add(request.Url);
                }
            };
            await supervisor.ClickAsync("button[data-confirm]");
            await supervisor.WaitForTimeoutAsync(500);
            Assert.Equal(["交付期限から3か月を過ぎたカードを廃棄し、電子証明書を失効させます。よろしいですか。"], asked);
            Assert.Empty(posted);
            answer = true;
            await supervisor.RunAndWaitForResponseAsync(() => supervisor.ClickAsync("button[data-confirm]"),
                r => r.Request.Method == "POST" && r.Url.Contains("handler=Destroy", StringComparison.Ordinal));
            Assert.Equal(2, asked.Count);
            Assert.Single(posted);

            // The proxy part of the identity checklist shows while "by proxy" is ticked.
            var clerk = await SignInAsync(browser, violations, baseUrl, "042021", "clerk", "clerk-demo-2026");
            await VisitAsync(clerk, baseUrl + "/window");
            await clerk.FillAsync("[data-testid=window-desk]", "2");
            await clerk.FocusAsync("[data-testid=window-scan]");
            await clerk.Keyboard.TypeAsync(notices[0].Number);
            await clerk.Keyboard.PressAsync("Enter");
            await clerk.WaitForSelectorAsync("[data-testid=idv-form]");
            Assert.False(await clerk.IsVisibleAsync("[data-testid=proxy-name]"));
            await clerk.CheckAsync("[data-testid=by-proxy]");
            Assert.True(await clerk.IsVisibleAsync("[data-testid=proxy-name]"));
            await clerk.UncheckAsync("[data-testid=by-proxy]");
            Assert.False(await clerk.IsVisibleAsync("[data-testid=proxy-name]"));
            await Browser.ScreenshotAsync(clerk, "90-csp-window-issuance");

            // The J-LIS operator's pages.
            var jlis = await SignInAsync(browser, violations, baseUrl, "national", "jlis", "jlis-demo-2026");
            foreach (var path in new[] { "/national", "/national/verifiers", "/national/call-centre" })
            {
                await VisitAsync(jlis, baseUrl + path);
            }
        }
        Assert.True(violations.Count == 0, "Content-Security-Policy violations:\n" + string.Join("\n", violations));
    }

    private static async Task<IPage> WatchedPageAsync(IBrowser browser, List<string> violations)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 }, Locale = "ja-JP" });
        await context.AddInitScriptAsync(Watch);
        var page = await context.NewPageAsync();
        // Chromium reports a refused script, style or handler in the console, and the listener above does too.
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal) || message.Text.StartsWith("CSP violation", StringComparison.Ordinal))
            {
                violations.Add($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => violations.Add($"{page.Url}: script error {error}");
        return page;
    }

    private static async Task<IPage> SignInAsync(IBrowser browser, List<string> violations, string baseUrl, string scope, string user, string password)
    {
        var page = await WatchedPageAsync(browser, violations);
        await VisitAsync(page, baseUrl + "/account/login");
        await page.SelectOptionAsync("[data-testid=signin-scope]", scope);
        await page.FillAsync("input[name=UserName]", user);
        await page.FillAsync("input[name=Password]", password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(u => !u.Contains("/account/login", StringComparison.Ordinal));
        return page;
    }

    private static async Task VisitAsync(IPage page, string url)
    {
        var response = await page.GotoAsync(url);
        Assert.True(response is { Ok: true }, $"{url}: {response?.Status}");
        Assert.Contains("frame-ancestors 'none'", await response!.HeaderValueAsync("content-security-policy") ?? "", StringComparison.Ordinal);
        // Give late reports (a handler bound after load, an image) their moment.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }
}
