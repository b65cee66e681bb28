using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.SupportMeasures;
using Myna.Municipal.SupportMeasures;
using Myna.Testing;

namespace Myna.Web.Tests.SupportMeasures;

/// <summary>
/// DOMAIN §9, the failures of seed 001 made impossible: a copy of the resident record or of the
/// family-register attachment given to the offender or the offender's lawyer, and a court's request
/// answered through a party. Through the real host, as the window clerk calls it before printing.
/// </summary>
public sealed class SupportMeasureCheckApiTests
{
    private static readonly object Offender = new { name = "加害 太郎", nameReading = "かがい たろう", birthDate = "昭和55年1月1日" };

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Check_OffenderAndTheirLawyer_AreRefusedAndTheCourtIsAnsweredDirectly(string provider)
    {
        await using var factory = await MynaWebFactory.CreateAsync(provider, residents: 10);
        await using var db = factory.Stores.OpenMunicipal();
        var victim = await db.Residents.AsNoTracking().OrderBy(r => r.Id).FirstAsync();
        var today = Myna.Core.Calendar.JapanClock.Today(TimeProvider.System);
        var measure = await factory.Stores.Runtime.SupportMeasureDesk(TestStores.Ishinomaki).CreateAsync(db, new SupportMeasureApplication(victim.Id,
            SupportMeasureKind.DomesticViolence, SupportBasisKind.Police, "石巻警察署", today.AddDays(-1), null, null, null, [],
            [new OffenderInput("加害　太郎", "カガイ　タロウ", new DateOnly(1980, 1, 1))]), "officer");
        using var clerk = await ApiClient.SignedInAsync(factory);
        string[] about = [victim.ResidentCode];

        var answers = new Dictionary<string, JsonElement>
        {
            ["copy to the offender"] = await CheckAsync(clerk, new { document = "resident-record-copy", requester = new
            {
                kind = "third-party", name = "加害 太郎", birthDate = "1980-01-01", identityVerified = true, purpose = "親族の所在確認", purposeConfirmed = true,
            }, subjects = about }),
            ["attachment to the offender"] = await CheckAsync(clerk, new { document = "family-register-attachment-copy", requester = new
            {
                kind = "household-member", name = "ｶｶﾞｲ ﾀﾛｳ", birthDate = "S55.1.1", identityVerified = true,
            }, subjects = about }),
            ["lawyer as the offender's agent"] = await CheckAsync(clerk, new { document = "resident-record-copy", requester = new
            {
                kind = "professional", name = "弁護士 高橋 誠", profession = "lawyer", capacity = "agent", client = Offender, purpose = "離婚調停",
            }, subjects = about }),
            ["lawyer in a matter the offender commissioned"] = await CheckAsync(clerk, new { document = "family-register-attachment-copy", requester = new
            {
                kind = "professional", name = "司法書士 伊藤", profession = "judicial-scrivener", capacity = "commissioned-matter", client = Offender,
            }, subjects = about }),
            ["court"] = await CheckAsync(clerk, new { document = "resident-record-copy", requester = new
            {
                kind = "court", name = "仙台家庭裁判所", courtRequest = "investigation-commission",
            }, subjects = about }),
        };

        Assert.Equal(("refuse", "support-measure-check.offender"), Outcome(answers["copy to the offender"]));
        Assert.Equal(("refuse", "support-measure-check.offender"), Outcome(answers["attachment to the offender"]));
        Assert.Equal(("refuse", "support-measure-check.offender-client"), Outcome(answers["lawyer as the offender's agent"]));
        Assert.Equal(("refuse", "support-measure-check.offender-commissioned-matter"), Outcome(answers["lawyer in a matter the offender commissioned"]));
        Assert.Equal(("deliver-to-court", "support-measure-check.court"), Outcome(answers["court"]));
        foreach (var (name, answer) in answers)
        {
            Assert.False(answer.GetProperty("mayIssueToRequester").GetBoolean(), name);
            Assert.Equal([measure.Reference], answer.GetProperty("measures").EnumerateArray().Select(m => m.GetString()));
            Assert.DoesNotContain(victim.Town, answer.GetRawText(), StringComparison.Ordinal);
        }

        // Every refusal is in the officer's log: who asked, for whom, the measure; never the address.
        var refusals = await db.AuditRecords.AsNoTracking().Where(a => a.Action == AuditActions.CertificateRequestRefused).OrderBy(a => a.Sequence).ToListAsync();
        Assert.Equal(4, refusals.Count);
        Assert.All(refusals, a =>
        {
            Assert.Equal(("clerk", "support-measure:" + measure.Reference), (a.Actor, a.Subject));
            Assert.Contains("resident:" + victim.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain(victim.Town, a.Detail, StringComparison.Ordinal);
        });
        Assert.Contains("client: 加害 太郎", refusals[2].Detail, StringComparison.Ordinal);
        Assert.Single(await db.AuditRecords.AsNoTracking().Where(a => a.Action == AuditActions.CertificateRequestChecked).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Check_BadRequest_Is400WithTheField(string provider)
    {
        await using var factory = await MynaWebFactory.CreateAsync(provider, residents: 3);
        await using var db = factory.Stores.OpenMunicipal();
        var someone = await db.Residents.AsNoTracking().OrderBy(r => r.Id).Select(r => r.ResidentCode).FirstAsync();
        using var clerk = await ApiClient.SignedInAsync(factory);

        var cases = new (object Body, string Field, string Code)[]
        {
            (new { document = "resident-record-copy", requester = new { kind = "third-party", name = "佐藤 花子" }, subjects = new[] { someone } }, "requester.purpose", "certificate-request.third-party-without-purpose"),
            (new { document = "resident-record-copy", requester = new { kind = "proxy", name = "佐藤 花子" }, subjects = new[] { someone } }, "requester.client.name", "certificate-request.representative-without-client"),
            (new { document = "resident-record-copy", requester = new { kind = "third-party", name = "佐藤 花子", purpose = "x" }, subjects = Array.Empty<string>() }, "subjects", "certificate-request.no-subject"),
            (new { document = "resident-record-copy", requester = new { kind = "third-party", name = "佐藤 花子", purpose = "x" }, subjects = new[] { "12345" } }, "subjects[0]", "certificate-request.unreadable"),
            (new { document = "passport", requester = new { kind = "self" }, subjects = new[] { someone } }, "document", "certificate-request.unreadable"),
        };
        foreach (var (body, field, code) in cases)
        {
            var response = await clerk.PostAsJsonAsync("/api/v1/support-measures/check", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal((field, code), (problem.GetProperty("field").GetString(), problem.GetProperty("code").GetString()));
        }
        Assert.Equal(0, await db.AuditRecords.CountAsync(a => a.Action.StartsWith("support-measure.certificate")));
    }

    private static async Task<JsonElement> CheckAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/support-measures/check", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static (string?, string?) Outcome(JsonElement answer) =>
        (answer.GetProperty("outcome").GetString(), answer.GetProperty("reason").GetProperty("key").GetString());
}
