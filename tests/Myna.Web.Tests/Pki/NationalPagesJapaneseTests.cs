using System.Net;
using System.Text.RegularExpressions;
using Myna.Core.Identifiers;
using Myna.National.Verifiers;
using Myna.Pki.Authorities;
using Myna.Testing;
using Myna.Web.Infrastructure;

namespace Myna.Web.Tests.Pki;

/// <summary>
/// Issue 18 point 9: the J-LIS operators' pages (certificates, call centre, verifiers) show every
/// refusal in Japanese on a Japanese screen, from the catalogue, never the national side's English
/// exception text; English stays switchable.
/// </summary>
public sealed partial class NationalPagesJapaneseTests
{
    /// <summary>Three or more English words in a row: a sentence a Japanese operator should not be shown.</summary>
    [GeneratedRegex(@"[A-Za-z]{2,}(?:[ ,:;'’()-]+[A-Za-z]{2,}){2,}")]
    private static partial Regex EnglishSentence();

    [GeneratedRegex(@"<p class=""error"" role=""alert"" data-testid=""[a-z-]+"">(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex ErrorParagraph();

    private static void AssertJapanese(string html, string path)
    {
        var match = ErrorParagraph().Match(html);
        Assert.True(match.Success, $"{path}: no error shown");
        var message = WebUtility.HtmlDecode(match.Groups[1].Value).Trim();
        Assert.Matches(@"[\u3040-\u30FF\u4E00-\u9FFF]", message);
        Assert.False(EnglishSentence().IsMatch(message), $"{path}: English on a Japanese screen: {message}");
    }

    private static async Task<string> PostAsync(HttpClient client, string path, string handler, Dictionary<string, string> form)
    {
        form["__RequestVerificationToken"] = await PageClient.TokenAsync(client, path);
        var response = await client.PostAsync($"{path}?handler={handler}", new FormUrlEncodedContent(form));
        Assert.True(response.IsSuccessStatusCode, $"{path} {handler}: {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task NationalPages_EveryRefusalPath_ShowsJapanese_NoEnglishSentence()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 3);
        using var user = await TestCertificates.IssueAsync(factory, CaKind.UserAuthentication);
        using var op = await PageClient.SignedInOperatorAsync(factory);

        // Certificate search: identifiers that do not parse.
        foreach (var query in new[] { "/national?Municipality=042021&ResidentCode=123", "/national?Municipality=04202X&ResidentCode=12345678901" })
        {
            AssertJapanese(await op.GetStringAsync(query), query);
        }

        // One certificate: status changes that are refused, and the revoke form's own checks.
        var page = $"/national/certificates/auth/{user.Serial}";
        AssertJapanese(await PostAsync(op, page, "Release", new()), page + " release a good certificate");
        AssertJapanese(await PostAsync(op, page, "Revoke", new()), page + " revoke without a reason");
        AssertJapanese(await PostAsync(op, page, "Revoke", new() { ["Reason"] = "KeyCompromise" }), page + " revoke unconfirmed");
        await PostAsync(op, page, "Suspend", new());
        AssertJapanese(await PostAsync(op, page, "Suspend", new()), page + " suspend twice");
        await PostAsync(op, page, "Revoke", new() { ["Reason"] = "KeyCompromise", ["Confirm"] = "true" });
        AssertJapanese(await PostAsync(op, page, "Revoke", new() { ["Reason"] = "KeyCompromise", ["Confirm"] = "true" }), page + " revoke twice");

        // Call centre: a date that cannot be read, no caller, four information that match no card.
        const string cc = "/national/call-centre";
        var caller = new Dictionary<string, string> { ["Name"] = "石巻\u3000太郎", ["BirthDate"] = "昭和55年2月17日", ["Address"] = "宮城県石巻市穀町14番1号", ["Sex"] = "1" };
        AssertJapanese(await PostAsync(op, cc, "", new(caller) { ["BirthDate"] = "someday", ["Caller"] = "本人" }), cc + " birth date");
        AssertJapanese(await PostAsync(op, cc, "", new(caller) { ["Caller"] = " " }), cc + " caller");
        AssertJapanese(await PostAsync(op, cc, "", new(caller) { ["Sex"] = "0", ["Caller"] = "本人" }), cc + " four information");
        AssertJapanese(await PostAsync(op, cc, "", new(caller) { ["Caller"] = "本人" }), cc + " no match");

        // Verifiers: no name, a corporate number that fails its check digit, a verifier that does not exist.
        const string verifiers = "/national/verifiers";
        AssertJapanese(await PostAsync(op, verifiers, "Register", new() { ["Name"] = "", ["Kind"] = "Signature" }), verifiers + " name");
        AssertJapanese(await PostAsync(op, verifiers, "Register", new() { ["Name"] = "石巻信用金庫", ["Kind"] = "Signature", ["CorporateNumber"] = "12345" }),
            verifiers + " corporate number");
        AssertJapanese(await PostAsync(op, verifiers, "Renew", new() { ["id"] = "99999" }), verifiers + " unknown verifier");
    }

    /// <summary>
    /// Every code the national side refuses with on these pages has words in both languages: the call centre's here,
    /// the certificate and verifier refusals in the message catalogue (their fallback for a refusal without one here).
    /// </summary>
    [Fact]
    public void Catalogue_EveryNationalRefusalCode_HasJapaneseAndEnglish()
    {
        var ja = new UiText("ja");
        var en = new UiText("en");
        // The call centre's words, and the certificate and verifier refusals, are catalogue entries, checked with the whole catalogue.
        var keys = new[] { "national.error.cert.other", "national.error.verifier.other" }
            .Concat(Enum.GetNames<IdentifierError>().Select(e => "national.error.identifier." + e))
            .ToList();
        Assert.All(keys, key =>
        {
            Assert.True(ja.Has(key), key);
            Assert.Matches(@"[\u3040-\u30FF\u4E00-\u9FFF]", ja[key]);
            Assert.False(EnglishSentence().IsMatch(ja[key]), key);
            Assert.NotEqual(ja[key], en[key]);
        });
    }

    /// <summary>Every request and outcome word the verifier answer log stores is shown in Japanese on the operator's page.</summary>
    [Fact]
    public void VerifierAnswerLog_EveryStoredWord_ShowsJapanese()
    {
        var ja = new UiText("ja");
        var shown = VerifierAnswerWords.Requests.Select(r => NationalWords.VerifierRequest(ja, r))
            .Concat(VerifierAnswerWords.Outcomes.Select(o => NationalWords.VerifierOutcome(ja, o)))
            .Concat(VerifierAnswerWords.Refusals.Select(r => NationalWords.VerifierOutcome(ja, VerifierAnswerWords.Refused(r))))
            .Append(NationalWords.VerifierOutcome(ja, VerifierAnswerWords.Provided("0A1B2C")))
            .ToList();
        Assert.All(shown, text =>
        {
            Assert.Matches(@"[\u3040-\u30FF\u4E00-\u9FFF]", text);
            Assert.False(EnglishSentence().IsMatch(text), text);
            Assert.DoesNotMatch("^[ -~]+$", text);
        });
        Assert.Equal("提供（新しい証明書 0A1B2C）", shown[^1]);
    }
}
