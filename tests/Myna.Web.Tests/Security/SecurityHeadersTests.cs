using System.Net;
using System.Text;
using Myna.Core.Calendar;
using Myna.Hosting.Demo;
using Myna.Testing;

namespace Myna.Web.Tests.Security;

/// <summary>
/// The headers of every kind of answer (issue 16, point 9): pages, public pages, API JSON, letters'
/// PDFs, CSVs, CA certificates and CRLs, static files and errors, and the cookies over HTTP and HTTPS.
/// </summary>
public sealed class SecurityHeadersTests
{
    private const string Policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    [Fact]
    public async Task EveryKindOfAnswer_CarriesThePolicy_AndOnlyPublicOnesAreCacheable()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 40);
        await DemoSetup.EnsureNationalAsync(factory.Stores.Runtime, TextWriter.Null);
        await using (var db = factory.Stores.OpenMunicipal())
        {
            await factory.Stores.Runtime.NoticeGeneration(TestStores.Ishinomaki).RunAsync(db, JapanClock.Today(TimeProvider.System), "test");
        }
        await DemoIssuance.EnsureAsync(factory.Stores.Runtime, TestStores.Ishinomaki, Documents.Demo.DemoPortrait.Jpeg, TextWriter.Null, cards: 4);
        var (residentId, kana) = await factory.AnyResidentAsync();
        var today = JapanClock.Today(TimeProvider.System).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using var anonymous = factory.CreateClient();
        using var staff = await PageClient.SignedInAsync(factory, "supervisor", "supervisor-demo-2026");
        using var api = await ApiClient.SignedInAsync(factory, "supervisor", "supervisor-demo-2026");
        var figures = "name,population,issued\n石巻市,100,50\n東松島市,80,20\n";

        var privateAnswers = new (string What, HttpResponseMessage Response, string MediaType)[]
        {
            ("staff search page", await staff.GetAsync("/"), "text/html"),
            ("staff resident page", await staff.GetAsync($"/residents/{residentId}"), "text/html"),
            ("staff cards page", await staff.GetAsync("/cards"), "text/html"),
            ("sign-in page", await anonymous.GetAsync("/account/login"), "text/html"),
            ("public application page", await anonymous.GetAsync("/apply"), "text/html"),
            ("public booking page", await anonymous.GetAsync("/book"), "text/html"),
            ("public status page", await anonymous.GetAsync("/status"), "text/html"),
            ("PIN pad page", await staff.GetAsync("/window/pad?desk=1"), "text/html"),
            ("API JSON", await api.GetAsync("/api/v1/residents?name=" + Uri.EscapeDataString(kana)), "application/json"),
            ("issuance letters PDF", await staff.GetAsync($"/cards?handler=Letters&date={today}"), "application/pdf"),
            ("rates CSV", await api.PostAsync("/api/v1/reports/issuance-rates?format=csv", new StringContent(figures, Encoding.UTF8, "text/csv")), "text/csv"),
            ("rates PDF", await api.PostAsync("/api/v1/reports/issuance-rates?format=pdf", new StringContent(figures, Encoding.UTF8, "text/csv")), "application/pdf"),
            ("fee ledger CSV", await api.GetAsync("/api/v1/lifecycle/fees?from=2026-01-01&to=2026-12-31"), "text/csv"),
            ("OpenAPI document", await anonymous.GetAsync("/openapi/v1.json"), "application/json"),
        };
        foreach (var (what, response, mediaType) in privateAnswers)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.True(response.Content.Headers.ContentType?.MediaType == mediaType, $"{what}: {response.Content.Headers.ContentType}");
            AssertPolicy(what, response);
            Assert.True(CacheControl(response) == "no-store", $"{what}: Cache-Control {CacheControl(response)}");
        }

        // Errors carry the policy and are not kept either.
        var missing = await staff.GetAsync("/residents/999999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        AssertPolicy("not found", missing);
        Assert.Equal("no-store", CacheControl(missing));
        var refused = await anonymous.GetAsync("/api/v1/residents?name=ア");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        AssertPolicy("unauthenticated API", refused);

        // What verifiers and browsers may keep: CA certificates, CRLs (DOMAIN §7.5), static files.
        var publicAnswers = new (string What, HttpResponseMessage Response, string CacheControl)[]
        {
            ("CA certificate", await anonymous.GetAsync("/pki/ca/sign.cer"), "public, max-age=86400"),
            ("CRL", await anonymous.GetAsync("/pki/crl/auth.crl"), "public, max-age=60"),
            ("stylesheet", await anonymous.GetAsync("/site.css"), "public, no-cache"),
            ("versioned script", await anonymous.GetAsync("/site.js?v=1"), "public, max-age=31536000, immutable"),
        };
        foreach (var (what, response, cacheControl) in publicAnswers)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{what}: {(int)response.StatusCode}");
            AssertPolicy(what, response);
            Assert.True(CacheControl(response) == cacheControl, $"{what}: Cache-Control {CacheControl(response)}");
        }
    }

    [Fact]
    public async Task Cookies_OverHttps_AreSecureAndHttpOnly_OverPlainHttp_NotSecure()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        foreach (var https in new[] { true, false })
        {
            using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
            {
                BaseAddress = new Uri(https ? "https://localhost" : "http://localhost"),
                AllowAutoRedirect = false,
            });
            var cookies = new List<string>();
            // The antiforgery cookie with the sign-in form, the language cookie, the sign-in cookie.
            var form = await client.GetAsync("/account/login");
            cookies.AddRange(SetCookies(form));
            cookies.AddRange(SetCookies(await client.GetAsync("/language/en?returnUrl=/")));
            var token = System.Text.RegularExpressions.Regex.Match(await form.Content.ReadAsStringAsync(),
                "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            var signIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Municipality"] = "042021",
                ["UserName"] = "clerk",
                ["Password"] = "clerk-demo-2026",
                ["__RequestVerificationToken"] = token,
            }));
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            cookies.AddRange(SetCookies(signIn));

            Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
            Assert.Contains(cookies, c => c.StartsWith("myna-lang=", StringComparison.Ordinal));
            Assert.Contains(cookies, c => c.StartsWith("myna-staff=", StringComparison.Ordinal));
            foreach (var cookie in cookies)
            {
                var attributes = cookie.Split(';').Select(a => a.Trim().ToLowerInvariant()).ToList();
                Assert.True(attributes.Contains("secure") == https, $"{(https ? "https" : "http")}: {cookie[..cookie.IndexOf('=', StringComparison.Ordinal)]} {string.Join("; ", attributes.Skip(1))}");
                Assert.Contains("httponly", attributes);
                Assert.Contains(attributes, a => a.StartsWith("samesite=", StringComparison.Ordinal));
            }
            if (https)
            {
                Assert.Equal("max-age=31536000", string.Join(",", form.Headers.GetValues("Strict-Transport-Security")));
            }
            else
            {
                Assert.False(form.Headers.Contains("Strict-Transport-Security"));
            }
        }
    }

    [Fact]
    public async Task Cookies_BehindALoopbackProxyThatEndsHttps_AreSecure()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        var baseUrl = factory.StartKestrel();
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl) };

        using var forwarded = new HttpRequestMessage(HttpMethod.Get, "/language/en?returnUrl=/");
        forwarded.Headers.Add("X-Forwarded-Proto", "https");
        var viaProxy = await client.SendAsync(forwarded);
        var plain = await client.GetAsync("/language/en?returnUrl=/");

        Assert.Contains("secure", SetCookies(viaProxy).Single().ToLowerInvariant().Split(';').Select(a => a.Trim()));
        Assert.DoesNotContain("secure", SetCookies(plain).Single().ToLowerInvariant().Split(';').Select(a => a.Trim()));
    }

    private static void AssertPolicy(string what, HttpResponseMessage response)
    {
        Assert.True(Header(response, "Content-Security-Policy") == Policy, $"{what}: CSP {Header(response, "Content-Security-Policy")}");
        Assert.True(Header(response, "X-Content-Type-Options") == "nosniff", $"{what}: nosniff missing");
        Assert.True(Header(response, "X-Frame-Options") == "DENY", $"{what}: X-Frame-Options {Header(response, "X-Frame-Options")}");
        Assert.True(Header(response, "Referrer-Policy") == "no-referrer", $"{what}: Referrer-Policy {Header(response, "Referrer-Policy")}");
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;

    private static string? CacheControl(HttpResponseMessage response) => Header(response, "Cache-Control");

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
}
