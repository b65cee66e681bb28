using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Identifiers;
using Myna.Core.Residents;
using Myna.Core.SupportMeasures;
using Myna.Hosting.Demo;
using Myna.Municipal.SupportMeasures;
using Myna.Testing;

namespace Myna.Web.Tests.Residents;

/// <summary>
/// DOMAIN §9 through the real host, on the register's paths: a measure covers one person, and neither they nor the household
/// members who live with them have their address shown — on the resident page, the API, a search by address, name or household,
/// the household table, an application — to a clerk, a supervisor or an administrator, at either municipality. Every answer
/// carries the flag; each withheld read is logged with its path; the officer sees the address; the window serves the person.
/// </summary>
public sealed class ProtectedAddressTests
{
    private static readonly DateOnly Today = Core.Calendar.JapanClock.Today(TimeProvider.System);

    private static readonly (string User, string Password)[] Staff =
        [("clerk", "clerk-demo-2026"), ("supervisor", "supervisor-demo-2026"), ("admin", "admin-demo-2026")];

    private sealed record Protected(MunicipalityCode Code, Resident Applicant, Resident Member, string HouseholdCode, string Secret);

    /// <summary>At each municipality, a measure on the head of a household of two or more that nobody else shares an address with.</summary>
    private static async Task<List<Protected>> ProtectHouseholdsAsync(MynaWebFactory factory)
    {
        var runtime = factory.Stores.Runtime;
        var load = await DemoSetup.LoadResidentsAsync(runtime, TestStores.Higashimatsushima, 60, seed: 9, "test");
        Assert.True(load.Result.Succeeded);
        var result = new List<Protected>();
        foreach (var code in new[] { TestStores.Ishinomaki, TestStores.Higashimatsushima })
        {
            await using var db = factory.Stores.OpenMunicipal(code);
            var all = await db.Residents.AsNoTracking().Include(r => r.Household).OrderBy(r => r.Id).ToListAsync();
            var household = all.GroupBy(r => r.HouseholdId)
                .First(g => g.Count() >= 2 && all.Count(o => o.Town == g.First().Town && o.Block == g.First().Block) == g.Count()).ToList();
            await runtime.SupportMeasureDesk(code).CreateAsync(db, new SupportMeasureApplication(household[0].Id, SupportMeasureKind.DomesticViolence,
                SupportBasisKind.SupportCentre, "宮城県女性相談センター", Today, null, null, null, [], []), "officer");
            result.Add(new Protected(code, household[0], household[1], household[0].Household!.HouseholdCode, household[0].Town + household[0].Block));
        }
        return result;
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task HouseholdMember_PageApiSearchAndHouseholdTable_WithholdTheAddressFromEveryStaffRole_AtBothMunicipalities(string provider)
    {
        await using var factory = await MynaWebFactory.CreateAsync(provider, residents: 60, neighbour: true);
        foreach (var p in await ProtectHouseholdsAsync(factory))
        {
            var m = p.Member;
            foreach (var (user, password) in Staff)
            {
                using var api = await ApiClient.SignedInAsync(factory, user, password, p.Code.Value);
                using var pages = await PageClient.SignedInAsync(factory, user, password, p.Code.Value);
                var detail = await api.GetStringAsync($"/api/v1/residents/{m.Id}");
                var views = new Dictionary<string, string>
                {
                    ["api detail"] = detail,
                    ["api search by address"] = await api.GetStringAsync($"/api/v1/residents?address={Uri.EscapeDataString(p.Secret)}&pageSize=100"),
                    ["api search by household"] = await api.GetStringAsync($"/api/v1/residents?household={p.HouseholdCode}"),
                    ["api search by name"] = await api.GetStringAsync($"/api/v1/residents?name={Uri.EscapeDataString(m.FamilyNameKana + m.GivenNameKana)}"),
                    ["api search by code"] = await (await api.PostAsJsonAsync("/api/v1/residents/search", new { identifier = m.ResidentCode })).Content.ReadAsStringAsync(),
                    ["resident page"] = await pages.GetStringAsync($"/residents/{m.Id}"),
                    ["applicant's page"] = await pages.GetStringAsync($"/residents/{p.Applicant.Id}"),
                    ["search page by address"] = await pages.GetStringAsync($"/?address={Uri.EscapeDataString(p.Secret)}"),
                    ["search page by name"] = await pages.GetStringAsync($"/?name={Uri.EscapeDataString(m.FamilyName + m.GivenName)}"),
                };
                foreach (var (view, body) in views)
                {
                    // The search page gives back what the clerk typed into its own field; that is not a read of the register.
                    var echo = $"value=\"{p.Secret}\"";
                    Assert.False(Unescaped(body).Replace(echo, "", StringComparison.Ordinal).Contains(p.Secret, StringComparison.Ordinal), $"{view} shows a withheld address to {user} at {p.Code}");
                }

                // The flag comes with every answer about the person, the placeholder in place of each household member's address.
                var json = JsonDocument.Parse(detail).RootElement;
                Assert.True(json.GetProperty("addressWithheld").GetBoolean());
                Assert.False(json.GetProperty("supportMeasureCovered").GetBoolean());
                Assert.Equal(AddressProtection.Hidden, json.GetProperty("town").GetString());
                Assert.All(json.GetProperty("household").EnumerateArray(), h =>
                    Assert.Equal((AddressProtection.Hidden, true), (h.GetProperty("address").GetString(), h.GetProperty("addressWithheld").GetBoolean())));
                var byCode = JsonDocument.Parse(views["api search by code"]).RootElement.GetProperty("items").EnumerateArray().Single();
                Assert.True(byCode.GetProperty("addressWithheld").GetBoolean());
                Assert.DoesNotContain(JsonDocument.Parse(views["api search by address"]).RootElement.GetProperty("items").EnumerateArray(),
                    i => i.GetProperty("id").GetInt64() == m.Id || i.GetProperty("id").GetInt64() == p.Applicant.Id);
                Assert.DoesNotContain(m.ResidentCode, views["search page by address"], StringComparison.Ordinal);
                Assert.Contains("支援措置により住所非表示", views["resident page"], StringComparison.Ordinal);
                Assert.Contains("支援措置対象", views["applicant's page"], StringComparison.Ordinal);
                Assert.DoesNotContain("/support-measures/new", views["resident page"], StringComparison.Ordinal);
            }
            await using var db = factory.Stores.OpenMunicipal(p.Code);
            foreach (var (user, _) in Staff)
            {
                foreach (var where in new[] { "GET /api/v1/residents/{id}", "resident page", "GET /api/v1/residents", "POST /api/v1/residents/search" })
                {
                    Assert.True(await db.AuditRecords.AnyAsync(a => a.Action == AuditActions.ProtectedAddressRefused && a.Actor == user && a.Detail == where),
                        $"{user}'s withheld read on {where} at {p.Code} is not logged");
                }
            }

            // The officer sees the address, with the flag, and is offered the measure pages.
            using var officer = await ApiClient.SignedInAsync(factory, "officer", "officer-demo-2026", p.Code.Value);
            using var officerPages = await PageClient.SignedInAsync(factory, "officer", "officer-demo-2026", p.Code.Value);
            var seen = JsonDocument.Parse(await officer.GetStringAsync($"/api/v1/residents/{m.Id}")).RootElement;
            Assert.Equal((m.Town, true), (seen.GetProperty("town").GetString(), seen.GetProperty("addressWithheld").GetBoolean()));
            var page = await officerPages.GetStringAsync($"/residents/{m.Id}");
            Assert.Contains(p.Secret, Unescaped(page).Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Contains($"/support-measures/new?resident={m.Id}", page, StringComparison.Ordinal);
            Assert.Contains($"/support-measures?resident={m.Id}", page, StringComparison.Ordinal);
            Assert.DoesNotContain("address-protection", page, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Window_AfterTheHoldersOwnIdentityIsVerified_ShowsTheAddressAndLogsAServedRead_TheApplicationCarriesTheFlag(string provider)
    {
        await using var factory = await MynaWebFactory.CreateAsync(provider, residents: 40);
        var runtime = factory.Stores.Runtime;
        await DemoSetup.EnsureNationalAsync(runtime, TextWriter.Null);
        await using var db = factory.Stores.OpenMunicipal();
        await runtime.NoticeGeneration(TestStores.Ishinomaki).RunAsync(db, Today, "test");
        var notices = await DemoIssuance.EnsureAsync(runtime, TestStores.Ishinomaki, Documents.Demo.DemoPortrait.Jpeg, TextWriter.Null, cards: 4);
        var window = runtime.WindowDesk(TestStores.Ishinomaki);
        var started = await window.StartAsync(db, notices[0].Number, desk: 2, "clerk");
        var holder = await db.Residents.AsNoTracking().SingleAsync(r => r.Id == started.Card.ResidentId);
        await runtime.SupportMeasureDesk(TestStores.Ishinomaki).CreateAsync(db, new SupportMeasureApplication(holder.Id, SupportMeasureKind.ChildAbuse,
            SupportBasisKind.ChildGuidanceCentre, "石巻児童相談所", Today, null, null, null, [], []), "officer");
        var secret = holder.Town + holder.Block;
        using var pages = await PageClient.SignedInAsync(factory, "clerk", "clerk-demo-2026");
        using var api = await ApiClient.SignedInAsync(factory);

        var before = await pages.GetStringAsync($"/window/{started.Issuance.Id}");
        await window.VerifyIdentityAsync(db, started.Issuance.Id, new Core.Issuance.VerificationCase(false,
            [new Core.Issuance.PresentedDocument("drivers-license"), new Core.Issuance.PresentedDocument("passport")], Today), "{}", null, null);
        var after = await pages.GetStringAsync($"/window/{started.Issuance.Id}");
        var applicationRow = await db.Cards.AsNoTracking().Where(c => c.Id == started.Card.Id).Select(c => c.CardApplicationId).SingleAsync();
        var application = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/applications/{applicationRow}")).RootElement;

        Assert.DoesNotContain(secret, Unescaped(before).Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(AddressProtection.Hidden, before, StringComparison.Ordinal);
        Assert.Contains(secret, Unescaped(after).Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("本人確認済み", after, StringComparison.Ordinal);
        var subject = "resident:" + holder.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await db.AuditRecords.AnyAsync(a => a.Action == AuditActions.ProtectedAddressServed && a.Actor == "clerk" && a.Subject == subject
            && a.Detail == "window (identity verified)"));
        Assert.True(await db.AuditRecords.AnyAsync(a => a.Action == AuditActions.ProtectedAddressRefused && a.Actor == "clerk" && a.Subject == subject
            && a.Detail == "window (identity not verified)"));
        Assert.Equal(holder.Id, application.GetProperty("residentId").GetInt64());
        Assert.Equal((AddressProtection.Hidden, true), (application.GetProperty("address").GetString(), application.GetProperty("addressWithheld").GetBoolean()));
        Assert.True(await db.AuditRecords.AnyAsync(a => a.Action == AuditActions.ProtectedAddressRefused && a.Subject == subject
            && a.Detail == "GET /api/v1/applications/{id}"));
    }

    /// <summary>The text as a person reads it: JSON escapes and HTML entities undone.</summary>
    private static string Unescaped(string body) => body.TrimStart().StartsWith('{')
        ? System.Text.RegularExpressions.Regex.Unescape(body)
        : System.Net.WebUtility.HtmlDecode(body);
}
