using System.Net;
using Myna.Core.Lifecycle;
using Myna.Testing;

namespace Myna.Web.Tests.Infrastructure;

/// <summary>
/// Issue 19 point 2: a refusal of the card lifecycle (DOMAIN §8.2) reaches the card page from the message catalogue, in
/// Japanese by default and in English with <c>myna-lang=en</c>.
/// </summary>
public sealed class CardPageRefusalTests
{
    private const string Clerk = "supervisor";
    private const string ClerkPassword = "supervisor-demo-2026";

    private static async Task<string> RenewalRefusalAsync(HttpClient client, long id)
    {
        var html = await client.GetStringAsync($"/residents/{id}/card");
        var response = await PageClient.PostFormAsync(client, $"/residents/{id}/card?handler=Replacement", html, new Dictionary<string, string>
        {
            ["kind"] = nameof(ReplacementKind.Renewal),
            ["cause"] = nameof(ReissueCause.RenewalAtExpiry),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return CatalogueMessagePagesTests.Shown(await response.Content.ReadAsStringAsync(), "life-error");
    }

    [Fact]
    public async Task CardPage_RenewalWithoutACard_RefusedInJapaneseThenEnglish()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        var (id, _) = await factory.AnyResidentAsync();
        using var client = await PageClient.SignedInAsync(factory, Clerk, ClerkPassword);

        Assert.Equal("更新する有効なカードがありません。新規の交付申請をしてください。", await RenewalRefusalAsync(client, id));

        await client.GetAsync($"/language/en?returnUrl=/residents/{id}/card");
        Assert.Equal("there is no valid card to renew: apply for a new card", await RenewalRefusalAsync(client, id));
    }
}
