using System.Globalization;
using Myna.Core.Issuance;

namespace Myna.Core.Tests.Issuance;

/// <summary>
/// DOMAIN §6.5 case by case. Documents: <c>kind[+photo][@YYYY-MM-DD]</c>, prefixed <c>p:</c> for the
/// proxy's and <c>h:</c> for a household member's; measures: pin, chip, ask (聴聞), reason, auth.
/// </summary>
public sealed class IdentityVerificationTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static VerificationCase Case(bool proxy, string documents, string measures)
    {
        var docs = documents.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(spec =>
        {
            var holder = spec.StartsWith("p:", StringComparison.Ordinal) ? DocumentHolder.Proxy
                : spec.StartsWith("h:", StringComparison.Ordinal) ? DocumentHolder.Household : DocumentHolder.Applicant;
            spec = spec.Contains(':', StringComparison.Ordinal) ? spec[2..] : spec;
            DateOnly? issued = null;
            if (spec.Split('@') is [var rest, var date])
            {
                issued = DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                spec = rest;
            }
            var photo = spec.EndsWith("+photo", StringComparison.Ordinal);
            return new PresentedDocument(photo ? spec[..^6] : spec, holder, photo, issued);
        }).ToList();
        var m = measures.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        return new VerificationCase(proxy, docs, Today, m.Contains("pin"), m.Contains("chip"), m.Contains("ask"), m.Contains("reason"), m.Contains("auth"));
    }

    [Theory]
    // In person, method A: one 甲 and a measure.
    [InlineData(false, "drivers-license", "pin", "A", null)]
    [InlineData(false, "passport", "chip", "A", null)]
    [InlineData(false, "residence-card", "ask", "A", null)]
    [InlineData(false, "drivers-license", "", null, "PIN entry, an IC-chip check or questioning")]
    // Method B: two 甲.
    [InlineData(false, "drivers-license,passport", "", "B", null)]
    [InlineData(false, "individual-number-card,juki-card-with-photo", "", "B", null)]
    [InlineData(false, "physical-disability-certificate,rehabilitation-certificate", "", "B", null)]
    [InlineData(false, "special-permanent-resident-certificate,temporary-refuge-permit", "", "B", null)]
    // Method C: one 甲 and one 乙.
    [InlineData(false, "passport,health-insurance-card", "", "C", null)]
    [InlineData(false, "mental-disability-certificate,pension-certificate", "", "C", null)]
    [InlineData(false, "provisional-stay-permit,bank-passbook", "", "C", null)]
    // The 運転経歴証明書 date rule.
    [InlineData(false, "driving-history-certificate@2012-04-01,drivers-license", "", "B", null)]
    [InlineData(false, "driving-history-certificate@2012-03-31,drivers-license", "", "C", null)]
    [InlineData(false, "driving-history-certificate@2012-03-31", "pin", null, "1 photo ID (甲) of the applicant")]
    [InlineData(false, "driving-history-certificate", "pin", null, "1 photo ID (甲) of the applicant")]
    // 乙 only.
    [InlineData(false, "health-insurance-card,pension-certificate", "ask", null, "1 photo ID (甲) of the applicant")]
    [InlineData(false, "", "", null, "1 photo ID (甲) of the applicant")]
    // Method D: the inquiry reply and 1 甲 or 2 乙.
    [InlineData(false, "inquiry-reply,health-insurance-card,student-id", "", "D", null)]
    [InlineData(false, "inquiry-reply,health-insurance-card", "", null, "1 photo ID (甲) or 2 other ID (乙)")]
    [InlineData(false, "health-insurance-card,student-id", "", null, "")]
    // Method E: reply, questioning, 1 乙 and a receipt within 3 months.
    [InlineData(false, "inquiry-reply,health-insurance-card,receipt@2026-09-01", "ask", "E", null)]
    [InlineData(false, "inquiry-reply,health-insurance-card,h:receipt@2026-08-24", "ask", "E", null)]
    [InlineData(false, "inquiry-reply,health-insurance-card,receipt@2026-08-23", "ask", null, "dated within 3 months")]
    [InlineData(false, "inquiry-reply,health-insurance-card,receipt@2026-12-01", "ask", null, "dated within 3 months")]
    [InlineData(false, "inquiry-reply,health-insurance-card,receipt@2026-10-01", "", null, "questioning (聴聞)")]
    [InlineData(false, "inquiry-reply,receipt@2026-10-01", "ask", null, "1 other ID (乙) of the applicant")]
    [InlineData(false, "health-insurance-card,receipt@2026-10-01", "ask", null, "")]
    // A proxy: own documents as in person, the applicant's by the proxy columns, reason and authorisation.
    [InlineData(true, "p:drivers-license,drivers-license,health-insurance-card+photo", "pin,reason,auth", "proxy A + applicant A", null)]
    [InlineData(true, "p:drivers-license,p:passport,drivers-license,passport", "reason,auth", "proxy B + applicant A", null)]
    [InlineData(true, "p:drivers-license,p:employee-id,drivers-license,health-insurance-card", "reason,auth", "proxy C + applicant B", null)]
    [InlineData(true, "p:passport,p:drivers-license,student-id+photo,health-insurance-card,pension-certificate", "reason,auth", "proxy B + applicant C", null)]
    [InlineData(true, "p:passport,p:drivers-license,legal-representative-photo-certificate+photo,maternal-child-handbook,child-medical-certificate", "reason,auth", "proxy B + applicant C", null)]
    [InlineData(true, "p:passport,p:drivers-license,facility-photo-certificate+photo,health-insurance-card,pension-certificate", "reason,auth", "proxy B + applicant C", null)]
    [InlineData(true, "p:passport,p:drivers-license,drivers-license,passport", "auth", null, "proxy reason")]
    [InlineData(true, "p:passport,p:drivers-license,drivers-license,passport", "reason", null, "authorisation")]
    [InlineData(true, "p:passport,drivers-license,passport", "reason,auth", null, "of the proxy")]
    [InlineData(true, "p:passport,p:drivers-license,drivers-license", "reason,auth", null, "of the applicant")]
    [InlineData(true, "p:passport,p:drivers-license,health-insurance-card,pension-certificate", "reason,auth", null, "of the applicant")]
    [InlineData(true, "p:passport,p:drivers-license,student-id+photo,health-insurance-card", "reason,auth", null, "2 more other ID (乙)")]
    [InlineData(true, "p:passport,p:drivers-license,drivers-license,student-id+photo", "reason,auth", "proxy B + applicant A", null)]
    [InlineData(true, "p:passport,p:drivers-license,inquiry-reply,health-insurance-card,student-id", "reason,auth", null, "of the applicant")]
    [InlineData(true, "drivers-license,passport", "pin,reason,auth", null, "of the proxy")]
    [InlineData(true, "p:drivers-license,drivers-license,passport", "reason,auth", null, "PIN entry, an IC-chip check or questioning")]
    public void Evaluate(bool proxy, string documents, string measures, string? method, string? missing)
    {
        var result = IdentityVerification.Evaluate(Case(proxy, documents, measures));
        Assert.Equal(method, result.Method);
        Assert.Equal(method is not null, result.Verified);
        if (missing is not null)
        {
            Assert.NotEmpty(result.Missing);
            Assert.Contains(result.Missing, m => m.En.Contains(missing, StringComparison.Ordinal));
        }
        else
        {
            Assert.Empty(result.Missing);
        }
    }

    [Fact]
    public void AnUnknownDocument_IsNamed() =>
        Assert.Equal(["unknown document kind 'library-card'"], IdentityVerification.Evaluate(Case(false, "library-card", "")).Missing.Select(m => m.En));

    [Fact]
    public void Evaluate_Missing_JapaneseFromTheCatalogue()
    {
        var result = IdentityVerification.Evaluate(Case(false, "drivers-license", ""));
        Assert.Equal("idv.gap", result.Missing[0].Code);
        Assert.Equal("A方式：暗証番号の入力、ICチップの確認または聴聞", result.Missing[0].Ja);
        Assert.Contains(result.Missing, m => m.Ja == "B方式：本人の甲の書類 2点（現在 1点）");
        Assert.Contains(result.Missing, m => m.En == "method B: 2 photo ID (甲) of the applicant (only 1)");
    }

    [Theory]
    [InlineData("B", "B方式", "method B")]
    [InlineData("proxy C + applicant B", "代理人 C方式 + 本人 B方式", "proxy method C + applicant method B")]
    public void Describe_RecordedMethod_BothLanguages(string method, string ja, string en)
    {
        Assert.Equal(ja, IdentityVerification.Describe(method).Ja);
        Assert.Equal(en, IdentityVerification.Describe(method).En);
    }
}
