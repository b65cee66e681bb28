using System.Net;
using System.Text;
using Myna.Core.Calendar;
using Myna.Testing;

namespace Myna.Web.Tests.Feedback;

/// <summary>
/// A mistyped staff address is a page in the reader's language with the way home, while the API
/// keeps ProblemDetails; every PDF opens in the browser for printing (inline, with a file name).
/// </summary>
public sealed class NotFoundAndPdfAnswerTests
{
    [Fact]
    public async Task MistypedStaffUrl_SignedIn_IsAJapanesePageWithTheWayHome()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        using var staff = await PageClient.SignedInAsync(factory, "supervisor", "supervisor-demo-2026");

        var response = await staff.GetAsync("/residnets/12");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"ja\">", html, StringComparison.Ordinal);
        Assert.Contains("ページが見つかりません", html, StringComparison.Ordinal);
        Assert.Contains("/residnets/12", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"not-found-home\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MistypedStaffUrl_EnglishReader_IsTheEnglishPage()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        using var staff = await PageClient.SignedInAsync(factory, "supervisor", "supervisor-demo-2026");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/applications/999999999");
        request.Headers.Add("Cookie", "myna-lang=en");

        var response = await staff.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("Page not found", html, StringComparison.Ordinal);
        Assert.DoesNotContain("ページが見つかりません", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MistypedApiUrl_StaysProblemDetailsJson()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        using var api = await ApiClient.SignedInAsync(factory, "supervisor", "supervisor-demo-2026");

        var response = await api.GetAsync("/api/v1/residnets");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("<html", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PdfAnswers_OpenInline_WithAFileName()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 40);
        await Myna.Hosting.Demo.DemoSetup.EnsureNationalAsync(factory.Stores.Runtime, TextWriter.Null);
        await using (var db = factory.Stores.OpenMunicipal())
        {
            await factory.Stores.Runtime.NoticeGeneration(TestStores.Ishinomaki).RunAsync(db, JapanClock.Today(TimeProvider.System), "test");
        }
        await Myna.Hosting.Demo.DemoIssuance.EnsureAsync(factory.Stores.Runtime, TestStores.Ishinomaki, Documents.Demo.DemoPortrait.Jpeg, TextWriter.Null, cards: 4);
        using var staff = await PageClient.SignedInAsync(factory, "supervisor", "supervisor-demo-2026");
        using var api = await ApiClient.SignedInAsync(factory, "supervisor", "supervisor-demo-2026");
        var today = JapanClock.Today(TimeProvider.System).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var figures = "name,population,issued\n石巻市,100,50\n東松島市,80,20\n";

        var answers = new (string What, HttpResponseMessage Response, string FileName)[]
        {
            ("issuance letters", await staff.GetAsync($"/cards?handler=Letters&date={today}"), $"issuance-notices-{today.Replace("-", "", StringComparison.Ordinal)}.pdf"),
            ("rates report", await api.PostAsync("/api/v1/reports/issuance-rates?format=pdf", new StringContent(figures, Encoding.UTF8, "text/csv")), "issuance-rates.pdf"),
        };

        foreach (var (what, response, fileName) in answers)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{what}: {(int)response.StatusCode}");
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            var disposition = response.Content.Headers.ContentDisposition;
            Assert.True(disposition?.DispositionType == "inline", $"{what}: {disposition}");
            Assert.Equal(fileName, disposition!.FileName?.Trim('"'));
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal("%PDF-", Encoding.ASCII.GetString(bytes, 0, 5));
            Assert.True(bytes.Length < 200 * 1024 * Math.Max(1, CountPages(bytes)), $"{what}: {bytes.Length} bytes");
        }
    }

    private static int CountPages(byte[] pdf) =>
        System.Text.RegularExpressions.Regex.Count(Encoding.Latin1.GetString(pdf), "/Type /Page ");
}
