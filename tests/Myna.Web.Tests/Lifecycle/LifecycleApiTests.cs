using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Myna.Hosting.Demo;
using Myna.Testing;

namespace Myna.Web.Tests.Lifecycle;

/// <summary>The card lifecycle over HTTP (DOMAIN §8): the call centre's suspension, a resident's cards and timeline, the fee ledger.</summary>
public sealed class LifecycleApiTests
{
    [Fact]
    public async Task TheCallCentreSuspends_TheResidentsCardsAndTimelineSayIt_AndTheFeeLedgerIsACsv()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 40);
        var runtime = factory.Stores.Runtime;
        await DemoSetup.EnsureNationalAsync(runtime, TextWriter.Null);
        await using (var db = factory.Stores.OpenMunicipal())
        {
            await runtime.NoticeGeneration(TestStores.Ishinomaki).RunAsync(db, Core.Calendar.JapanClock.Today(TimeProvider.System), "test");
        }
        await DemoIssuance.EnsureAsync(runtime, TestStores.Ishinomaki, Documents.Demo.DemoPortrait.Jpeg, TextWriter.Null, cards: 4);
        var holder = (await DemoLifecycle.EnsureAsync(runtime, TestStores.Ishinomaki, TextWriter.Null, holders: 1)).Single();
        int sex;
        await using (var db = factory.Stores.OpenMunicipal())
        {
            sex = (int)(await db.Residents.AsNoTracking().SingleAsync(r => r.Id == holder.ResidentId)).Sex;
        }
        using var clerk = await ApiClient.SignedInAsync(factory);
        using var centre = await ApiClient.SignedInAsync(factory, DemoSetup.Operator.UserName, DemoSetup.Operator.Password, "national");
        var report = new { name = holder.FullName, birthDate = holder.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            address = holder.Address, sex, caller = "家族（妻）", theft = true };

        var forbidden = await clerk.PostAsJsonAsync("/api/v1/call-centre/suspensions", report);
        var wrong = await centre.PostAsJsonAsync("/api/v1/call-centre/suspensions", report with { sex = sex == 1 ? 2 : 1 });
        var unreadable = await centre.PostAsJsonAsync("/api/v1/call-centre/suspensions", report with { birthDate = "yesterday" });
        var suspended = await centre.PostAsJsonAsync("/api/v1/call-centre/suspensions", report);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Equal("call-centre.sex-differs", (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Equal(HttpStatusCode.OK, suspended.StatusCode);
        var suspension = (await suspended.Content.ReadFromJsonAsync<JsonElement>())[0];
        var reference = suspension.GetProperty("reference").GetString()!;
        Assert.Equal(2, suspension.GetProperty("certificatesSuspended").GetInt32());

        var cards = await clerk.GetFromJsonAsync<JsonElement>($"/api/v1/residents/{holder.ResidentId}/cards");
        var card = cards[0];
        Assert.Equal("Valid", card.GetProperty("state").GetString());
        Assert.Equal(reference, card.GetProperty("standing").GetProperty("suspensionReference").GetString());
        Assert.All(card.GetProperty("standing").GetProperty("certificates").EnumerateArray(), c => Assert.Equal("Suspended", c.GetProperty("status").GetString()));

        var timeline = await clerk.GetFromJsonAsync<JsonElement>($"/api/v1/residents/{holder.ResidentId}/timeline");
        var kinds = timeline.EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal("event.InitialRegistration", kinds[0]);
        Assert.Contains("lifecycle.Issued", kinds);
        Assert.Equal("national.suspended", kinds[^1]);
        Assert.Equal(reference, timeline[kinds.Count - 1].GetProperty("reference").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync("/api/v1/residents/999999/timeline")).StatusCode);

        // Issue 19 point 2: the system's notes are catalogue messages: the API gives the English and the message, the page the reader's language.
        var line = timeline[kinds.Count - 1];
        var count = suspension.GetProperty("certificatesSuspended").GetInt32();
        Assert.Equal($"stolen; reported by 家族（妻）; {count} certificates suspended", line.GetProperty("detail").GetString());
        Assert.Equal("history.national.suspended", line.GetProperty("detailMessage").GetProperty("code").GetString());
        Assert.Equal($"盗難・連絡者 家族（妻）・電子証明書 {count} 件", line.GetProperty("detailMessage").GetProperty("ja").GetString());
        var issued = timeline.EnumerateArray().First(e => e.GetProperty("kind").GetString() == "cards.state.Issued");
        Assert.StartsWith("handed to the holder (identity: method ", issued.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var page = await PageClient.SignedInAsync(factory, "clerk", "clerk-demo-2026");
        var japanese = System.Net.WebUtility.HtmlDecode(await page.GetStringAsync($"/residents/{holder.ResidentId}"));
        Assert.Contains($"盗難・連絡者 家族（妻）・電子証明書 {count} 件", japanese, StringComparison.Ordinal);
        Assert.Contains("本人に交付（本人確認 ", japanese, StringComparison.Ordinal);
        Assert.DoesNotContain("{\"m\":", japanese, StringComparison.Ordinal);
        await page.GetAsync($"/language/en?returnUrl=/residents/{holder.ResidentId}");
        var english = System.Net.WebUtility.HtmlDecode(await page.GetStringAsync($"/residents/{holder.ResidentId}"));
        Assert.Contains($"stolen; reported by 家族（妻）; {count} certificates suspended", english, StringComparison.Ordinal);
        Assert.Contains("handed to the holder (identity: method ", english, StringComparison.Ordinal);
        Assert.DoesNotContain("本人に交付", english, StringComparison.Ordinal);

        // The fee ledger is the supervisor's (DOMAIN §0.2); the clerk's token is refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/v1/lifecycle/fees?from=2026-01-01&to=2026-12-31")).StatusCode);
        using var supervisor = await ApiClient.SignedInAsync(factory, "supervisor", "supervisor-demo-2026");
        var ledger = await supervisor.GetAsync("/api/v1/lifecycle/fees?from=2026-01-01&to=2026-12-31");
        Assert.Equal("text/csv", ledger.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("receipt_number,charged_on,kind,cause", await ledger.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync("/api/v1/lifecycle/fees?from=someday&to=2026-12-31")).StatusCode);
    }
}
