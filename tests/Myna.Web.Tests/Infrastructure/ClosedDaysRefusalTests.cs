using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Myna.Testing;

namespace Myna.Web.Tests.Infrastructure;

/// <summary>
/// A closed day that cannot be read is refused with the rule it breaks (a day that does not exist), on the page in the
/// reader's language and over the API as the catalogue entry with its English.
/// </summary>
public sealed class ClosedDaysRefusalTests
{
    private static async Task<string> AddAsync(HttpClient client, string date)
    {
        var html = await client.GetStringAsync("/appointments/closed-days");
        var response = await PageClient.PostFormAsync(client, "/appointments/closed-days?handler=Add", html,
            new Dictionary<string, string> { ["Date"] = date, ["Name"] = "庁舎点検" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return CatalogueMessagePagesTests.Shown(await response.Content.ReadAsStringAsync(), "closed-days-error");
    }

    [Fact]
    public async Task AddClosedDay_DayThatDoesNotExist_SaysWhyOnThePageAndOverTheApi()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 3);
        using var supervisor = await PageClient.SignedInAsync(factory, "supervisor", "supervisor-demo-2026");

        Assert.Equal("令和9年2月30日は存在しません（2027年2月は28日までです）。", await AddAsync(supervisor, "令和9年2月30日"));
        await supervisor.GetAsync("/language/en?returnUrl=/appointments/closed-days");
        Assert.Equal("令和9年2月30日 does not exist: month 2 of 2027 has 28 days", await AddAsync(supervisor, "令和9年2月30日"));

        using var api = await ApiClient.SignedInAsync(factory, "supervisor", "supervisor-demo-2026");
        var refused = await api.PostAsJsonAsync("/api/v1/appointments/closed-days", new { date = "令和9年2月30日", name = "庁舎点検" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("invalid-date", "date.day.invalid"), (problem.GetProperty("code").GetString(), problem.GetProperty("messageCode").GetString()));
    }
}
