using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Myna.Testing;

namespace Myna.Web.Tests.Residents;

public sealed class ResidenceApiTests
{
    [Fact]
    public async Task Register_ByProxy_ThenReRegister_KeepsTheHistory()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 10);
        var (id, _) = await factory.AnyResidentAsync();
        using var client = await ApiClient.SignedInAsync(factory);

        var first = await client.PostAsJsonAsync($"/api/v1/residents/{id}/residences", new
        {
            reason = "HospitalOrFacility", delivery = "Proxy", address = "宮城県石巻市蛇田字新金沢1番地 石巻ホーム",
            proxyName = "石巻　次郎", proxyPostalCode = "９８６－０８６１", proxyAddress = "宮城県石巻市蛇田字新金沢2番地",
            proxyAuthorityChecked = true, idDocumentChecked = true, deliveryProofChecked = true, receivedOn = "令和8年9月1日",
        });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var stored = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Proxy", "986-0861", "2026-09-01"),
            (stored.GetProperty("delivery").GetString(), stored.GetProperty("proxyPostalCode").GetString(), stored.GetProperty("receivedOn").GetString()));

        var second = await client.PostAsJsonAsync($"/api/v1/residents/{id}/residences", new
        {
            reason = "HospitalOrFacility", delivery = "Residence", address = "宮城県石巻市穀町2番2号 石巻病院", idDocumentChecked = true, deliveryProofChecked = true,
        });
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);

        var resident = await client.GetFromJsonAsync<JsonElement>($"/api/v1/residents/{id}");
        var residences = resident.GetProperty("residences").EnumerateArray().ToList();
        Assert.Equal([true, false], residences.Select(r => r.GetProperty("current").GetBoolean()));
        Assert.Equal(residences[0].GetProperty("id").GetInt64(), residences[1].GetProperty("supersededById").GetInt64());
    }

    [Fact]
    public async Task Register_BreakingRules_Is422WithEveryFieldNamed()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 10);
        var (id, _) = await factory.AnyResidentAsync();
        using var client = await ApiClient.SignedInAsync(factory);

        var response = await client.PostAsJsonAsync($"/api/v1/residents/{id}/residences", new
        {
            reason = "DisasterEvacuee", delivery = "HeldAtOffice", address = "宮城県石巻市", idDocumentChecked = false,
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("residence-rule", problem.GetProperty("code").GetString());
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("idDocumentChecked", out _));
        Assert.Contains("留め置き", errors.GetProperty("delivery")[0].GetString()!, StringComparison.Ordinal);
        var unknown = await client.PostAsJsonAsync($"/api/v1/residents/{id}/residences", new { reason = "Holiday", delivery = "Residence", address = "x" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
    }

    [Fact]
    public async Task Register_HospitalResidentHeldAtOffice_Is201_AnEvacueeIs422WithTheReasons()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 10);
        var (id, _) = await factory.AnyResidentAsync();
        using var client = await ApiClient.SignedInAsync(factory);

        var hospital = await client.PostAsJsonAsync($"/api/v1/residents/{id}/residences", new
        {
            reason = "HospitalOrFacility", delivery = "HeldAtOffice", address = "宮城県石巻市穀町2番2号 石巻病院", idDocumentChecked = true,
        });
        var evacuee = await client.PostAsJsonAsync($"/api/v1/residents/{id}/residences", new
        {
            reason = "DisasterEvacuee", delivery = "HeldAtOffice", address = "宮城県仙台市青葉区上杉1番1号", idDocumentChecked = true,
        });

        Assert.Equal(HttpStatusCode.Created, hospital.StatusCode);
        Assert.Equal("HeldAtOffice", (await hospital.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("delivery").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, evacuee.StatusCode);
        var message = (await evacuee.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("delivery")[0].GetString()!;
        Assert.Contains("hospital or facility", message, StringComparison.Ordinal);
    }
}
