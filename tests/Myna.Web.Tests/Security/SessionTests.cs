using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Staff;
using Myna.Hosting.Demo;
using Myna.Storage.Staff;
using Myna.Testing;
using Myna.Web.Security;

namespace Myna.Web.Tests.Security;

/// <summary>Sessions end when the account changes or signs out — cookies and bearer tokens alike, both sides.</summary>
public sealed class SessionTests
{
    [Fact]
    public async Task RoleAndPasswordChange_EndsCookieAndTokenAtOnce()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 3);
        var (id, _) = await factory.AnyResidentAsync();
        using var page = await PageClient.SignedInAsync(factory, "officer", "officer-demo-2026");
        using var api = await ApiClient.SignedInAsync(factory, "officer", "officer-demo-2026");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/residents/{id}")).StatusCode);

        // What `myna staff add officer --role window-clerk --password …` does.
        await using (var db = factory.Stores.OpenMunicipal())
        {
            await StaffSignIn.EnsureAccountAsync(db, "officer", "支援措置 担当", "a-new-password-2026", [StaffRoles.WindowClerk], TimeProvider.System);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PutAsJsonAsync($"/api/v1/residents/{id}/adult-ward", new { adultWard = false, evidence = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync($"/api/v1/residents/{id}")).StatusCode);
        var again = await page.GetAsync($"/residents/{id}");
        Assert.Equal("/account/login", again.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task SignOut_EndsTheCopiedCookieAndTheAccountsTokens()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 3);
        using var api = await ApiClient.SignedInAsync(factory, "clerk", "clerk-demo-2026");
        using var raw = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var cookie = await SignInForCookieAsync(raw, "042021", "clerk", "clerk-demo-2026");
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(raw, "/", cookie)).StatusCode);

        var home = await (await GetWithCookieAsync(raw, "/", cookie)).Content.ReadAsStringAsync();
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/account/logout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = PageClient.Token(home) }),
        };
        logout.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.Redirect, (await raw.SendAsync(logout)).StatusCode);

        // The cookie copied before sign-out opens nothing any more, nor does the account's token.
        var replay = await GetWithCookieAsync(raw, "/", cookie);
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.Equal("/account/login", new Uri(new Uri("http://localhost"), replay.Headers.Location!).AbsolutePath);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/residents?name=a")).StatusCode);
    }

    [Fact]
    public async Task Operator_SignOutWorks_AndMunicipalPagesAnswer403NotAnError()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 3);
        await using (var db = factory.Stores.Runtime.Stores.OpenNational())
        {
            await StaffSignIn.EnsureOperatorAsync(db, DemoSetup.Operator.UserName, DemoSetup.Operator.DisplayName, DemoSetup.Operator.Password, TimeProvider.System);
        }
        var (id, _) = await factory.AnyResidentAsync();
        using var op = await PageClient.SignedInAsync(factory, DemoSetup.Operator.UserName, DemoSetup.Operator.Password, "national");
        foreach (var path in new[] { "/dashboard", "/reports", "/lifecycle", $"/residents/{id}/card", $"/residents/{id}", "/cards" })
        {
            var response = await op.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("data-testid=\"denied\"", html, StringComparison.Ordinal);
            Assert.Contains("href=\"/national\"", html, StringComparison.Ordinal);
        }

        var token = PageClient.Token(await op.GetStringAsync("/national"));
        var signedOut = await op.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal("/account/login", signedOut.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("/account/login", (await op.GetAsync("/national")).RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Lockout_EndsTheAccountsOpenSessions()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 3);
        using var api = await ApiClient.SignedInAsync(factory, "clerk", "clerk-demo-2026");
        using var anonymous = factory.CreateClient();
        for (var i = 0; i < SignInPolicy.MaxFailures; i++)
        {
            await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { municipality = "042021", userName = "clerk", password = "guess" + i });
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/residents?name=a")).StatusCode);
        var locked = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { municipality = "042021", userName = "clerk", password = "clerk-demo-2026" });
        Assert.Equal((HttpStatusCode)423, locked.StatusCode);
    }

    [Fact]
    public async Task DisablingAnAccount_EndsItsTokenAndRefusesSignIn()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 1);
        using var api = await ApiClient.SignedInAsync(factory, "supervisor", "supervisor-demo-2026");
        await using (var db = factory.Stores.OpenMunicipal())
        {
            var signIn = new StaffSignIn(factory.Stores.Runtime.MunicipalAudit(TestStores.Ishinomaki), TimeProvider.System);
            Assert.True(await signIn.SetDisabledAsync(db, "supervisor", disabled: true, "test"));
            Assert.False(await signIn.SetDisabledAsync(db, "nobody", disabled: true, "test"));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/reports/dashboard")).StatusCode);
        using var anonymous = factory.CreateClient();
        var refused = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { municipality = "042021", userName = "supervisor", password = "supervisor-demo-2026" });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task IsCurrent_ASessionOlderThanAWorkingDay_IsOver()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 1);
        await using var db = factory.Stores.OpenMunicipal();
        var account = await db.StaffAccounts.AsNoTracking().SingleAsync(a => a.UserName == "clerk");
        var now = DateTimeOffset.UtcNow;
        var fresh = StaffSessions.Principal(account, "042021", "test", now.AddHours(-1));
        var stale = StaffSessions.Principal(account, "042021", "test", now - StaffSessions.AbsoluteLifetime - TimeSpan.FromMinutes(1));
        Assert.True(await StaffSessions.IsCurrentAsync(fresh, factory.Stores.Runtime, null, CancellationToken.None));
        Assert.False(await StaffSessions.IsCurrentAsync(stale, factory.Stores.Runtime, null, CancellationToken.None));
    }

    [Fact]
    public async Task SignIn_ManyAttemptsFromOneAddress_AreRefusedWith429()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 1, signInPermits: 5);
        using var client = factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            var attempt = await client.PostAsJsonAsync("/api/v1/auth/token", new { municipality = "042021", userName = "nobody" + i, password = "x" });
            Assert.Equal(HttpStatusCode.Unauthorized, attempt.StatusCode);
        }
        var limited = await client.PostAsJsonAsync("/api/v1/auth/token", new { municipality = "042021", userName = "clerk", password = "clerk-demo-2026" });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter is not null);
        Assert.Equal("rate-limited", (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        // The page's form itself stays reachable; posting it counts against the same limit.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
    }

    private static async Task<string> SignInForCookieAsync(HttpClient raw, string scope, string user, string password)
    {
        var form = await raw.GetAsync("/account/login");
        var antiforgeryCookie = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Municipality"] = scope, ["UserName"] = user, ["Password"] = password,
                ["__RequestVerificationToken"] = PageClient.Token(await form.Content.ReadAsStringAsync()),
            }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        var response = await raw.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var staff = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("myna-staff=", StringComparison.Ordinal));
        return antiforgeryCookie + "; " + staff;
    }

    private static Task<HttpResponseMessage> GetWithCookieAsync(HttpClient raw, string path, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return raw.SendAsync(request);
    }
}
