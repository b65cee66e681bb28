using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Myna.Core.Audit;
using Myna.Core.Calendar;
using Myna.Core.Residents;
using Myna.Core.SupportMeasures;
using Myna.Hosting;
using Myna.Hosting.Demo;
using Myna.Municipal.SupportMeasures;
using Myna.Testing;

namespace Myna.Web.Tests.SupportMeasures;

/// <summary>
/// Issue 17 point 5, "a forwarded measure not applied" made impossible (DOMAIN §9 forwarding with §8.6 moves), through the
/// real host serving both demo municipalities: a covered resident of 石巻市 moves out to 東松島市 on the resident page, the
/// measure travels with the advance move-out information, and at 東松島市 the person arrives protected — the waiting
/// move-in hides the new address from a clerk, and after the move-in at the window an address search does not find the
/// person, their page and the API show the placeholder with <c>addressWithheld</c>, each read is logged, while the officer
/// there sees the received measure and the address.
/// </summary>
public sealed class ForwardedMeasureAppliedTests
{
    private const string Origin = "042021", Destination = "042145";
    private const string Town = "矢本字避難鷲", Building = "ハイツ隠れ家";

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task CoveredResident_MovesOutAndIn_TheDestinationWithholdsTheNewAddressFromAClerk_AndTheOfficerSeesIt(string provider)
    {
        await using var factory = await MynaWebFactory.CreateAsync(provider, residents: 30, neighbour: true);
        var today = JapanClock.Today(TimeProvider.System);
        var runtime = factory.Services.GetRequiredService<MynaRuntime>();
        await using (var there = factory.Stores.OpenMunicipal(TestStores.Higashimatsushima))
        {
            // Residents at the destination too, so that its search has someone to find.
            var load = await DemoSetup.LoadResidentsAsync(factory.Stores.Runtime, TestStores.Higashimatsushima, 20, seed: 9, "test");
            Assert.True(load.Result.Succeeded, string.Join("; ", load.Result.Problems));
        }
        Resident mover;
        SupportMeasure measure;
        await using (var db = factory.Stores.OpenMunicipal())
        {
            mover = await db.Residents.AsNoTracking().Where(r => r.Status == ResidentStatus.Active && r.FamilyRegisterMunicipality != Destination)
                .OrderBy(r => r.Id).FirstAsync();
            measure = await runtime.SupportMeasureDesk(TestStores.Ishinomaki).CreateAsync(db, new SupportMeasureApplication(mover.Id,
                SupportMeasureKind.DomesticViolence, SupportBasisKind.Police, "石巻警察署", today, null, null, null, [], [new OffenderInput("加害　太郎")]), "officer");
        }
        await using (var there = factory.Stores.OpenMunicipal(TestStores.Higashimatsushima))
        {
            Assert.False(await there.SupportMeasures.AnyAsync(), "the destination holds nothing before the move-out");
        }

        // The move-out at 石巻市, on the resident page as the window does it (the form comes filled with the current values).
        using var originClerk = await PageClient.SignedInAsync(factory, "clerk", "clerk-demo-2026", Origin);
        var residentPage = await originClerk.GetStringAsync($"/residents/{mover.Id}");
        var form = PageClient.InputValues(residentPage).Where(v => v.Key.StartsWith("Event.", StringComparison.Ordinal)).ToDictionary();
        (form["Event.Type"], form["Event.Destination"], form["Event.DestinationAddress"]) = (nameof(ResidentEventType.MoveOut), Destination, $"宮城県東松島市{Town}3番地 {Building}");
        var movedOut = await PageClient.PostFormAsync(originClerk, $"/residents/{mover.Id}?handler=Event", residentPage, form);
        Assert.Equal(HttpStatusCode.OK, movedOut.StatusCode);
        var movedOutPage = WebUtility.HtmlDecode(await movedOut.Content.ReadAsStringAsync());
        Assert.True(movedOutPage.Contains("data-testid=\"event-recorded\"", StringComparison.Ordinal), // the confirmation at the top after the redirect
            Regex.Match(movedOutPage, "data-testid=\"event-error\">([^<]*)").Groups[1].Value);

        // The destination holds the measure before the person arrives; its waiting move-in shows a clerk no address.
        long incomingId;
        await using (var there = factory.Stores.OpenMunicipal(TestStores.Higashimatsushima))
        {
            var copy = await there.SupportMeasures.AsNoTracking().SingleAsync(m => m.Reference == measure.Reference);
            Assert.Equal((Origin, today.AddYears(1)), (copy.ForwardedFrom, copy.KeepUntil));
            incomingId = (await there.IncomingMoveOuts.AsNoTracking().SingleAsync(i => i.ResidentCode == mover.ResidentCode)).Id;
        }
        using var clerk = await PageClient.SignedInAsync(factory, "clerk", "clerk-demo-2026", Destination);
        var waiting = WebUtility.HtmlDecode(await clerk.GetStringAsync("/lifecycle"));
        Assert.Contains(mover.FamilyName, waiting, StringComparison.Ordinal);
        Assert.DoesNotContain(Town, waiting, StringComparison.Ordinal);
        Assert.DoesNotContain(Building, waiting, StringComparison.Ordinal);
        Assert.Contains(AddressProtection.Hidden, waiting, StringComparison.Ordinal);

        // The move-in at 東松島市's window (転入届) on the lifecycle page.
        var movedIn = await PageClient.PostFormAsync(clerk, "/lifecycle?handler=MoveIn", waiting, new()
        {
            ["incomingId"] = incomingId.ToString(CultureInfo.InvariantCulture), ["postalCode"] = "981-0503", ["town"] = Town, ["block"] = "3番地",
            ["building"] = Building, ["householdCode"] = "", ["movedInOn"] = JapaneseDate.Format(today), ["notifiedOn"] = JapaneseDate.Format(today),
        });
        Assert.Equal(HttpStatusCode.OK, movedIn.StatusCode);
        long arrived;
        await using (var there = factory.Stores.OpenMunicipal(TestStores.Higashimatsushima))
        {
            var resident = await there.Residents.AsNoTracking().SingleAsync(r => r.ResidentCode == mover.ResidentCode && r.Status == ResidentStatus.Active);
            Assert.Equal((Town, Building), (resident.Town, resident.Building)); // the register holds the address; only its readers are limited
            arrived = resident.Id;
        }
        var id = arrived.ToString(CultureInfo.InvariantCulture);

        // A clerk at 東松島市: the address search does not find the person (page and API); the page and the API withhold the address.
        using var api = await ApiClient.SignedInAsync(factory, "clerk", "clerk-demo-2026", Destination);
        var search = await api.GetFromJsonAsync<JsonElement>("/api/v1/residents?address=" + Uri.EscapeDataString(Town));
        Assert.Equal(0, search.GetProperty("total").GetInt32());
        Assert.DoesNotContain($"href=\"/residents/{id}\"", await clerk.GetStringAsync("/?address=" + Uri.EscapeDataString(Town)), StringComparison.Ordinal);
        var byName = await api.GetFromJsonAsync<JsonElement>("/api/v1/residents?name=" + Uri.EscapeDataString(mover.FamilyNameKana + mover.GivenNameKana));
        var listed = Assert.Single(byName.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == arrived);
        Assert.Equal((AddressProtection.Hidden, true), (listed.GetProperty("address").GetString(), listed.GetProperty("addressWithheld").GetBoolean()));

        var page = WebUtility.HtmlDecode(await clerk.GetStringAsync($"/residents/{id}"));
        Assert.Contains(AddressProtection.Hidden, page, StringComparison.Ordinal);
        var detail = await api.GetAsync($"/api/v1/residents/{id}");
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        var json = await detail.Content.ReadAsStringAsync();
        var dto = JsonDocument.Parse(json).RootElement;
        Assert.True(dto.GetProperty("addressWithheld").GetBoolean());
        Assert.Equal(AddressProtection.Hidden, dto.GetProperty("town").GetString());
        foreach (var body in new[] { page, Readable(json) })
        {
            Assert.DoesNotContain(Town, body, StringComparison.Ordinal);
            Assert.DoesNotContain(Building, body, StringComparison.Ordinal);
        }
        await using (var there = factory.Stores.OpenMunicipal(TestStores.Higashimatsushima))
        {
            var refused = await there.AuditRecords.AsNoTracking()
                .Where(a => a.Action == AuditActions.ProtectedAddressRefused && a.Subject == "resident:" + id).ToListAsync();
            Assert.Contains(refused, a => a.Detail == "GET /api/v1/residents/{id}" && a.Actor.Contains("clerk", StringComparison.Ordinal));
            Assert.Contains(refused, a => a.Detail != "GET /api/v1/residents/{id}" && a.Detail!.Contains("resident", StringComparison.Ordinal)
                && a.Actor.Contains("clerk", StringComparison.Ordinal));
        }

        // The officer at 東松島市: the received measure in the list, the address on the person's page.
        using var officer = await PageClient.SignedInAsync(factory, "officer", "officer-demo-2026", Destination);
        var list = WebUtility.HtmlDecode(await officer.GetStringAsync("/support-measures"));
        Assert.Contains(measure.Reference, list, StringComparison.Ordinal);
        Assert.Contains("石巻市（042021）から転送受付", list, StringComparison.Ordinal);
        Assert.Contains(Town, WebUtility.HtmlDecode(await officer.GetStringAsync($"/residents/{id}")), StringComparison.Ordinal);

        // The officer at 石巻市 sees the forward that went with the move-out, acknowledged.
        using var originOfficer = await PageClient.SignedInAsync(factory, "officer", "officer-demo-2026", Origin);
        var measurePage = WebUtility.HtmlDecode(await originOfficer.GetStringAsync($"/support-measures/{measure.Id}"));
        var row = Regex.Match(measurePage, $"data-destination=\"{Destination}\" data-waiting=\"(\\w+)\"[\\s\\S]*?</tr>");
        Assert.True(row.Success, "the move-out's forward is listed");
        Assert.Equal("false", row.Groups[1].Value);
        Assert.Contains("転出先", row.Value, StringComparison.Ordinal);
        Assert.Contains("転出予定者情報とともに受領", row.Value, StringComparison.Ordinal);
    }

    /// <summary>JSON as a reader sees it: \u escapes decoded.</summary>
    private static string Readable(string json) =>
        Regex.Replace(json, @"\\u([0-9a-fA-F]{4})", m => ((char)int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString());
}
