using System.Globalization;
using Myna.Core.Issuance;

namespace Myna.Web.Infrastructure;

/// <summary>
/// The §6.5 document checklist (partial <c>_IdentityChecklist</c>) and the reading of what it posts
/// into a verification case: the window's hand-over, an application at the window and the card steps of §8 share both
/// (the last have no inquiry reply to tick by default).
/// </summary>
public sealed record IdentityChecklist(bool AllowProxy, bool Under15, bool InquiryReply = true)
{
    /// <summary>The documents most often shown, first in the checklist; every kind is available below them.</summary>
    public static readonly string[] CommonKo = ["drivers-license", "individual-number-card", "passport", "residence-card", "physical-disability-certificate", "juki-card-with-photo"];
    public static readonly string[] CommonOtsu = ["health-insurance-card", "pension-certificate", "student-id", "employee-id", "public-assistance-certificate",
        "bank-passbook", "elderly-handbook"];

    public static bool IsKo(string kind) => IdentityVerification.KoKinds.Contains(kind);

    /// <summary>The hidden field the checklist posts, so a page shown again after a refusal knows the form was this one.</summary>
    public const string PostedMarker = "idv-form";

    /// <summary>
    /// The checklist as the clerk last posted it, when the request is that post (a refusal shows the page again): every
    /// tick and date stays as it was. Null on a first showing, or after another form of the page was posted.
    /// </summary>
    public static IFormCollection? PostedFrom(HttpRequest request) =>
        request.HasFormContentType && request.Form.ContainsKey(PostedMarker) ? request.Form : null;

    public static IEnumerable<string> OtherKo => IdentityVerification.KoKinds.Except(CommonKo).Order(StringComparer.Ordinal);

    public static IEnumerable<string> OtherOtsu => IdentityVerification.OtsuKinds.Except(CommonOtsu).Order(StringComparer.Ordinal);

    /// <summary>The posted checklist as a case on <paramref name="today"/>; the proxy's part only when <paramref name="byProxy"/>.</summary>
    public static VerificationCase Read(IFormCollection form, bool byProxy, DateOnly today)
    {
        var documents = new List<PresentedDocument>();
        foreach (var (prefix, holder) in new[] { ("a", DocumentHolder.Applicant), ("p", DocumentHolder.Proxy) })
        {
            if (holder == DocumentHolder.Proxy && !byProxy)
            {
                continue;
            }
            foreach (var kind in form[prefix + ".doc"].OfType<string>())
            {
                DateOnly? issued = kind == IdentityVerification.DrivingHistoryCertificate && DateOnly.TryParse(form[prefix + ".dhc-issued"], CultureInfo.InvariantCulture, out var d)
                    ? d : null;
                documents.Add(new PresentedDocument(kind, holder, form[prefix + ".photo"].Contains(kind), issued));
            }
        }
        if (form.ContainsKey("inquiry-reply"))
        {
            documents.Add(new PresentedDocument(IdentityVerification.InquiryReply));
        }
        if (DateOnly.TryParse(form["receipt-date"], CultureInfo.InvariantCulture, out var receiptDate))
        {
            documents.Add(new PresentedDocument(IdentityVerification.Receipt, form["receipt-holder"] == "household" ? DocumentHolder.Household : DocumentHolder.Applicant,
                IssuedOn: receiptDate));
        }
        return new VerificationCase(byProxy, documents, today, form.ContainsKey("m.pin"), form.ContainsKey("m.chip"), form.ContainsKey("m.ask"),
            byProxy && form.ContainsKey("proxy-reason-doc"), byProxy && form.ContainsKey("proxy-authorisation"));
    }
}
