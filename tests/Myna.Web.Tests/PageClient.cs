using System.Text.RegularExpressions;
using Myna.Testing;

namespace Myna.Web.Tests;

/// <summary>A browser-like client: signs in through the login form and keeps the cookie.</summary>
internal static partial class PageClient
{
    public static async Task<HttpClient> SignedInAsync(MynaWebFactory factory, string user, string password, string scope = "042021")
    {
        var client = factory.CreateClient();
        var token = await TokenAsync(client, "/account/login");
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Municipality"] = scope,
            ["UserName"] = user,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    /// <summary>The demo J-LIS operator, created in the national store if missing, signed in on the national side.</summary>
    public static async Task<HttpClient> SignedInOperatorAsync(MynaWebFactory factory)
    {
        await using (var db = factory.Stores.Runtime.Stores.OpenNational())
        {
            await Myna.Storage.Staff.StaffSignIn.EnsureOperatorAsync(db, Myna.Hosting.Demo.DemoSetup.Operator.UserName, Myna.Hosting.Demo.DemoSetup.Operator.DisplayName,
                Myna.Hosting.Demo.DemoSetup.Operator.Password, TimeProvider.System);
        }
        return await SignedInAsync(factory, Myna.Hosting.Demo.DemoSetup.Operator.UserName, Myna.Hosting.Demo.DemoSetup.Operator.Password, "national");
    }

    /// <summary>Posts a form as the browser would: the values, with the antiforgery token of the page it was on.</summary>
    public static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string html, Dictionary<string, string> values)
    {
        values["__RequestVerificationToken"] = Token(html);
        return client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    /// <summary>The values a page's text inputs come filled with, by name (what a browser would send back unchanged).</summary>
    public static Dictionary<string, string> InputValues(string html)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in InputTag().Matches(html))
        {
            var name = Attribute(input.Value, "name");
            if (name is not null && !values.ContainsKey(name))
            {
                values[name] = System.Net.WebUtility.HtmlDecode(Attribute(input.Value, "value") ?? "");
            }
        }
        return values;
    }

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"") is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("<input\\b[^>]*>")]
    private static partial Regex InputTag();

    /// <summary>The antiforgery token of a page's form.</summary>
    public static async Task<string> TokenAsync(HttpClient client, string path) => Token(await client.GetStringAsync(path));

    /// <summary>The antiforgery token in a page's HTML.</summary>
    public static string Token(string html) => AntiforgeryToken().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
