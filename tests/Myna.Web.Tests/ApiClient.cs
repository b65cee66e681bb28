using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Myna.Testing;

namespace Myna.Web.Tests;

internal static class ApiClient
{
    /// <summary>A client holding a bearer token of a demo account.</summary>
    public static async Task<HttpClient> SignedInAsync(MynaWebFactory factory, string user = "clerk", string password = "clerk-demo-2026",
        string municipality = "042021")
    {
        var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { municipality, userName = user, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
