using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Myna.Testing;

namespace Myna.Web.Tests.Reports;

/// <summary>/api/v1/reports (DOMAIN §11.1, §11.3) for signed-in staff.</summary>
public sealed class ReportsApiTests
{
    [Fact]
    public async Task IssuanceRatesFromACsvBody_AndThePlanner()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        using var client = await ApiClient.SignedInAsync(factory, "supervisor", "supervisor-demo-2026");
        using var anonymous = factory.CreateClient();
        var figures = await File.ReadAllTextAsync(Path.Combine(TestPostgres.RepositoryRoot(), "samples", "statistics", "prefectures-2021.csv"));

        var json = await client.PostAsync("/api/v1/reports/issuance-rates?total=true", new StringContent(figures, Encoding.UTF8, "text/csv"));
        var csv = await client.PostAsync("/api/v1/reports/issuance-rates?format=csv", new StringContent(figures, Encoding.UTF8, "text/csv"));
        var bad = await client.PostAsync("/api/v1/reports/issuance-rates", new StringContent("name,population\nA,1\n", Encoding.UTF8, "text/csv"));
        var plan = await client.GetFromJsonAsync<JsonElement>("/api/v1/reports/plan?windows=2&serviceMinutes=30&hoursPerDay=7&backlog=7939");
        var impossible = await client.GetAsync("/api/v1/reports/plan?windows=2&serviceMinutes=30&hoursPerDay=7&backlog=7939&daysPerWeek=9");

        var rows = await json.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(48, rows.GetArrayLength());
        Assert.Equal(("宮崎県", 32.7m, 1), (rows[0].GetProperty("name").GetString(), rows[0].GetProperty("rate").GetDecimal(), rows[0].GetProperty("rank").GetInt32()));
        Assert.Equal(("全国", 24.2m, JsonValueKind.Null), (rows[47].GetProperty("name").GetString(), rows[47].GetProperty("rate").GetDecimal(), rows[47].GetProperty("rank").ValueKind));
        Assert.StartsWith("name,population,issued,rate,rank\n宮崎県,1095903,358411,32.7,1\n", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal((28, 284, 396), (plan.GetProperty("cardsPerDay").GetInt32(), plan.GetProperty("windowDays").GetInt32(), plan.GetProperty("calendarDays").GetInt32()));
        Assert.Equal(HttpStatusCode.BadRequest, impossible.StatusCode);
        var own = await client.GetFromJsonAsync<JsonElement>("/api/v1/reports/issuance-rates/own");
        Assert.Equal(("宮城県石巻市", 5, 0, 1), (own[0].GetProperty("name").GetString(), own[0].GetProperty("population").GetInt32(), own[0].GetProperty("issued").GetInt32(),
            own[0].GetProperty("rank").GetInt32()));
        Assert.Equal(("合計", JsonValueKind.Null), (own[1].GetProperty("name").GetString(), own[1].GetProperty("rank").ValueKind));
        var dashboard = await client.GetFromJsonAsync<JsonElement>("/api/v1/reports/dashboard");
        Assert.Equal(0, dashboard.GetProperty("awaitingReview").GetInt32());
        Assert.Equal(JsonValueKind.Array, dashboard.GetProperty("revocationsToday").ValueKind);
        var inputs = await client.GetFromJsonAsync<JsonElement>("/api/v1/reports/planner-inputs");
        Assert.Equal(0, inputs.GetProperty("backlog").GetInt32());
        var operations = await client.GetFromJsonAsync<JsonElement>("/api/v1/reports/operations?from=2026-01-01&to=2026-12-31");
        Assert.Equal(0, operations.GetProperty("cardsIssued").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/reports/operations?from=2026-12-31&to=2026-01-01")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/reports/plan?windows=2&serviceMinutes=30&hoursPerDay=7&backlog=1")).StatusCode);
    }
}
