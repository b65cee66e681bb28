using System.Net;
using System.Text.RegularExpressions;
using Myna.Testing;

namespace Myna.Web.Tests.Infrastructure;

/// <summary>
/// Issue 19 point 2: refusals of the domain and data layers reach the staff pages in the reader's language, Japanese by
/// default and English with <c>myna-lang=en</c>, from the message catalogue rather than as English prose.
/// </summary>
public sealed partial class CatalogueMessagePagesTests
{
    private const string Clerk = "supervisor";
    private const string ClerkPassword = "supervisor-demo-2026";

    /// <summary>The text of the element marked <paramref name="testId"/> in a page, tags removed and entities decoded.</summary>
    internal static string Shown(string html, string testId)
    {
        var match = Regex.Match(html, $"data-testid=\"{testId}\"[^>]*>(.*?)</(p|div|li|section)>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no element {testId} in the page");
        return WebUtility.HtmlDecode(Tags().Replace(match.Groups[1].Value, " ")).Trim();
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    private static async Task<string> SearchErrorAsync(HttpClient client, string identifier)
    {
        var html = await client.GetStringAsync("/");
        var response = await PageClient.PostFormAsync(client, "/", html, new Dictionary<string, string> { ["Identifier"] = identifier });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Shown(await response.Content.ReadAsStringAsync(), "search-error");
    }

    [Fact]
    public async Task ResidentSearch_ResidentCodeWithWrongCheckDigit_JapaneseThenEnglish()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        using var client = await PageClient.SignedInAsync(factory, Clerk, ClerkPassword);

        var japanese = await SearchErrorAsync(client, "12345678904");
        Assert.Equal("住民票コードのチェックデジット（検査数字）が合いません（正しくは 3）。", japanese);

        await client.GetAsync("/language/en?returnUrl=/");
        var english = await SearchErrorAsync(client, "12345678904");
        Assert.Equal("the check digit of a resident code does not match (expected 3)", english);
    }

    [Fact]
    public async Task ResidentSearch_IndividualNumberWithWrongCheckDigit_JapaneseWithoutDigits()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        using var client = await PageClient.SignedInAsync(factory, Clerk, ClerkPassword);

        var japanese = await SearchErrorAsync(client, "621498320258");

        Assert.StartsWith("個人番号のチェックデジット（検査数字）が合いません。", japanese, StringComparison.Ordinal);
        Assert.DoesNotMatch("[0-9]", japanese);
    }

    private static async Task<string> ResidenceRefusalAsync(HttpClient client, long id)
    {
        var html = await client.GetStringAsync($"/residents/{id}");
        var response = await PageClient.PostFormAsync(client, $"/residents/{id}?handler=Residence", html, new Dictionary<string, string>
        {
            ["Residence.Reason"] = "Other",
            ["Residence.Delivery"] = "Residence",
            ["Residence.Address"] = "宮城県石巻市中央二丁目1番1号",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ResidenceRegistration_MissingReasonAndDocuments_JapaneseThenEnglish()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        var (id, _) = await factory.AnyResidentAsync();
        using var client = await PageClient.SignedInAsync(factory, Clerk, ClerkPassword);

        var japanese = await ResidenceRefusalAsync(client, id);
        Assert.Contains("やむを得ない理由を具体的に入力してください。", japanese, StringComparison.Ordinal);
        Assert.Contains("本人確認書類の写しが必要です。", japanese, StringComparison.Ordinal);
        Assert.DoesNotContain("describe the unavoidable reason", japanese, StringComparison.Ordinal);

        await client.GetAsync($"/language/en?returnUrl=/residents/{id}");
        var english = await ResidenceRefusalAsync(client, id);
        Assert.Contains("describe the unavoidable reason", english, StringComparison.Ordinal);
        Assert.DoesNotContain("やむを得ない理由を具体的に入力してください。", english, StringComparison.Ordinal);
    }
}
