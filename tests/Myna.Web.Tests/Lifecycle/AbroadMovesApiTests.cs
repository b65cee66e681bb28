using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Myna.Hosting.Demo;
using Myna.Testing;

namespace Myna.Web.Tests.Lifecycle;

/// <summary>Moves abroad over HTTP and on the resident page (国外転出, DOMAIN §8.6).</summary>
public sealed class AbroadMovesApiTests
{
    private static readonly DateOnly Today = Core.Calendar.JapanClock.Today(TimeProvider.System);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task NotifyAbroadMove_OnTheMoveDateRefused_TheDayBeforeScheduled_AndThePageExplainsTheRules()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 40);
        var runtime = factory.Stores.Runtime;
        await DemoSetup.EnsureNationalAsync(runtime, TextWriter.Null);
        await using (var db = factory.Stores.OpenMunicipal())
        {
            await runtime.NoticeGeneration(TestStores.Ishinomaki).RunAsync(db, Today, "test");
        }
        await DemoIssuance.EnsureAsync(runtime, TestStores.Ishinomaki, Documents.Demo.DemoPortrait.Jpeg, TextWriter.Null, cards: 4);
        var holder = (await DemoLifecycle.EnsureAsync(runtime, TestStores.Ishinomaki, TextWriter.Null, holders: 1)).Single();
        await using (var db = factory.Stores.OpenMunicipal())
        {
            await db.Residents.Where(r => r.Id == holder.ResidentId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.FamilyRegisterPlace, "東京都中央区日本橋一丁目1番地").SetProperty(r => r.FamilyRegisterMunicipality, "131024"));
        }
        using var clerk = await ApiClient.SignedInAsync(factory);
        var url = $"/api/v1/residents/{holder.ResidentId}/abroad-moves";

        var late = await clerk.PostAsJsonAsync(url, new { movesOn = Iso(Today), country = "アメリカ合衆国", continuedUse = true });
        var unreadable = await clerk.PostAsJsonAsync(url, new { movesOn = "someday", country = "アメリカ合衆国" });
        var missing = await clerk.PostAsJsonAsync("/api/v1/residents/999999/abroad-moves", new { movesOn = Iso(Today.AddDays(1)), country = "アメリカ合衆国" });
        var accepted = await clerk.PostAsJsonAsync(url, new { movesOn = Iso(Today.AddDays(1)), country = "アメリカ合衆国", continuedUse = true });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
        var problem = await late.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("continued-use-refused", "continuedUse"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        Assert.Contains("by the day before the move date", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("abroad-rule.continued-use.too-late", problem.GetProperty("messageCode").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        var move = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Scheduled", true, "131024"), (move.GetProperty("state").GetString(), move.GetProperty("continuedUse").GetBoolean(),
            move.GetProperty("responsibleMunicipality").GetString()));
        Assert.Single((await clerk.GetFromJsonAsync<JsonElement>(url)).EnumerateArray());

        // The dated processing is the supervisor's batch; before the move date it does nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsync("/api/v1/lifecycle/abroad-moves/complete", null)).StatusCode);
        using var supervisor = await ApiClient.SignedInAsync(factory, "supervisor", "supervisor-demo-2026");
        var done = await (await supervisor.PostAsync("/api/v1/lifecycle/abroad-moves/complete", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, done.GetProperty("completed").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest,
            (await supervisor.PostAsync($"/api/v1/lifecycle/abroad-moves/complete?date={Iso(Today.AddDays(1))}", null)).StatusCode);

        using var page = await PageClient.SignedInAsync(factory, "clerk", "clerk-demo-2026");
        var html = await page.GetStringAsync($"/residents/{holder.ResidentId}");
        Assert.Contains("data-testid=\"abroad-section\"", html, StringComparison.Ordinal);
        Assert.Contains("転出日待ち", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"abroad-form\"", html, StringComparison.Ordinal); // one notified move at a time

        // Another resident: the form, its rules in Japanese, and a refusal shown on the page.
        long other;
        await using (var db = factory.Stores.OpenMunicipal())
        {
            other = await db.Residents.Where(r => r.Id != holder.ResidentId && r.Status == Core.Residents.ResidentStatus.Active).Select(r => r.Id).FirstAsync();
            await db.Residents.Where(r => r.Id == other).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.FamilyRegisterPlace, (string?)null).SetProperty(r => r.FamilyRegisterMunicipality, (string?)null));
        }
        var form = await page.GetStringAsync($"/residents/{other}");
        Assert.Contains("転出予定日の前日まで", form, StringComparison.Ordinal);
        Assert.Contains("90日以内の再交付申請は無料", form, StringComparison.Ordinal);
        var refused = await PageClient.PostFormAsync(page, $"/residents/{other}?handler=Abroad", form, new Dictionary<string, string>
        {
            ["Abroad.Country"] = "大韓民国", ["Abroad.MovesOn"] = Iso(Today.AddDays(3)), ["Abroad.NotifiedOn"] = Iso(Today), ["Abroad.ContinuedUse"] = "true",
        });
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"abroad-error\"", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("戸籍の附票", refusedHtml, StringComparison.Ordinal);
        var recorded = await PageClient.PostFormAsync(page, $"/residents/{other}?handler=Abroad", form, new Dictionary<string, string>
        {
            ["Abroad.Country"] = "大韓民国", ["Abroad.MovesOn"] = Iso(Today.AddDays(3)), ["Abroad.NotifiedOn"] = Iso(Today),
        });
        Assert.Contains("国外転出届を受け付けました", await recorded.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
