using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Myna.Testing;

namespace Myna.Web.Tests.Account;

public sealed partial class SignInPageTests
{
    [Fact]
    public async Task StaffPage_WithoutSignIn_RedirectsToSignIn()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsJapaneseErrorWithoutSayingWhichPartWasWrong()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        using var client = factory.CreateClient();
        var form = await client.GetStringAsync("/account/login");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Municipality"] = "042021",
            ["UserName"] = "clerk",
            ["Password"] = "wrong",
            ["__RequestVerificationToken"] = token,
        }));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("ユーザー名またはパスワードが正しくありません。", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiToken_LockedAfterRepeatedFailures_Is423()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        using var client = factory.CreateClient();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last = await client.PostAsJsonAsync("/api/v1/auth/token", new { municipality = "042021", userName = "supervisor", password = "nope" });
        }
        Assert.Equal((HttpStatusCode)423, last!.StatusCode);
        var correct = await client.PostAsJsonAsync("/api/v1/auth/token", new { municipality = "042021", userName = "supervisor", password = "supervisor-demo-2026" });
        Assert.Equal((HttpStatusCode)423, correct.StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
