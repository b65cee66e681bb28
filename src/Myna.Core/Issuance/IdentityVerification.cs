using Myna.Core.Text.Messages;
using static Myna.Core.Issuance.IdentityVerificationMessages;

namespace Myna.Core.Issuance;

/// <summary>Whose document it is.</summary>
public enum DocumentHolder
{
    Applicant,
    Proxy,
    /// <summary>A member of the applicant's household (receipts for method E).</summary>
    Household,
}

/// <summary>One document shown at the window: its kind (see <see cref="IdentityVerification.KoKinds"/> and <see cref="IdentityVerification.OtsuKinds"/>), whose, with a photo or not, and its issue date.</summary>
public sealed record PresentedDocument(string Kind, DocumentHolder Holder = DocumentHolder.Applicant, bool Photo = false, DateOnly? IssuedOn = null);

/// <summary>A case at the window: who presents, the documents, the measures taken, and for a proxy the reason document and authorisation.</summary>
public sealed record VerificationCase(
    bool ByProxy,
    IReadOnlyList<PresentedDocument> Documents,
    DateOnly VerifiedOn,
    bool PinEntered = false,
    bool ChipChecked = false,
    bool Questioned = false,
    bool ProxyReasonDocument = false,
    bool ProxyAuthorisation = false);

/// <summary>
/// The outcome: the method that holds (e.g. <c>B</c>, or <c>proxy C + applicant B</c>, kept as recorded), or exactly what is
/// missing, one catalogue message per method that could still complete the case.
/// </summary>
public sealed record VerificationResult(bool Verified, string? Method, IReadOnlyList<Message> Missing)
{
    /// <summary>The method for a person to read (「B方式」, 「代理人 C方式 + 本人 B方式」); null when none holds.</summary>
    public Message? ShownMethod => Method is null ? null : IdentityVerification.Describe(Method);

    /// <summary>The JSON answer of the API and the CLI.</summary>
    public VerificationAnswer ToAnswer() => new(Verified, Method, [.. Missing.Select(m => m.En)], [.. Missing.Select(MessageJson.From)]);
}

/// <summary>
/// The JSON answer: <c>missing</c> in English as before, and <c>messages</c> with each line's stable catalogue code
/// (e.g. <c>idv.gap</c>), its arguments and both texts, so a client can show the Japanese.
/// </summary>
public sealed record VerificationAnswer(bool Verified, string? Method, IReadOnlyList<string> Missing, IReadOnlyList<MessageJson> Messages);

/// <summary>
/// Identity verification at the window (DOMAIN §6.5, revision of 2020-12-28): documents of class
/// 甲 (photo ID) and 乙 (other, with or without photo), methods A–E for an applicant in person
/// and A–C for a proxy (the proxy's own documents, and the applicant's). A 運転経歴証明書 is 甲
/// only when issued on or after 2012-04-01 (an older one counts as 乙 with photo [project]);
/// a receipt for method E must be dated within 3 months before the verification and name the
/// applicant or a household member.
/// </summary>
public static class IdentityVerification
{
    public const string DrivingHistoryCertificate = "driving-history-certificate";
    public const string InquiryReply = "inquiry-reply";
    public const string Receipt = "receipt";
    public static readonly DateOnly DrivingHistoryFrom = new(2012, 4, 1);

    public static readonly IReadOnlySet<string> KoKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "individual-number-card", "juki-card-with-photo", "drivers-license", DrivingHistoryCertificate, "passport", "physical-disability-certificate",
        "mental-disability-certificate", "rehabilitation-certificate", "residence-card", "special-permanent-resident-certificate",
        "temporary-refuge-permit", "provisional-stay-permit",
    };

    public static readonly IReadOnlySet<string> OtsuKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "qualification-certificate", "seaman-book", "war-injury-certificate", "public-employee-id", "elderly-handbook", "public-assistance-certificate",
        "health-insurance-card", "medical-benefit-certificate", "pension-certificate", "child-rearing-allowance-certificate",
        "special-child-rearing-allowance-certificate", "maternal-child-handbook", "child-medical-certificate", "bank-passbook", "employee-id",
        "student-id", "school-document", "facility-photo-certificate", "legal-representative-photo-certificate",
    };

    private sealed record Counts(int Ko, int Otsu, int OtsuWithPhoto);

    public static VerificationResult Evaluate(VerificationCase c)
    {
        var unknown = c.Documents.Where(d => !KoKinds.Contains(d.Kind) && !OtsuKinds.Contains(d.Kind) && d.Kind is not (InquiryReply or Receipt))
            .Select(d => UnknownKind.With(d.Kind)).ToList();
        if (unknown.Count > 0)
        {
            return new VerificationResult(false, null, unknown);
        }
        return c.ByProxy ? ByProxy(c) : InPerson(c);
    }

    /// <summary>A recorded method (<c>B</c>, <c>proxy C + applicant B</c>) in the reader's words.</summary>
    public static Message Describe(string method)
    {
        var parts = method.Split(' ');
        return parts is ["proxy", var proxy, "+", "applicant", var applicant] ? ProxyMethod.With(proxy, applicant) : Method.With(method);
    }

    private static bool IsKo(PresentedDocument d) =>
        KoKinds.Contains(d.Kind) && (d.Kind != DrivingHistoryCertificate || d.IssuedOn is { } on && on >= DrivingHistoryFrom);

    private static bool IsOtsu(PresentedDocument d) => OtsuKinds.Contains(d.Kind) || d.Kind == DrivingHistoryCertificate && !IsKo(d);

    private static bool HasPhoto(PresentedDocument d) => d.Photo || d.Kind == DrivingHistoryCertificate;

    private static Counts Count(IEnumerable<PresentedDocument> documents)
    {
        var list = documents.ToList();
        return new Counts(list.Count(IsKo), list.Count(IsOtsu), list.Count(d => IsOtsu(d) && HasPhoto(d)));
    }

    /// <summary>Methods A–C on one person's own documents; null when one holds, else what each method still lacks.</summary>
    private static (string? Method, List<(string Method, List<Message> Missing)> Gaps) PersonalMethods(Counts n, VerificationCase c, Message whose)
    {
        var measure = c.PinEntered || c.ChipChecked || c.Questioned;
        var gaps = new List<(string, List<Message>)>
        {
            ("A", [.. Need(n.Ko, 1, Ko.With(whose, 1)), .. measure ? Array.Empty<Message>() : [(Message)Measure]]),
            ("B", Need(n.Ko, 2, Ko.With(whose, 2))),
            ("C", [.. Need(n.Ko, 1, Ko.With(whose, 1)), .. Need(n.Otsu, 1, Otsu.With(whose, 1))]),
        };
        return (gaps.FirstOrDefault(g => g.Item2.Count == 0).Item1, gaps);
    }

    private static List<Message> Need(int have, int need, Message what) => have >= need ? [] : [have == 0 ? what : Only.With(what, have)];

    private static VerificationResult InPerson(VerificationCase c)
    {
        var own = c.Documents.Where(d => d.Holder == DocumentHolder.Applicant).ToList();
        var n = Count(own);
        var (method, gaps) = PersonalMethods(n, c, Applicant);
        if (method is not null)
        {
            return new VerificationResult(true, method, []);
        }
        var reply = c.Documents.Any(d => d.Kind == InquiryReply);
        var receipt = c.Documents.Any(d => d.Kind == Receipt && d.Holder is DocumentHolder.Applicant or DocumentHolder.Household
            && d.IssuedOn is { } on && on <= c.VerifiedOn && on >= c.VerifiedOn.AddMonths(-3));
        var replyNeeded = reply ? Array.Empty<Message>() : [(Message)IdentityVerificationMessages.InquiryReply];
        gaps.Add(("D", [.. replyNeeded, .. n.Ko >= 1 || n.Otsu >= 2 ? Array.Empty<Message>() : [(Message)KoOrTwoOtsu]]));
        gaps.Add(("E", [.. replyNeeded, .. c.Questioned ? Array.Empty<Message>() : [(Message)Questioning], .. Need(n.Otsu, 1, Otsu.With(Applicant, 1)),
            .. receipt ? Array.Empty<Message>() : [(Message)IdentityVerificationMessages.Receipt]]));
        var holds = gaps.FirstOrDefault(g => g.Missing.Count == 0).Method;
        return holds is not null ? new VerificationResult(true, holds, []) : new VerificationResult(false, null, Gaps(Gap, gaps));
    }

    private static VerificationResult ByProxy(VerificationCase c)
    {
        var missing = new List<Message>();
        if (!c.ProxyReasonDocument)
        {
            missing.Add(ProxyReason);
        }
        if (!c.ProxyAuthorisation)
        {
            missing.Add(Authorisation);
        }
        var (proxyMethod, proxyGaps) = PersonalMethods(Count(c.Documents.Where(d => d.Holder == DocumentHolder.Proxy)), c, Proxy);
        var n = Count(c.Documents.Where(d => d.Holder == DocumentHolder.Applicant));
        var applicantGaps = new List<(string Method, List<Message> Missing)>
        {
            ("A", n.Ko >= 1 && n.Ko + n.OtsuWithPhoto >= 2 ? [] : [n.Ko == 0 ? (Message)KoAndPhoto : OneMorePhoto]),
            ("B", [.. Need(n.Ko, 1, Ko.With(Applicant, 1)), .. Need(n.Otsu, 1, Otsu.With(Applicant, 1))]),
            ("C", [.. Need(n.OtsuWithPhoto, 1, OtsuWithPhoto.With(Applicant, 1)), .. Need(n.Otsu, 3, OtherOtsu.With(2))]),
        };
        var applicantMethod = applicantGaps.FirstOrDefault(g => g.Missing.Count == 0).Method;
        if (proxyMethod is null)
        {
            missing.AddRange(Gaps(ProxyGap, proxyGaps));
        }
        if (applicantMethod is null)
        {
            missing.AddRange(Gaps(ApplicantGap, applicantGaps));
        }
        return missing.Count == 0
            ? new VerificationResult(true, $"proxy {proxyMethod} + applicant {applicantMethod}", [])
            : new VerificationResult(false, null, missing);
    }

    /// <summary>What each method still needs, one line per method: the clerk sees every way to complete the case.</summary>
    private static List<Message> Gaps(MessageText line, List<(string Method, List<Message> Missing)> gaps) =>
        gaps.Where(g => g.Missing.Count > 0).Select(g => line.With(g.Method, g.Missing)).ToList();
}
