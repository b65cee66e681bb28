using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Myna.Core.Calendar;
using Myna.Core.SupportMeasures;
using Myna.Hosting;
using Myna.Municipal.SupportMeasures;
using Myna.Testing;

namespace Myna.Web.Tests.SupportMeasures;

/// <summary>
/// DOMAIN §9 forwarding on the officer's pages, through the real host serving both demo municipalities (石巻市 042021,
/// 東松島市 042145): the measure's page forwards to the other municipality and shows the acknowledgement; a code that is no
/// municipality's, or this municipality's own, is refused in Japanese with the field and nothing is written; the receiving
/// officer's list names where the copy came from and until when it is kept.
/// </summary>
public sealed class SupportMeasureForwardPageTests
{
    private const string Origin = "042021", Other = "042145";

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ForwardForm_ToTheOtherMunicipality_AcknowledgedOnThePage_BadCodesRefusedWithNothingWritten(string provider)
    {
        await using var factory = await MynaWebFactory.CreateAsync(provider, residents: 30, neighbour: true);
        var today = JapanClock.Today(TimeProvider.System);
        var runtime = factory.Services.GetRequiredService<MynaRuntime>();
        SupportMeasure measure;
        await using (var db = factory.Stores.OpenMunicipal())
        {
            // No previous address and no 本籍 elsewhere: nothing is forwarded until the officer names a municipality.
            var applicant = await db.Residents.AsNoTracking().OrderBy(r => r.Id).FirstAsync();
            measure = await runtime.SupportMeasureDesk(TestStores.Ishinomaki).CreateAsync(db, new SupportMeasureApplication(applicant.Id,
                SupportMeasureKind.DomesticViolence, SupportBasisKind.SupportCentre, "宮城県女性相談センター", today, null, null, null, [], []), "officer");
        }
        using var officer = await PageClient.SignedInAsync(factory, "officer", "officer-demo-2026", Origin);
        var url = $"/support-measures/{measure.Id}";
        var page = await officer.GetStringAsync(url);
        Assert.Contains("data-testid=\"sm-forwards-none\"", page, StringComparison.Ordinal);

        // Refused, each with the field named and marked, the reason in Japanese, the typed code kept, and nothing written.
        foreach (var (code, reason) in new[]
        {
            ("042022", "6桁の市区町村コード"),          // wrong check digit
            ("04202", "6桁の市区町村コード"),           // too short
            ("480002", "このコードに当たる市区町村はありません"), // no prefecture 48
            (Origin, "当市区町村のコードです"),
        })
        {
            var refused = await PageClient.PostFormAsync(officer, url + "?handler=Forward", page, new() { ["destination"] = code });
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var body = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.Contains("data-field=\"destination\"", body, StringComparison.Ordinal);
            Assert.Contains("転送先の市区町村コード: " + reason, body, StringComparison.Ordinal);
            Assert.Matches($"value=\"{code}\"[^>]*aria-invalid=\"true\"[^>]*data-testid=\"sm-forward-destination\"", body);
        }
        await using (var db = factory.Stores.OpenMunicipal())
        {
            Assert.Equal(0, await db.SupportMeasureForwards.CountAsync());
            Assert.Equal(0, await db.OutboxMessages.CountAsync(m => m.Kind == SupportMeasureForwardMessages.Kind));
            Assert.DoesNotContain(await db.SupportMeasureEvents.Where(e => e.MeasureId == measure.Id).Select(e => e.Kind).ToListAsync(),
                k => k == SupportMeasureEventKind.Forwarded);
        }

        // A clerk may not forward (the officer's permission only): nothing written either.
        using var clerk = await PageClient.SignedInAsync(factory, "clerk", "clerk-demo-2026", Origin);
        var clerkPage = await clerk.GetStringAsync("/lifecycle"); // a page of the clerk's with a form, for the token
        Assert.Equal(HttpStatusCode.Forbidden,
            (await PageClient.PostFormAsync(clerk, url + "?handler=Forward", clerkPage, new() { ["destination"] = Other })).StatusCode);

        // To the other municipality: delivered at once, acknowledged, and shown so on the page with the municipality's name.
        var forwarded = await PageClient.PostFormAsync(officer, url + "?handler=Forward", page, new() { ["destination"] = Other });
        Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        Assert.EndsWith("done=forwarded", forwarded.RequestMessage!.RequestUri!.Query, StringComparison.Ordinal);
        var shown = WebUtility.HtmlDecode(await forwarded.Content.ReadAsStringAsync());
        Assert.Contains("転送を記録しました", shown, StringComparison.Ordinal);
        var row = Row(shown, Other);
        Assert.Contains("data-waiting=\"false\"", row, StringComparison.Ordinal);
        Assert.Contains("東松島市（042145）", row, StringComparison.Ordinal);
        Assert.Contains("担当者が指定", row, StringComparison.Ordinal);
        Assert.Contains("受領済み " + JapaneseDate.Format(today), row, StringComparison.Ordinal);
        Assert.Contains("保存期限 " + JapaneseDate.Format(today.AddYears(1)) + "・転送先に住民登録なし（転入時に適用）", row, StringComparison.Ordinal);

        // A municipality this host does not serve: accepted, shown waiting with its attempts and why.
        var away = await PageClient.PostFormAsync(officer, url + "?handler=Forward", page, new() { ["destination"] = "131016" });
        var awayRow = Row(WebUtility.HtmlDecode(await away.Content.ReadAsStringAsync()), "131016");
        Assert.Contains("data-waiting=\"true\"", awayRow, StringComparison.Ordinal);
        Assert.Matches("受領待ち（送信 [1-9][0-9]* 回）", awayRow);
        Assert.Contains("この環境で扱っていない市区町村です", awayRow, StringComparison.Ordinal);

        // The receiving officer's list: the copy, where it came from and until when it is kept.
        using var otherOfficer = await PageClient.SignedInAsync(factory, "officer", "officer-demo-2026", Other);
        var list = WebUtility.HtmlDecode(await otherOfficer.GetStringAsync("/support-measures"));
        Assert.Contains(measure.Reference, list, StringComparison.Ordinal);
        Assert.Contains("石巻市（042021）から転送受付", list, StringComparison.Ordinal);
        Assert.Contains("保存期限 " + JapaneseDate.Format(today.AddYears(1)), list, StringComparison.Ordinal);
    }

    /// <summary>The forwards table's row for one destination: its attributes, then its text as read (tags and line breaks dropped).</summary>
    private static string Row(string html, string destination)
    {
        var start = html.IndexOf($"data-destination=\"{destination}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no forward to {destination} on the page");
        var row = html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
        var end = row.IndexOf('>', StringComparison.Ordinal);
        return row[..end] + " " + Regex.Replace(Regex.Replace(row[end..], "<[^>]+>", " "), @"\s+", " ");
    }
}
