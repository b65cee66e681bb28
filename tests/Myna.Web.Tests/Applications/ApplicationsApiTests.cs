using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Applications;
using Myna.Testing;

namespace Myna.Web.Tests.Applications;

public sealed class ApplicationsApiTests
{
    internal static async Task<(long ResidentId, string ApplicationId, DateOnly BirthDate)> AdultFormAsync(MynaWebFactory factory)
    {
        await using var db = factory.Stores.OpenMunicipal();
        if (!await db.Notices.AnyAsync())
        {
            await factory.Stores.Runtime.NoticeGeneration(TestStores.Ishinomaki).RunAsync(db, new DateOnly(2026, 11, 24), "test");
        }
        var today = Core.Calendar.JapanClock.Today(TimeProvider.System);
        var forms = await db.Notices.Join(db.Residents, n => n.ResidentId, r => r.Id, (n, r) => new { r.Id, n.ApplicationId, r.BirthDate })
            .OrderBy(x => x.Id).ToListAsync();
        var used = await db.CardApplications.Select(a => a.ApplicationId).ToListAsync();
        var form = forms.First(f => !ApplicationRules.IsUnder15(f.BirthDate, today) && !used.Contains(f.ApplicationId));
        return (form.Id, form.ApplicationId, form.BirthDate);
    }

    internal static MultipartFormDataContent Form(string applicationId, byte[] photo, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent { { new StringContent(applicationId), "applicationId" } };
        var file = new ByteArrayContent(photo);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "photo", "photo.jpg");
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        return form;
    }

    [Fact]
    public async Task Public_Apply_ThenStatus_ThenReviewFails_AndTheDeficiencyNoticeIsAPdf()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 30);
        var (_, applicationId, birth) = await AdultFormAsync(factory);
        using var anonymous = factory.CreateClient();

        var bad = await anonymous.PostAsync("/api/v1/public/applications", Form(applicationId, TestPhotos.Jpeg(400, 300), ("consent", "true"), ("email", "a@example.jp")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("400×300", problem.GetProperty("errors").GetProperty("photo")[0].GetString()!, StringComparison.Ordinal);
        // The rule's catalogue entry beside the words, with its numbers as arguments.
        var rule = problem.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("field").GetString() == "photo");
        Assert.Equal("photo-rule.pixels", rule.GetProperty("messageCode").GetString());
        Assert.Equal(["400", "300", "480", "6000"], rule.GetProperty("messageArgs").EnumerateArray().Select(a => a.GetString()));

        var large = await anonymous.PostAsync("/api/v1/public/applications", Form(applicationId, TestPhotos.Jpeg(bytes: 8 * 1024 * 1024), ("consent", "true"), ("email", "a@example.jp")));
        var largeErrors = (await large.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["photo"], largeErrors.EnumerateObject().Select(p => p.Name)); // the size only: the file is still a JPEG
        Assert.Contains("8MB", largeErrors.GetProperty("photo").EnumerateArray().Single().GetString()!, StringComparison.Ordinal);

        var good = await anonymous.PostAsync("/api/v1/public/applications", Form(applicationId, TestPhotos.Jpeg(), ("consent", "true"), ("email", "a@example.jp")));
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
        var receipt = await good.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Matches("^[0-9]{12}$", receipt.GetProperty("receiptNumber").GetString()!);

        var status = await anonymous.PostAsJsonAsync("/api/v1/public/applications/status", new { applicationId, birthDate = Core.Calendar.JapaneseDate.Format(birth) });
        Assert.Contains("写真の確認", (await status.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("text").GetString()!, StringComparison.Ordinal);
        var wrong = await anonymous.PostAsJsonAsync("/api/v1/public/applications/status", new { applicationId, birthDate = birth.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);

        using var clerk = await ApiClient.SignedInAsync(factory);
        var id = receipt.GetProperty("id").GetInt64();
        var reviewed = await clerk.PostAsJsonAsync($"/api/v1/applications/{id}/review", new { pass = false, reasons = new[] { "hat" } });
        Assert.Equal("Deficient", (await reviewed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var pdf = await clerk.GetAsync($"/api/v1/applications/{id}/deficiency-notice");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/applications/{id}/photo")).StatusCode);
    }

    [Fact]
    public async Task StaffIntake_RecordsTheChannel_AndAcceptanceQueuesProduction()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 30);
        var (_, applicationId, _) = await AdultFormAsync(factory);
        using var clerk = await ApiClient.SignedInAsync(factory);

        // Online applications and employer batches come by their own routes, never as a clerk's intake (§4.1).
        foreach (var channel in new[] { "Online", "Employer", "99" })
        {
            var refused = await clerk.PostAsync("/api/v1/applications", Form(applicationId, TestPhotos.Jpeg(), ("channel", channel)));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }
        var taken = await clerk.PostAsync("/api/v1/applications", Form(applicationId, TestPhotos.Jpeg(), ("channel", "ApplicationSupport")));
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        var id = (await taken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var queue = await clerk.GetFromJsonAsync<JsonElement>("/api/v1/applications?status=Received");
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == id);

        var accepted = await clerk.PostAsJsonAsync($"/api/v1/applications/{id}/review", new { pass = true });
        var dto = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("QueuedForProduction", "ApplicationSupport"), (dto.GetProperty("status").GetString(), dto.GetProperty("channel").GetString()));
        await using var national = factory.Stores.Runtime.Stores.OpenNational();
        Assert.Equal(applicationId, (await national.ProductionRequests.SingleAsync()).ApplicationId);
    }
}
