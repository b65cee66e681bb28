using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Myna.Core.SupportMeasures;
using Myna.Hosting;
using Myna.Municipal.SupportMeasures;
using Myna.Testing;

namespace Myna.Web.Tests.SupportMeasures;

/// <summary>
/// DOMAIN §9 forwarding through the real host serving both demo municipalities (石巻市 042021, 東松島市 042145): a measure
/// created at one is at the other the same day and acknowledged; the officer's forward to a named municipality; a code that
/// names no municipality refused with its field, nothing written.
/// </summary>
public sealed class SupportMeasureForwardsApiTests
{
    private const string Origin = "042021";
    private const string Other = "042145";

    [Fact]
    public async Task Forwards_OnCreationAndByTheOfficer_AcknowledgedByTheOtherMunicipality_BadCodeRefusedWithTheField()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 30, neighbour: true);
        var today = Core.Calendar.JapanClock.Today(TimeProvider.System);
        long applicantId;
        await using (var db = factory.Stores.OpenMunicipal())
        {
            var applicant = await db.Residents.OrderBy(r => r.Id).FirstAsync();
            applicant.FamilyRegisterPlace = "宮城県東松島市矢本字大溜1番地";
            applicant.FamilyRegisterMunicipality = Other;
            await db.SaveChangesAsync();
            applicantId = applicant.Id;
        }
        // The host's own runtime: its exchange hands the forward to the other municipality's store.
        var runtime = factory.Services.GetRequiredService<MynaRuntime>();
        SupportMeasure measure;
        await using (var db = factory.Stores.OpenMunicipal())
        {
            measure = await runtime.SupportMeasureDesk(TestStores.Ishinomaki).CreateAsync(db, new SupportMeasureApplication(applicantId,
                SupportMeasureKind.Stalking, SupportBasisKind.Police, "石巻警察署", today, null, null, null, [], [new OffenderInput("加害　次郎")]), "officer");
        }
        using var officer = await ApiClient.SignedInAsync(factory, "officer", "officer-demo-2026", Origin);
        using var otherOfficer = await ApiClient.SignedInAsync(factory, "officer", "officer-demo-2026", Other);
        using var clerk = await ApiClient.SignedInAsync(factory, municipality: Origin);

        var forwards = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/support-measures/{measure.Id}/forwards");
        var first = Assert.Single(forwards.EnumerateArray());
        Assert.Equal((Other, "family-register", false), (first.GetProperty("destination").GetString(), first.GetProperty("reason").GetString(),
            first.GetProperty("waiting").GetBoolean()));
        Assert.Equal(today, DateOnly.FromDateTime(Core.Calendar.JapanClock.ToJapan(first.GetProperty("acknowledgedAt").GetDateTimeOffset()).DateTime));

        var received = await otherOfficer.GetFromJsonAsync<JsonElement>("/api/v1/support-measures/received");
        var copy = Assert.Single(received.EnumerateArray());
        Assert.Equal((measure.Reference, Origin, true, true), (copy.GetProperty("reference").GetString(), copy.GetProperty("forwardedFrom").GetString(),
            copy.GetProperty("kept").GetBoolean(), copy.GetProperty("inForce").GetBoolean()));
        Assert.Equal(today.AddYears(1), DateOnly.Parse(copy.GetProperty("keepUntil").GetString()!, System.Globalization.CultureInfo.InvariantCulture));

        // Bad input: refused with the field, nothing written. A clerk may not forward at all.
        var bad = await officer.PostAsJsonAsync($"/api/v1/support-measures/{measure.Id}/forwards", new { destination = "042022" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("destination", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        var unknown = await officer.PostAsJsonAsync($"/api/v1/support-measures/{measure.Id}/forwards", new { destination = "480002" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsJsonAsync($"/api/v1/support-measures/{measure.Id}/forwards", new { destination = Other })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync("/api/v1/support-measures/999999/forwards")).StatusCode);
        Assert.Single((await officer.GetFromJsonAsync<JsonElement>($"/api/v1/support-measures/{measure.Id}/forwards")).EnumerateArray());

        // The officer's forward: to the neighbour, acknowledged at once; to a municipality this host does not serve, waiting.
        var manual = await officer.PostAsJsonAsync($"/api/v1/support-measures/{measure.Id}/forwards", new { destination = Other });
        Assert.Equal(HttpStatusCode.Created, manual.StatusCode);
        Assert.False((await manual.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("waiting").GetBoolean());
        var away = await officer.PostAsJsonAsync($"/api/v1/support-measures/{measure.Id}/forwards", new { destination = "131016" });
        Assert.Equal(HttpStatusCode.Created, away.StatusCode);
        var waiting = await away.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(waiting.GetProperty("waiting").GetBoolean());
        Assert.Contains("not served by this host", waiting.GetProperty("lastError").GetString(), StringComparison.Ordinal);

        // The sender's history shows each acknowledgement with its time.
        await using (var db = factory.Stores.OpenMunicipal())
        {
            Assert.Equal(2, await db.SupportMeasureEvents.CountAsync(e => e.MeasureId == measure.Id && e.Kind == SupportMeasureEventKind.ForwardAcknowledged));
        }
    }
}
