using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Testing;

namespace Myna.Web.Tests.Residents;

/// <summary>
/// DOMAIN §9: with the protection flag set, no page or endpoint that can show an address shows
/// it (or the registered residence) to anyone but the support-measure officer.
/// </summary>
public sealed class ProtectedAddressTests
{
    private const string Refuge = "宮城県仙台市青葉区一番町四丁目9番9号 シェルター";

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task EveryPageAndEndpoint_WithholdsTheProtectedAddress_FromAllButTheOfficer(string provider)
    {
        await using var factory = await MynaWebFactory.CreateAsync(provider, residents: 60);
        await using var db = factory.Stores.OpenMunicipal();
        // Someone living alone at the address, so no unprotected neighbour shows the same address.
        var all = await db.Residents.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        var resident = all.First(r => all.Count(o => o.Town == r.Town && o.Block == r.Block) == 1);
        var secrets = new[] { resident.Town + resident.Block, Refuge };

        using var officer = await ApiClient.SignedInAsync(factory, "officer", "officer-demo-2026");
        using var clerkApi = await ApiClient.SignedInAsync(factory);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await clerkApi.PutAsJsonAsync($"/api/v1/residents/{resident.Id}/address-protection", new { @protected = true, reason = "x" })).StatusCode);
        var set = await officer.PutAsJsonAsync($"/api/v1/residents/{resident.Id}/address-protection",
            new { @protected = true, reason = "DV等支援措置申出書（警察署意見あり）" });
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        // The measure itself (§9's one rule), which the mail, lifecycle and letter paths read; the flag above still drives
        // the register's paths until they read the rule too.
        await factory.Stores.Runtime.SupportMeasureDesk(TestStores.Ishinomaki).CreateAsync(db, new Myna.Data.SupportMeasures.SupportMeasureApplication(
            resident.Id, Myna.Core.SupportMeasures.SupportMeasureKind.DomesticViolence, Myna.Core.SupportMeasures.SupportBasisKind.Police, "石巻警察署",
            Myna.Core.Calendar.JapanClock.Today(TimeProvider.System).AddDays(-1), null, null, null, [], []), "officer");
        var registered = await clerkApi.PostAsJsonAsync($"/api/v1/residents/{resident.Id}/residences", new
        {
            reason = "AbuseVictim", delivery = "Residence", address = Refuge, idDocumentChecked = true, deliveryProofChecked = true,
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

        // The notice goes to the refuge; the person applies for a card.
        await factory.Stores.Runtime.NoticeGeneration(TestStores.Ishinomaki).RunAsync(db, new DateOnly(2026, 11, 24), "test");
        var notice = await db.Notices.AsNoTracking().SingleAsync(n => n.ResidentId == resident.Id);
        var envelope = await db.NoticeEnvelopes.AsNoTracking().SingleAsync(e => e.Id == notice.EnvelopeId);
        Assert.Equal(Refuge, envelope.Address);
        await factory.Stores.Runtime.MailTracking(TestStores.Ishinomaki).RecordMailNumbersAsync(db, [(envelope.BatchId, envelope.Sequence, "555566667777")], "test");
        var returned = await clerkApi.PostAsJsonAsync("/api/v1/mail/returns", new { scan = "555566667777", reason = "AddresseeUnknown" });
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        var applied = await clerkApi.PostAsync("/api/v1/applications",
            Applications.ApplicationsApiTests.Form(notice.ApplicationId, TestPhotos.Jpeg(), ("channel", "Mail"), ("legalRepresentative", "法定　代理人")));
        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        var applicationId = (await applied.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        // Every place that can show an address, as an API client and as a signed-in clerk in the browser.
        using var clerkPages = await PageClient.SignedInAsync(factory, "clerk", "clerk-demo-2026");
        var token = await PageClient.TokenAsync(clerkPages, "/");
        var views = new Dictionary<string, string>
        {
            ["api get"] = await clerkApi.GetStringAsync($"/api/v1/residents/{resident.Id}"),
            ["api search by name"] = await clerkApi.GetStringAsync($"/api/v1/residents?name={Uri.EscapeDataString(resident.FamilyNameKana + resident.GivenNameKana)}"),
            ["api search by code"] = await (await clerkApi.PostAsJsonAsync("/api/v1/residents/search", new { identifier = resident.ResidentCode })).Content.ReadAsStringAsync(),
            ["api search by address"] = await clerkApi.GetStringAsync($"/api/v1/residents?address={Uri.EscapeDataString(resident.Town + resident.Block)}&pageSize=100"),
            ["resident page"] = await clerkPages.GetStringAsync($"/residents/{resident.Id}"),
            ["mail return answer"] = await returned.Content.ReadAsStringAsync(),
            ["api envelope"] = await clerkApi.GetStringAsync($"/api/v1/mail/envelopes/{envelope.Id}"),
            ["api returns due"] = await clerkApi.GetStringAsync("/api/v1/mail/due?days=92"),
            ["envelope page"] = await clerkPages.GetStringAsync($"/mail/envelopes/{envelope.Id}"),
            ["mail desk"] = await clerkPages.GetStringAsync("/mail"),
            ["api application"] = await clerkApi.GetStringAsync($"/api/v1/applications/{applicationId}"),
            ["application page"] = await clerkPages.GetStringAsync($"/applications/{applicationId}"),
            ["application intake"] = await clerkPages.GetStringAsync($"/applications/intake?applicationId={notice.ApplicationId}"),
            ["search page by name"] = await clerkPages.GetStringAsync($"/?name={Uri.EscapeDataString(resident.FamilyName + resident.GivenName)}"),
            ["search page by code"] = await (await clerkPages.PostAsync("/", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["identifier"] = resident.ResidentCode, ["__RequestVerificationToken"] = token,
            }))).Content.ReadAsStringAsync(),
        };
        foreach (var (view, body) in views)
        {
            foreach (var secret in secrets)
            {
                Assert.False(body.Contains(secret, StringComparison.Ordinal) || JsonUnescaped(body).Contains(secret, StringComparison.Ordinal),
                    $"{view} shows a protected address");
            }
        }
        Assert.Contains("支援措置", views["resident page"], StringComparison.Ordinal); // the flag itself is visible to every department
        Assert.Contains(resident.ResidentCode, views["search page by code"], StringComparison.Ordinal); // the person is found, only the address is withheld
        // Searching by the address does not find the person (a hit would confirm where they live).
        var searched = JsonDocument.Parse(views["api search by address"]).RootElement.GetProperty("items").EnumerateArray();
        Assert.DoesNotContain(searched, i => i.GetProperty("id").GetInt64() == resident.Id);
        var searchPage = await clerkPages.GetStringAsync($"/?address={Uri.EscapeDataString(resident.Town + resident.Block)}");
        Assert.DoesNotContain(resident.ResidentCode, searchPage, StringComparison.Ordinal);

        // The officer sees it, and sees the attempts.
        var full = await officer.GetStringAsync($"/api/v1/residents/{resident.Id}");
        Assert.Contains(resident.Town, JsonUnescaped(full), StringComparison.Ordinal);
        Assert.Contains(Refuge, JsonUnescaped(full), StringComparison.Ordinal);
        var attempts = await db.AuditRecords.CountAsync(a => a.Action == AuditActions.ProtectedAddressRefused && a.Actor == "clerk");
        Assert.True(attempts >= 4, $"{attempts} withheld reads were logged");
        foreach (var where in new[] { "returned mail", "returned mail due", "card application", "application intake" })
        {
            Assert.True(await db.AuditRecords.AnyAsync(a => a.Action == AuditActions.ProtectedAddressRefused && a.Actor == "clerk" && a.Detail == where),
                $"a withheld read on {where} is not logged");
        }
        Assert.Contains(Refuge, JsonUnescaped(await officer.GetStringAsync($"/api/v1/mail/envelopes/{envelope.Id}")), StringComparison.Ordinal);
    }

    private static string JsonUnescaped(string body) => System.Text.RegularExpressions.Regex.Unescape(body);
}
