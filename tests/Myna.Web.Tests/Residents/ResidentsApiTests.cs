using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Myna.Testing;

namespace Myna.Web.Tests.Residents;

public sealed class ResidentsApiTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Search_ByKana_ReturnsResidentsWithMaskedNumbers(string provider)
    {
        await using var factory = await MynaWebFactory.CreateAsync(provider);
        var (id, kana) = await factory.AnyResidentAsync();
        using var client = await ApiClient.SignedInAsync(factory);

        // Hiragana input finds katakana readings.
        var hiragana = new string(kana.Select(c => c is >= 'ァ' and <= 'ヶ' ? (char)(c - 0x60) : c).ToArray());
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/residents?name={Uri.EscapeDataString(hiragana)}&pageSize=100");

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, i => i.GetProperty("id").GetInt64() == id);
        Assert.All(items, i => Assert.Matches("^\\*{8}[0-9]{4}$", i.GetProperty("individualNumberMasked").GetString()!));
        Assert.All(items, i => Assert.Contains(kana, i.GetProperty("nameKana").GetString()!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_EraBirthDate_FindsTheSameAsGregorian()
    {
        await using var factory = await MynaWebFactory.CreateAsync();
        await using var db = factory.Stores.OpenMunicipal();
        var birth = await db.Residents.Select(r => r.BirthDate).FirstAsync();
        using var client = await ApiClient.SignedInAsync(factory);

        var gregorian = await client.GetFromJsonAsync<JsonElement>($"/api/v1/residents?birthDate={birth:yyyy-MM-dd}");
        var era = await client.GetFromJsonAsync<JsonElement>($"/api/v1/residents?birthDate={Uri.EscapeDataString(Myna.Core.Calendar.JapaneseDate.Format(birth))}");

        Assert.True(gregorian.GetProperty("total").GetInt32() >= 1);
        Assert.Equal(gregorian.GetProperty("total").GetInt32(), era.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Search_BadBirthDate_IsProblemDetailsWithCodeAndField()
    {
        await using var factory = await MynaWebFactory.CreateAsync();
        using var client = await ApiClient.SignedInAsync(factory);

        var response = await client.GetAsync($"/api/v1/residents?birthDate={Uri.EscapeDataString("平成31年5月1日")}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid-search", problem.GetProperty("code").GetString());
        Assert.Equal("birthDate", problem.GetProperty("field").GetString());
        Assert.Contains("平成", problem.GetProperty("detail").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_WithoutToken_IsUnauthorized()
    {
        await using var factory = await MynaWebFactory.CreateAsync();
        using var client = factory.CreateClient();
        var response = await client.GetAsync("/api/v1/residents?name=サトウ");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SearchByIndividualNumber_InBody_FindsTheResidentThroughTheKeyedHash(string provider)
    {
        await using var factory = await MynaWebFactory.CreateAsync(provider);
        var (id, _) = await factory.AnyResidentAsync();
        using var client = await ApiClient.SignedInAsync(factory);
        var reveal = await client.PostAsJsonAsync($"/api/v1/residents/{id}/number/reveal", new { purpose = "card-issuance" });
        var number = (await reveal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("individualNumber").GetString()!;

        var response = await client.PostAsJsonAsync("/api/v1/residents/search", new { identifier = number });
        var page = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(id, Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
        Assert.DoesNotContain(number, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResident_ReturnsHistoryAndMaskedNumberOnly()
    {
        await using var factory = await MynaWebFactory.CreateAsync();
        var (id, _) = await factory.AnyResidentAsync();
        using var client = await ApiClient.SignedInAsync(factory);

        var body = await client.GetStringAsync($"/api/v1/residents/{id}");
        var resident = JsonDocument.Parse(body).RootElement;

        Assert.Equal("InitialRegistration", resident.GetProperty("history")[0].GetProperty("type").GetString());
        Assert.Matches("^\\*{8}[0-9]{4}$", resident.GetProperty("individualNumberMasked").GetString()!);
        Assert.DoesNotMatch("[0-9]{12}", body);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Reveal_WithRegisteredPurpose_ReturnsNumberAndWritesAuditRecord(string provider)
    {
        await using var factory = await MynaWebFactory.CreateAsync(provider);
        var (id, _) = await factory.AnyResidentAsync();
        using var client = await ApiClient.SignedInAsync(factory);

        var response = await client.PostAsJsonAsync($"/api/v1/residents/{id}/number/reveal", new { purpose = "tax" });

        response.EnsureSuccessStatusCode();
        var number = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("individualNumber").GetString()!;
        Assert.True(Myna.Core.Identifiers.IndividualNumber.TryParse(number, out _, out _));
        await using var db = factory.Stores.OpenMunicipal();
        var record = await db.AuditRecords.OrderBy(a => a.Sequence).LastAsync();
        Assert.Equal(("clerk", "number.reveal", $"resident:{id}", "tax"), (record.Actor, record.Action, record.Subject, record.Purpose));
        Assert.DoesNotContain(number, record.Detail ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reveal_UnregisteredPurpose_IsRefusedAndNotAudited()
    {
        await using var factory = await MynaWebFactory.CreateAsync();
        var (id, _) = await factory.AnyResidentAsync();
        using var client = await ApiClient.SignedInAsync(factory);
        await using var db = factory.Stores.OpenMunicipal();
        var before = await db.AuditRecords.CountAsync();

        var response = await client.PostAsJsonAsync($"/api/v1/residents/{id}/number/reveal", new { purpose = "curiosity" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unregistered-purpose", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(before, await db.AuditRecords.CountAsync());
    }

    [Fact]
    public async Task Reveal_RoleWithoutNumberAccess_IsForbidden()
    {
        await using var factory = await MynaWebFactory.CreateAsync();
        var (id, _) = await factory.AnyResidentAsync();
        using var client = await ApiClient.SignedInAsync(factory, "officer", "officer-demo-2026");

        var response = await client.PostAsJsonAsync($"/api/v1/residents/{id}/number/reveal", new { purpose = "tax" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_IsServedAndDescribesTheResidentsApi()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        using var client = factory.CreateClient();

        var doc = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.Equal("Myna API", doc.GetProperty("info").GetProperty("title").GetString());
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/residents", out _));
        Assert.True(paths.TryGetProperty("/api/v1/residents/{id}", out _));
        Assert.True(paths.TryGetProperty("/api/v1/residents/{id}/number/reveal", out _));
        foreach (var path in new[]
        {
            "/api/v1/residents/{id}/residences", "/api/v1/residents/{id}/adult-ward", "/api/v1/mail/posted", "/api/v1/mail/returns",
            "/api/v1/mail/envelopes/{id}/actions", "/api/v1/mail/due", "/api/v1/public/applications", "/api/v1/public/applications/status",
            "/api/v1/applications", "/api/v1/applications/{id}/review", "/api/v1/applications/{id}/deficiency-notice", "/api/v1/applications/bulk",
        })
        {
            Assert.True(paths.TryGetProperty(path, out _), path + " is missing from the OpenAPI document");
        }
    }

    [Fact]
    public async Task AnAdultWard_IsRecordedOnThePage_WithItsEvidence_AndClearedByTheApi()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 10);
        await using var db = factory.Stores.OpenMunicipal();
        var resident = await db.Residents.AsNoTracking().OrderBy(r => r.Id).FirstAsync();
        using var page = await PageClient.SignedInAsync(factory, "clerk", "clerk-demo-2026");
        var token = await PageClient.TokenAsync(page, $"/residents/{resident.Id}");

        var recorded = await page.PostAsync($"/residents/{resident.Id}?handler=AdultWard", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["ward"] = "true", ["wardEvidence"] = "後見開始の審判書", ["__RequestVerificationToken"] = token,
        }));
        Assert.True(recorded.IsSuccessStatusCode, await recorded.Content.ReadAsStringAsync());
        Assert.Contains("署名用電子証明書は発行されません", await recorded.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var api = await ApiClient.SignedInAsync(factory);
        Assert.True((await api.GetFromJsonAsync<JsonElement>($"/api/v1/residents/{resident.Id}")).GetProperty("adultWard").GetBoolean());
        var noEvidence = await api.PutAsJsonAsync($"/api/v1/residents/{resident.Id}/adult-ward", new { adultWard = false, evidence = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noEvidence.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent,
            (await api.PutAsJsonAsync($"/api/v1/residents/{resident.Id}/adult-ward", new { adultWard = false, evidence = "後見開始の審判の取消し" })).StatusCode);
        Assert.False((await api.GetFromJsonAsync<JsonElement>($"/api/v1/residents/{resident.Id}")).GetProperty("adultWard").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound,
            (await api.PutAsJsonAsync("/api/v1/residents/999999/adult-ward", new { adultWard = true, evidence = "x" })).StatusCode);
    }
}
