using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Calendar;
using Myna.Core.Residents;
using Myna.Core.SupportMeasures;
using Myna.Testing;

namespace Myna.Web.Tests.SupportMeasures;

/// <summary>
/// The support-measure officer's work through the real host (DOMAIN §9): a measure created, extended, relaxed and
/// lifted on the pages and through the API; the bad input of issue 17 refused with the field and nothing written;
/// the withheld reads a clerk caused listed for the officer.
/// </summary>
public sealed class SupportMeasureOfficerTests
{
    private const string Officer = "officer", OfficerPassword = "officer-demo-2026";

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Pages_CreateExtendRelaxLift_EachStepRecordedAndShown(string provider)
    {
        await using var factory = await MynaWebFactory.CreateAsync(provider, residents: 60);
        var (applicant, member) = await HouseholdAsync(factory);
        var today = JapanClock.Today(TimeProvider.System);
        using var client = await PageClient.SignedInAsync(factory, Officer, OfficerPassword);

        var form = await client.GetStringAsync($"/support-measures/new?resident={applicant.Id}");
        Assert.Contains($"value=\"{member.Id}\"", form, StringComparison.Ordinal); // the household member is offered
        var created = await PostAsync(client, $"/support-measures/new?resident={applicant.Id}", form, new()
        {
            ["Form.Kind"] = "DomesticViolence", ["Form.BasisKind"] = "Police", ["Form.BasisBody"] = "石巻警察署",
            ["Form.BasisDate"] = JapaneseDate.Format(today.AddDays(-2)), ["Form.StartsOn"] = JapaneseDate.Format(today), ["Form.EndsOn"] = "",
            ["Form.MemberIds"] = member.Id.ToString(CultureInfo.InvariantCulture),
            ["Form.Offenders[0].Name"] = "加害　太郎", ["Form.Offenders[0].BirthDate"] = "S55.2.17", ["Form.Offenders[0].Relationship"] = "元夫",
        });
        var page = await created.Content.ReadAsStringAsync();
        Assert.Contains("支援措置を開始しました", page, StringComparison.Ordinal);
        var id = long.Parse(created.RequestMessage!.RequestUri!.AbsolutePath.Split('/')[^1], CultureInfo.InvariantCulture);
        await using (var db = factory.Stores.OpenMunicipal())
        {
            var m = await db.SupportMeasures.AsNoTracking().Include(x => x.People).Include(x => x.Offenders).SingleAsync(x => x.Id == id);
            Assert.Equal(SupportMeasureDesk_DefaultEnd(today), m.EndsOn); // §9: one year
            Assert.Equal([applicant.ResidentCode, member.ResidentCode], m.People.OrderBy(p => p.Role).Select(p => p.ResidentCode));
            Assert.Equal(new DateOnly(1980, 2, 17), m.Offenders.Single().BirthDate);
        }

        var newEnd = SupportMeasureDesk_DefaultEnd(today).AddMonths(6);
        var extended = await PostAsync(client, $"/support-measures/{id}?handler=Extend", page, new() { ["newEnd"] = JapaneseDate.Format(newEnd), ["reason"] = "継続の申出" });
        page = await extended.Content.ReadAsStringAsync();
        Assert.Contains("終了日を延長しました", page, StringComparison.Ordinal);
        var relaxed = await PostAsync(client, $"/support-measures/{id}?handler=Relax", page,
            new() { ["residentId"] = member.Id.ToString(CultureInfo.InvariantCulture), ["reason"] = "本人が転居予定のため" });
        page = await relaxed.Content.ReadAsStringAsync();
        Assert.Contains("対象外にしました", page, StringComparison.Ordinal);

        // Lifting is never one click: the first post only asks.
        var asked = await PostAsync(client, $"/support-measures/{id}?handler=Lift", page, new() { ["reason"] = "申出者からの解除の申出" });
        page = await asked.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"sm-lift-question\"", page, StringComparison.Ordinal);
        await using (var db = factory.Stores.OpenMunicipal())
        {
            Assert.Equal(SupportMeasureState.Active, (await db.SupportMeasures.AsNoTracking().SingleAsync(x => x.Id == id)).State);
        }
        var lifted = await PostAsync(client, $"/support-measures/{id}?handler=Lift", page, new() { ["reason"] = "申出者からの解除の申出", ["confirmed"] = "true" });
        page = await lifted.Content.ReadAsStringAsync();
        Assert.Contains("支援措置を解除しました", page, StringComparison.Ordinal);

        // An extension of a lifted measure is refused, with the field, in Japanese; nothing changes.
        var refused = await PostAsync(client, $"/support-measures/{id}?handler=Extend", page, new() { ["newEnd"] = "", ["reason"] = "x" });
        var refusal = await refused.Content.ReadAsStringAsync();
        Assert.Contains("data-field=\"measureId\"", refusal, StringComparison.Ordinal);
        Assert.Contains("すでに解除されています", refusal, StringComparison.Ordinal);

        await using (var db = factory.Stores.OpenMunicipal())
        {
            var m = await db.SupportMeasures.AsNoTracking().Include(x => x.People).SingleAsync(x => x.Id == id);
            Assert.Equal(newEnd, m.EndsOn);
            Assert.Equal(SupportMeasureState.Lifted, m.State);
            Assert.Equal("申出者からの解除の申出", m.LiftReason);
            Assert.Equal(today.AddDays(-1), m.People.Single(p => p.ResidentCode == member.ResidentCode).CoveredUntil);
            var history = await db.SupportMeasureEvents.AsNoTracking().Where(e => e.MeasureId == id).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync();
            Assert.Equal([SupportMeasureEventKind.Created, SupportMeasureEventKind.Extended, SupportMeasureEventKind.Relaxed, SupportMeasureEventKind.Lifted], history);
            Assert.Equal(4, await db.AuditRecords.CountAsync(a => a.Actor == Officer && a.Action.StartsWith("support-measure.")));
        }
        var list = await client.GetStringAsync("/support-measures?state=Ended");
        Assert.Contains("SM-042021-", list, StringComparison.Ordinal);
        Assert.Contains("解除", list, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Pages_BadInput_RefusedWithTheFieldInJapanese_KeepsWhatWasTyped_WritesNothing(string provider)
    {
        await using var factory = await MynaWebFactory.CreateAsync(provider, residents: 40);
        var (applicant, _) = await HouseholdAsync(factory);
        var today = JapanClock.Today(TimeProvider.System);
        using var client = await PageClient.SignedInAsync(factory, Officer, OfficerPassword);
        var url = $"/support-measures/new?resident={applicant.Id}";
        var form = await client.GetStringAsync(url);
        Dictionary<string, string> Good() => new()
        {
            ["Form.Kind"] = "Stalking", ["Form.BasisKind"] = "SupportCentre", ["Form.BasisBody"] = "宮城県女性相談センター",
            ["Form.BasisDate"] = JapaneseDate.Format(today), ["Form.StartsOn"] = JapaneseDate.Format(today),
            // The form posts every row; the first is left empty, so the refusal must name the second.
            ["Form.Offenders[0].Name"] = "", ["Form.Offenders[1].Name"] = "鈴木一郎",
        };
        var cases = new (string Name, Action<Dictionary<string, string>> Change, string Field, string Words)[]
        {
            ("no basis", f => { f.Remove("Form.BasisBody"); f.Remove("Form.BasisDate"); }, "basis", "支援の必要性の確認が必要です"),
            ("end before start", f => f["Form.EndsOn"] = JapaneseDate.Format(today.AddDays(-1)), "endsOn", "終了日が開始日より前"),
            ("offender who is the applicant", f => { f["Form.Offenders[1].Name"] = applicant.FamilyName + applicant.GivenName; f["Form.Offenders[1].BirthDate"] = applicant.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture); },
                "offenders[1]", "加害者に申出者"),
            // The date's own reason, from the catalogue, in Japanese.
            ("unreadable date", f => f["Form.BasisDate"] = "きのう", "basisDate", JapaneseDate.TryParse("きのう", out _, out var dateError) ? "" : dateError.Ja),
        };
        foreach (var (name, change, field, words) in cases)
        {
            var values = Good();
            change(values);
            var response = await PostAsync(client, url, form, values);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK && response.RequestMessage!.RequestUri!.AbsolutePath == "/support-measures/new", name);
            Assert.True(html.Contains($"data-field=\"{field}\"", StringComparison.Ordinal), $"{name}: the field {field} is not named");
            Assert.True(WebUtility.HtmlDecode(html).Contains(words, StringComparison.Ordinal), $"{name}: the reason is not given in Japanese");
            Assert.True(html.Contains("value=\"Stalking\" selected", StringComparison.Ordinal), $"{name}: the kind chosen is lost");
            Assert.True(html.Contains(values["Form.Offenders[1].Name"], StringComparison.Ordinal), $"{name}: the offender typed is lost");
        }
        await using var db = factory.Stores.OpenMunicipal();
        Assert.Equal(0, await db.SupportMeasures.CountAsync());
        Assert.Equal(0, await db.SupportMeasureEvents.CountAsync());
        Assert.Equal(0, await db.AuditRecords.CountAsync(a => a.Action.StartsWith("support-measure.")));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Api_CreateExtendRelaxLift_AndBadInput_RefusedWithTheField(string provider)
    {
        await using var factory = await MynaWebFactory.CreateAsync(provider, residents: 40);
        var (applicant, member) = await HouseholdAsync(factory);
        var today = JapanClock.Today(TimeProvider.System);
        using var officer = await ApiClient.SignedInAsync(factory, Officer, OfficerPassword);
        using var clerk = await ApiClient.SignedInAsync(factory);
        var request = new Dictionary<string, object?>
        {
            ["applicantId"] = applicant.Id, ["kind"] = "ChildAbuse", ["basisKind"] = "ChildGuidanceCentre", ["basisBody"] = "宮城県東部児童相談所",
            ["basisDate"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["memberIds"] = new[] { member.Id },
            ["offenders"] = new[] { new { name = "加害　花子", relationship = "母" } },
        };

        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsJsonAsync("/api/v1/support-measures", request)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/v1/support-measures/withheld-reads")).StatusCode);
        await AssertRefusedAsync(await officer.PostAsJsonAsync("/api/v1/support-measures", With(request, "basisBody", null)), "basis");
        await AssertRefusedAsync(await officer.PostAsJsonAsync("/api/v1/support-measures",
            With(request, "endsOn", today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))), "endsOn");
        await AssertRefusedAsync(await officer.PostAsJsonAsync("/api/v1/support-measures",
            With(request, "offenders", new[] { new { name = applicant.FamilyName + "　" + applicant.GivenName } })), "offenders[0]");
        await using (var db = factory.Stores.OpenMunicipal())
        {
            Assert.Equal(0, await db.SupportMeasures.CountAsync());
        }

        var created = await officer.PostAsJsonAsync("/api/v1/support-measures", request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var measure = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = measure.GetProperty("id").GetInt64();
        Assert.Equal(2, measure.GetProperty("people").GetArrayLength());
        Assert.Equal(created.Headers.Location!.ToString(), $"/api/v1/support-measures/{id}");

        var extended = await officer.PostAsJsonAsync($"/api/v1/support-measures/{id}/extend", new { reason = "継続" });
        Assert.Equal(HttpStatusCode.OK, extended.StatusCode);
        Assert.Equal(SupportMeasureDesk_DefaultEnd(today).AddYears(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            (await extended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("endsOn").GetString());
        await AssertRefusedAsync(await officer.PostAsJsonAsync($"/api/v1/support-measures/{id}/relax", new { residentId = member.Id }), "reason");
        var relaxed = await officer.PostAsJsonAsync($"/api/v1/support-measures/{id}/relax", new { residentId = member.Id, reason = "別居" });
        Assert.Equal(HttpStatusCode.OK, relaxed.StatusCode);
        Assert.False((await relaxed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("people").EnumerateArray()
            .Single(p => p.GetProperty("residentId").GetInt64() == member.Id).GetProperty("covered").GetBoolean());
        var lifted = await officer.PostAsJsonAsync($"/api/v1/support-measures/{id}/lift", new { reason = "解除の申出" });
        Assert.Equal("Lifted", (await lifted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        await AssertRefusedAsync(await officer.PostAsJsonAsync($"/api/v1/support-measures/{id}/extend", new { reason = "x" }), "measureId");
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync("/api/v1/support-measures/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.PostAsJsonAsync("/api/v1/support-measures/999999/lift", new { reason = "x" })).StatusCode);

        var ended = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/support-measures?state=ended&residentId={member.Id}");
        Assert.Equal(id, ended.EnumerateArray().Single().GetProperty("id").GetInt64());
        Assert.Equal(0, (await officer.GetFromJsonAsync<JsonElement>("/api/v1/support-measures")).GetArrayLength());
        await using (var db = factory.Stores.OpenMunicipal())
        {
            var m = await db.SupportMeasures.AsNoTracking().SingleAsync();
            Assert.Equal(SupportMeasureDesk_DefaultEnd(today).AddYears(1), m.EndsOn); // the refused extension wrote nothing
            Assert.Equal(4, await db.SupportMeasureEvents.CountAsync());
        }
    }

    [Fact]
    public async Task WithheldReads_AClerkOpensAProtectedResidentsPage_TheOfficerSeesWhoWhenWhichPathWhom()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 40);
        var (applicant, _) = await HouseholdAsync(factory);
        var today = JapanClock.Today(TimeProvider.System);
        using var officer = await ApiClient.SignedInAsync(factory, Officer, OfficerPassword);
        var created = await officer.PostAsJsonAsync("/api/v1/support-measures", new
        {
            applicantId = applicant.Id, kind = "DomesticViolence", basisKind = "Police", basisBody = "石巻警察署",
            basisDate = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var clerk = await PageClient.SignedInAsync(factory, "clerk", "clerk-demo-2026");
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync($"/residents/{applicant.Id}")).StatusCode);

        var reads = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/support-measures/withheld-reads?actor=clerk&residentId={applicant.Id}");
        var read = reads.GetProperty("items").EnumerateArray().First();
        Assert.Equal("clerk", read.GetProperty("actor").GetString());
        Assert.Equal("refused", read.GetProperty("result").GetString());
        Assert.Contains(read.GetProperty("residents").EnumerateArray(), r => r.GetProperty("id").GetInt64() == applicant.Id);
        var path = read.GetProperty("path").GetString()!;
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(reads.GetProperty("total").GetInt32(),
            (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/support-measures/withheld-reads?actor=clerk&residentId={applicant.Id}&path={Uri.EscapeDataString(path)}&from={day}&to={day}"))
            .GetProperty("total").GetInt32());
        Assert.Equal(0, (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/support-measures/withheld-reads?actor=supervisor")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/support-measures/withheld-reads?from={today.AddDays(1):yyyy-MM-dd}")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.GetAsync("/api/v1/support-measures/withheld-reads?from=yesterday")).StatusCode);

        using var officerPages = await PageClient.SignedInAsync(factory, Officer, OfficerPassword);
        var list = await officerPages.GetStringAsync($"/support-measures?who=clerk&resident={applicant.Id}");
        var row = list[list.IndexOf("data-testid=\"sm-reads-table\"", StringComparison.Ordinal)..];
        Assert.Contains(">clerk</a>", row, StringComparison.Ordinal);
        Assert.Contains(applicant.FamilyName, row, StringComparison.Ordinal);
        Assert.Contains(Web.Infrastructure.SupportMeasureWords.Path(new Web.Infrastructure.UiText("ja"), path), row, StringComparison.Ordinal); // the path in Japanese
        Assert.Contains("非表示（拒否）", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prompts_ASharerNotCovered_IsListedAndRemindedUntilTheMeasureCoversThem()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 40);
        var (applicant, member) = await HouseholdAsync(factory);
        var today = JapanClock.Today(TimeProvider.System);
        using var officer = await ApiClient.SignedInAsync(factory, Officer, OfficerPassword);
        var created = await officer.PostAsJsonAsync("/api/v1/support-measures", new
        {
            applicantId = applicant.Id, kind = "DomesticViolence", basisKind = "Police", basisBody = "石巻警察署",
            basisDate = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), endsOn = today.AddDays(20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        using var pages = await PageClient.SignedInAsync(factory, Officer, OfficerPassword);

        var home = await pages.GetStringAsync("/");
        Assert.Contains("1か月以内に終了する支援措置: 1 件", home, StringComparison.Ordinal);
        Assert.Contains("措置の対象外の同居者", home, StringComparison.Ordinal);
        var desk = await pages.GetStringAsync("/support-measures");
        Assert.Contains("data-ending-soon=\"true\"", desk, StringComparison.Ordinal);
        Assert.Contains($"name=\"residentId\" value=\"{member.Id}\"", desk, StringComparison.Ordinal);
        var prompts = await officer.GetFromJsonAsync<JsonElement>("/api/v1/support-measures/prompts");
        Assert.Contains(prompts.EnumerateArray(), p => p.GetProperty("residentId").GetInt64() == member.Id && p.GetProperty("measureId").GetInt64() == id);
        Assert.Equal(id, (await officer.GetFromJsonAsync<JsonElement>("/api/v1/support-measures?endingWithinDays=31"))[0].GetProperty("id").GetInt64());

        var extended = await PostAsync(pages, "/support-measures?handler=ExtendTo", desk,
            new() { ["measureId"] = id.ToString(CultureInfo.InvariantCulture), ["residentId"] = member.Id.ToString(CultureInfo.InvariantCulture) });
        Assert.Contains("対象者を追加しました", await extended.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        prompts = await officer.GetFromJsonAsync<JsonElement>("/api/v1/support-measures/prompts");
        Assert.DoesNotContain(prompts.EnumerateArray(), p => p.GetProperty("residentId").GetInt64() == member.Id);
        using var clerkPages = await PageClient.SignedInAsync(factory, "clerk", "clerk-demo-2026");
        Assert.DoesNotContain("sm-reminder", await clerkPages.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerkPages.GetAsync("/support-measures")).StatusCode);
    }

    /// <summary>A resident living with at least one other household member (the applicant, and the one who shares the address).</summary>
    private static async Task<(Resident Applicant, Resident Member)> HouseholdAsync(MynaWebFactory factory)
    {
        await using var db = factory.Stores.OpenMunicipal();
        var all = await db.Residents.AsNoTracking().Where(r => r.Status == ResidentStatus.Active).OrderBy(r => r.Id).ToListAsync();
        var household = all.GroupBy(r => r.HouseholdId).First(g => g.Count() >= 2).ToList();
        return (household[0], household[1]);
    }

    private static DateOnly SupportMeasureDesk_DefaultEnd(DateOnly start) => Myna.Municipal.SupportMeasures.SupportMeasureDesk.DefaultEnd(start);

    private static Dictionary<string, object?> With(Dictionary<string, object?> request, string key, object? value) => new(request) { [key] = value };

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.StartsWith("support-measure.", problem.GetProperty("code").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string html, Dictionary<string, string> values)
    {
        values["__RequestVerificationToken"] = PageClient.Token(html);
        return client.PostAsync(url, new FormUrlEncodedContent(values));
    }
}
