using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Myna.Testing;

namespace Myna.Web.Tests.Infrastructure;

/// <summary>
/// Hostile input found by trying the host as an attacker would (DOMAIN §12): each is refused with
/// a 4xx ProblemDetails naming the field and a stable code, and nothing is stored.
/// </summary>
public sealed class HostileInputTests
{
    private static async Task<int> AuditCountAsync(MynaWebFactory factory)
    {
        await using var db = factory.Stores.OpenMunicipal();
        return await db.AuditRecords.CountAsync();
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code, string? field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text[..Math.Min(text.Length, 500)]}");
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        if (field is not null)
        {
            Assert.Equal(field, problem.GetProperty("field").GetString());
        }
    }

    [Fact]
    public async Task CreateToken_25MegabyteUserName_Refused413_NothingAudited()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        using var anonymous = factory.CreateClient();
        var before = await AuditCountAsync(factory);

        var huge = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { municipality = "042021", userName = new string('a', 25_000_000), password = "x" });
        var overlong = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { municipality = "042021", userName = new string('a', 65), password = "x" });
        var nul = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { municipality = "042021", userName = "clerk\u0000", password = "x" });

        await AssertProblemAsync(huge, HttpStatusCode.RequestEntityTooLarge, "body-too-large", null);
        await AssertProblemAsync(overlong, HttpStatusCode.BadRequest, "field-too-long", "userName");
        await AssertProblemAsync(nul, HttpStatusCode.BadRequest, "field-invalid-character", "userName");
        Assert.Equal(before, await AuditCountAsync(factory));
    }

    [Fact]
    public async Task SignInPage_OverlongUserName_Refused400_NothingAudited()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        using var browser = factory.CreateClient();
        var token = await PageClient.TokenAsync(browser, "/account/login");
        var before = await AuditCountAsync(factory);

        var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Municipality"] = "042021",
            ["UserName"] = new string('a', 5000),
            ["Password"] = "x",
            ["__RequestVerificationToken"] = token,
        }));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "field-too-long", "userName");
        Assert.Equal(before, await AuditCountAsync(factory));
    }

    [Fact]
    public async Task RecordEvent_NulOrControlCharacterInName_Refused400WithField_NothingStored()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        var (id, _) = await factory.AnyResidentAsync();
        using var client = await ApiClient.SignedInAsync(factory);

        var nul = await client.PostAsJsonAsync($"/api/v1/residents/{id}/events",
            new { type = "NameChange", effectiveDate = "2025-04-01", familyName = "山\u0000田", familyNameKana = "ヤマダ" });
        var bell = await client.PostAsJsonAsync($"/api/v1/residents/{id}/events",
            new { type = "AddressChangeWithin", effectiveDate = "2025-04-01", town = "中央", block = "1\u0007-2" });
        var longName = await client.PostAsJsonAsync($"/api/v1/residents/{id}/events",
            new { type = "NameChange", effectiveDate = "2025-04-01", familyName = new string('山', 101) });

        await AssertProblemAsync(nul, HttpStatusCode.BadRequest, "field-invalid-character", "familyName");
        await AssertProblemAsync(bell, HttpStatusCode.BadRequest, "field-invalid-character", "block");
        await AssertProblemAsync(longName, HttpStatusCode.BadRequest, "field-too-long", "familyName");
        await using var db = factory.Stores.OpenMunicipal();
        Assert.DoesNotContain(await db.Residents.Select(r => r.FamilyName + r.Block).ToListAsync(), n => n.Contains('\u0000', StringComparison.Ordinal) || n.Contains('\u0007', StringComparison.Ordinal));
    }

    [Fact]
    public async Task SearchResidents_PageFarPastTheEnd_Refused400WithField()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        using var client = await ApiClient.SignedInAsync(factory);

        var overflow = await client.GetAsync($"/api/v1/residents?name={Uri.EscapeDataString("さ")}&page=2147483647");
        var zero = await client.GetAsync($"/api/v1/residents?name={Uri.EscapeDataString("さ")}&page=0");
        var tooMany = await client.GetAsync($"/api/v1/residents?name={Uri.EscapeDataString("さ")}&pageSize=1000");
        var body = await client.PostAsJsonAsync("/api/v1/residents/search", new { name = "さ", page = 2147483647 });
        var applications = await client.GetAsync("/api/v1/applications?page=2147483647");
        var lastPage = await client.GetAsync($"/api/v1/residents?name={Uri.EscapeDataString("さ")}&page=100000");

        await AssertProblemAsync(overflow, HttpStatusCode.BadRequest, "invalid-page", "page");
        await AssertProblemAsync(zero, HttpStatusCode.BadRequest, "invalid-page", "page");
        await AssertProblemAsync(tooMany, HttpStatusCode.BadRequest, "invalid-page", "pageSize");
        await AssertProblemAsync(body, HttpStatusCode.BadRequest, "invalid-page", "page");
        await AssertProblemAsync(applications, HttpStatusCode.BadRequest, "invalid-page", "page");
        Assert.Equal(HttpStatusCode.OK, lastPage.StatusCode);
    }

    [Fact]
    public async Task OperationsReport_PeriodOutOfBounds_Refused400WithField()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        using var client = await ApiClient.SignedInAsync(factory, "supervisor", "supervisor-demo-2026");

        var everything = await client.GetAsync("/api/v1/reports/operations?from=0001-01-01&to=9999-12-31");
        var lastDay = await client.GetAsync("/api/v1/reports/operations?from=2026-01-01&to=9999-12-31");
        var elevenYears = await client.GetAsync("/api/v1/reports/operations?from=2015-01-01&to=2026-01-02");
        var tenYears = await client.GetAsync("/api/v1/reports/operations?from=2016-01-01&to=2026-01-01");
        var fees = await client.GetAsync("/api/v1/lifecycle/fees?from=1900-01-01&to=2026-01-01");

        await AssertProblemAsync(everything, HttpStatusCode.BadRequest, "invalid-period", "from");
        await AssertProblemAsync(lastDay, HttpStatusCode.BadRequest, "invalid-period", "to");
        await AssertProblemAsync(elevenYears, HttpStatusCode.BadRequest, "invalid-period", "to");
        await AssertProblemAsync(fees, HttpStatusCode.BadRequest, "invalid-period", "to");
        Assert.Equal(HttpStatusCode.OK, tenYears.StatusCode);
    }

    [Theory]
    [InlineData("/%5Cevil.example", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/%09/evil.example", "/")]
    [InlineData("/residents/1?tab=history", "/residents/1?tab=history")]
    public async Task LanguageSwitch_ReturnUrl_OnlyToThisHost(string returnUrl, string location)
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 1);
        using var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await anonymous.GetAsync("/language/en?returnUrl=" + returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task JsonBody_LargerThanTheEndpointTakes_Refused413BeforeReading()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 1);
        using var client = await ApiClient.SignedInAsync(factory);
        var (id, _) = await factory.AnyResidentAsync();
        var body = "{\"purpose\":\"" + new string('x', 70_000) + "\"}";

        var response = await client.PostAsync($"/api/v1/residents/{id}/number/reveal", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "body-too-large", null);
    }
}
