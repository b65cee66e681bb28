using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Myna.Testing;

namespace Myna.Web.Tests.Infrastructure;

/// <summary>
/// Issue 19 point 2: a message of the domain reaches the page in the reader's language (Japanese first, English with
/// <c>myna-lang=en</c>) and the API with its stable catalogue code.
/// </summary>
public sealed class MessageLanguageTests
{
    private static async Task<string> StatusErrorAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/status");
        var response = await PageClient.PostFormAsync(client, "/status", html,
            new Dictionary<string, string> { ["ApplicationId"] = "12345678901234567890123", ["BirthDate"] = "昭和16年2月30日" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var start = page.IndexOf("data-testid=\"status-error\">", StringComparison.Ordinal);
        Assert.True(start > 0, "no error shown");
        return page[start..page.IndexOf("</p>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task StatusPage_DateThatDoesNotExist_JapaneseThenEnglish()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        using var client = factory.CreateClient();

        var japanese = await StatusErrorAsync(client);
        Assert.Contains("昭和16年2月30日は存在しません（1941年2月は28日までです）。", japanese, StringComparison.Ordinal);
        Assert.DoesNotContain("does not exist", japanese, StringComparison.Ordinal);

        await client.GetAsync("/language/en?returnUrl=/status");
        var english = await StatusErrorAsync(client);
        Assert.Contains("昭和16年2月30日 does not exist: month 2 of 1941 has 28 days", english, StringComparison.Ordinal);
        Assert.DoesNotContain("存在しません", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusApi_DateThatDoesNotExist_ProblemCarriesTheMessageCode()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        using var client = factory.CreateClient();

        var response = await client.PostAsync("/api/v1/public/applications/status", new StringContent(
            """{ "applicationId": "12345678901234567890123", "birthDate": "S16.2.30" }""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid-date", problem.GetProperty("code").GetString());
        Assert.Equal("date.day.invalid", problem.GetProperty("messageCode").GetString());
        Assert.Equal(["昭和16年2月30日", "1941", "2", "28"], problem.GetProperty("messageArgs").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("昭和16年2月30日 does not exist: month 2 of 1941 has 28 days", problem.GetProperty("detail").GetString());
    }
}
