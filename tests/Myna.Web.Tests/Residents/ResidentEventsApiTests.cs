using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Myna.Testing;

namespace Myna.Web.Tests.Residents;

public sealed class ResidentEventsApiTests
{
    [Fact]
    public async Task RecordEvent_NameChangeWithEraDate_IsStoredWithBothDates()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 10);
        var (id, _) = await factory.AnyResidentAsync();
        using var client = await ApiClient.SignedInAsync(factory);

        var response = await client.PostAsJsonAsync($"/api/v1/residents/{id}/events",
            new { type = "NameChange", effectiveDate = "令和7年4月1日", notificationDate = "R7.4.3", familyName = "鈴木", familyNameKana = "すずき" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var e = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("2025-04-01", "2025-04-03"), (e.GetProperty("effectiveDate").GetString(), e.GetProperty("notificationDate").GetString()));
        await using var db = factory.Stores.OpenMunicipal();
        var resident = await db.Residents.SingleAsync(r => r.Id == id);
        Assert.Equal(("鈴木", "スズキ"), (resident.FamilyName, resident.FamilyNameKana));
    }

    [Fact]
    public async Task RecordEvent_BrokenRule_IsProblemDetails422WithField()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 10);
        var (id, _) = await factory.AnyResidentAsync();
        using var client = await ApiClient.SignedInAsync(factory);

        var response = await client.PostAsJsonAsync($"/api/v1/residents/{id}/events",
            new { type = "AddressChangeWithin", effectiveDate = "2025-04-01" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("register-rule", "town"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task RecordEvent_StatusOfResidence_IsShownByTheApiAndThePage_AndABadOneIs422()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 10);
        var (id, _) = await factory.AnyResidentAsync();
        using var client = await ApiClient.SignedInAsync(factory);
        using var pages = await PageClient.SignedInAsync(factory, "supervisor", "supervisor-demo-2026");
        // The generated residents are Japanese nationals with a 本籍: this one becomes a foreign resident without one.
        await using (var db = factory.Stores.OpenMunicipal())
        {
            await db.Residents.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.FamilyRegisterPlace, (string?)null).SetProperty(r => r.FamilyRegisterMunicipality, (string?)null));
        }

        var missingEnd = await client.PostAsJsonAsync($"/api/v1/residents/{id}/events",
            new { type = "ResidenceStatusChange", effectiveDate = "2026-04-01", residenceStatus = "留学" });
        var recorded = await client.PostAsJsonAsync($"/api/v1/residents/{id}/events",
            new { type = "ResidenceStatusChange", effectiveDate = "2026-04-01", residenceStatus = "留学", stayUntil = "令和10年3月31日" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, missingEnd.StatusCode);
        Assert.Equal("stayUntil", (await missingEnd.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var resident = await client.GetFromJsonAsync<JsonElement>($"/api/v1/residents/{id}");
        Assert.Equal(("留学", "2028-03-31"), (resident.GetProperty("residenceStatus").GetString(), resident.GetProperty("stayUntil").GetString()));
        var page = await pages.GetStringAsync($"/residents/{id}");
        Assert.Contains("在留資格", page, StringComparison.Ordinal);
        Assert.Contains("令和10年3月31日", page, StringComparison.Ordinal);
        Assert.Contains("在留資格等の変更", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordEvent_FamilyRegisterByCorrection_IsShownByTheApiAndThePage_AndABadCodeIs422()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 10);
        var (id, _) = await factory.AnyResidentAsync();
        using var client = await ApiClient.SignedInAsync(factory);
        using var pages = await PageClient.SignedInAsync(factory, "supervisor", "supervisor-demo-2026");

        var badCode = await client.PostAsJsonAsync($"/api/v1/residents/{id}/events",
            new { type = "Correction", effectiveDate = "2026-04-01", familyRegisterPlace = "東京都千代田区千代田１番地", familyRegisterMunicipality = "131017" });
        var recorded = await client.PostAsJsonAsync($"/api/v1/residents/{id}/events",
            new { type = "Correction", effectiveDate = "2026-04-01", familyRegisterPlace = "東京都千代田区千代田１番地", familyRegisterMunicipality = "131016" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, badCode.StatusCode);
        Assert.Equal("familyRegisterMunicipality", (await badCode.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var resident = await client.GetFromJsonAsync<JsonElement>($"/api/v1/residents/{id}");
        Assert.Equal(("東京都千代田区千代田１番地", "131016"),
            (resident.GetProperty("familyRegisterPlace").GetString(), resident.GetProperty("familyRegisterMunicipality").GetString()));
        var page = await pages.GetStringAsync($"/residents/{id}");
        Assert.Contains("data-testid=\"family-register\">東京都千代田区千代田１番地", page, StringComparison.Ordinal);
    }
}
