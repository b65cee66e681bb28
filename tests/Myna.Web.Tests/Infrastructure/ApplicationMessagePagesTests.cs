using System.Net;
using System.Net.Http.Headers;
using Myna.Testing;
using Myna.Web.Tests.Applications;

namespace Myna.Web.Tests.Infrastructure;

/// <summary>
/// Issue 19 point 2: an application's refusals (the form, the photo rules) reach the intake and the public application
/// page from the message catalogue, in Japanese by default and in English after the language switch.
/// </summary>
public sealed class ApplicationMessagePagesTests
{
    private const string Clerk = "supervisor";
    private const string ClerkPassword = "supervisor-demo-2026";

    [Fact]
    public async Task Intake_FormOfAnotherMunicipality_JapaneseThenEnglish()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        using var client = await PageClient.SignedInAsync(factory, Clerk, ClerkPassword);
        var page = "/applications/intake?ApplicationId=" + Core.Identifiers.ApplicationId.New(Core.Identifiers.MunicipalityCode.Parse("131016")).Value;

        var japanese = CatalogueMessagePagesTests.Shown(await client.GetStringAsync(page), "intake-errors");
        Assert.Equal("この申請書IDは別の市区町村のものです。", japanese);

        await client.GetAsync("/language/en?returnUrl=" + WebUtility.UrlEncode(page));
        var english = CatalogueMessagePagesTests.Shown(await client.GetStringAsync(page), "intake-errors");
        Assert.Equal("This application ID belongs to another municipality.", english);
    }

    private static async Task<string> ApplyAsync(HttpClient client, string applicationId, byte[] photo)
    {
        var token = await PageClient.TokenAsync(client, "/apply");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(applicationId), "id" },
            { new StringContent("a@example.jp"), "Email" },
            { new StringContent("true"), "Consent" },
        };
        var file = new ByteArrayContent(photo);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "Photo", "photo.jpg");
        var response = await client.PostAsync("/apply", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PublicApply_PhotoOutOfBounds_JapaneseThenEnglish_WithItsNumbers()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 30);
        var (_, applicationId, _) = await ApplicationsApiTests.AdultFormAsync(factory);
        using var client = factory.CreateClient();

        var japanese = await ApplyAsync(client, applicationId, TestPhotos.Jpeg(400, 300));
        Assert.Contains("写真の大きさが 400×300 ピクセルです。幅・高さとも480〜6000ピクセルにしてください。", japanese, StringComparison.Ordinal);
        Assert.DoesNotContain("The photo is 400×300 pixels", japanese, StringComparison.Ordinal);

        await client.GetAsync("/language/en?returnUrl=/apply");
        var english = await ApplyAsync(client, applicationId, TestPhotos.Jpeg(400, 300));
        Assert.Contains("The photo is 400×300 pixels; width and height must each be 480–6000 pixels.", english, StringComparison.Ordinal);
        Assert.DoesNotContain("写真の大きさが", english, StringComparison.Ordinal);
    }
}
