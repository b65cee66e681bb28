using System.Net;
using Microsoft.EntityFrameworkCore;
using Myna.Hosting.Demo;
using Myna.National.Jpki;
using Myna.Pki.Authorities;
using Myna.Testing;

namespace Myna.Web.Tests.Pki;

/// <summary>The J-LIS operators' pages: separate sign-in, certificate search, history, revoke / suspend / release.</summary>
public sealed class OperatorPageTests
{
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string handler, Dictionary<string, string> form)
    {
        form["__RequestVerificationToken"] = await PageClient.TokenAsync(client, path);
        return await client.PostAsync($"{path}?handler={handler}", new FormUrlEncodedContent(form));
    }

    [Fact]
    public async Task AnOperator_FindsACertificate_SuspendsReleasesAndRevokesIt_WithItsHistory()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 3);
        using var user = await TestCertificates.IssueAsync(factory, CaKind.UserAuthentication);
        using var op = await PageClient.SignedInOperatorAsync(factory);

        var home = await op.GetStringAsync("/national");
        Assert.Contains(user.Serial, home, StringComparison.Ordinal); // redirected to /national: the latest issuances
        Assert.Contains("地方公共団体情報システム機構（J-LIS）", home, StringComparison.Ordinal);
        var found = await op.GetStringAsync("/national?Serial=" + user.Serial[..8].ToLowerInvariant());
        Assert.Contains($"/national/certificates/auth/{user.Serial}", found, StringComparison.Ordinal);
        var municipal = await factory.Stores.OpenMunicipal().Residents.AsNoTracking().SingleAsync(r => r.Id == user.ResidentId);
        var byHolder = await op.GetStringAsync($"/national?Municipality=042021&ResidentCode={municipal.ResidentCode}");
        Assert.Contains(user.Serial, byHolder, StringComparison.Ordinal);
        Assert.Contains("national-error", await op.GetStringAsync("/national?Municipality=042021&ResidentCode=123"), StringComparison.Ordinal);

        var page = $"/national/certificates/auth/{user.Serial}";
        var suspended = await (await PostAsync(op, page, "Suspend", new() { ["Note"] = "紛失の届出 受付番号 0001" })).Content.ReadAsStringAsync();
        Assert.Contains("一時保留にしました", suspended, StringComparison.Ordinal);
        Assert.Contains("紛失の届出 受付番号 0001", suspended, StringComparison.Ordinal);
        var released = await (await PostAsync(op, page, "Release", new() { ["Note"] = "本人確認済み" })).Content.ReadAsStringAsync();
        Assert.Contains("一時保留を解除しました", released, StringComparison.Ordinal);

        var unconfirmed = await (await PostAsync(op, page, "Revoke", new() { ["Reason"] = "KeyCompromise" })).Content.ReadAsStringAsync();
        Assert.Contains("確認欄にチェック", unconfirmed, StringComparison.Ordinal);
        var revoked = await (await PostAsync(op, page, "Revoke", new() { ["Reason"] = "KeyCompromise", ["Confirm"] = "true" })).Content.ReadAsStringAsync();
        Assert.Contains("失効しました", revoked, StringComparison.Ordinal);
        Assert.Contains("鍵の危殆化", revoked, StringComparison.Ordinal);

        await using var national = factory.Stores.Runtime.Stores.OpenNational();
        var certificate = await national.Certificates.AsNoTracking().SingleAsync(c => c.Serial == user.Serial);
        Assert.Equal(CertificateStatus.Revoked, certificate.Status);
        var history = await national.CertificateEvents.AsNoTracking().Where(e => e.CertificateId == certificate.Id).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([CertificateStatus.Good, CertificateStatus.Suspended, CertificateStatus.Good, CertificateStatus.Revoked], history.Select(e => e.Status));
        Assert.All(history.Skip(1), e => Assert.Equal(DemoSetup.Operator.UserName, e.Actor));
    }

    [Fact]
    public async Task OperatorsAndMunicipalStaff_StayOnTheirOwnSide()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 3);
        using var op = await PageClient.SignedInOperatorAsync(factory);
        using var clerk = await PageClient.SignedInAsync(factory, "clerk", "clerk-demo-2026");

        var clerkAtNational = await clerk.GetAsync("/national");
        Assert.Equal(HttpStatusCode.Forbidden, clerkAtNational.StatusCode);
        Assert.EndsWith("/account/denied", clerkAtNational.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        var operatorAtMail = await op.GetAsync("/mail");
        Assert.Equal(HttpStatusCode.Forbidden, operatorAtMail.StatusCode);
        Assert.EndsWith("/account/denied", operatorAtMail.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.GetAsync("/api/v1/residents?name=a")).StatusCode);

        // A municipal account's password does not open the national side, and the reverse.
        using var anonymous = factory.CreateClient();
        var token = await PageClient.TokenAsync(anonymous, "/account/login");
        var wrong = await anonymous.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Municipality"] = "national", ["UserName"] = "clerk", ["Password"] = "clerk-demo-2026", ["__RequestVerificationToken"] = token,
        }));
        Assert.Contains("signin-error", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
