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

/// <summary>The outcome: the method that holds (e.g. <c>B</c>, or <c>proxy C + applicant B</c>), or exactly what is missing.</summary>
public sealed record VerificationResult(bool Verified, string? Method, IReadOnlyList<string> Missing);

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
            .Select(d => $"unknown document kind '{d.Kind}'").ToList();
        if (unknown.Count > 0)
        {
            return new VerificationResult(false, null, unknown);
        }
        return c.ByProxy ? ByProxy(c) : InPerson(c);
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
    private static (string? Method, List<(string Method, List<string> Missing)> Gaps) PersonalMethods(Counts n, VerificationCase c, string whose)
    {
        var measure = c.PinEntered || c.ChipChecked || c.Questioned;
        var gaps = new List<(string, List<string>)>
        {
            ("A", [.. Need(n.Ko, 1, $"1 甲 document of the {whose}"), .. measure ? Array.Empty<string>() : ["PIN entry, an IC-chip check or questioning (聴聞)"]]),
            ("B", Need(n.Ko, 2, $"2 甲 documents of the {whose}")),
            ("C", [.. Need(n.Ko, 1, $"1 甲 document of the {whose}"), .. Need(n.Otsu, 1, $"1 乙 document of the {whose}")]),
        };
        return (gaps.FirstOrDefault(g => g.Item2.Count == 0).Item1, gaps);
    }

    private static List<string> Need(int have, int need, string what) => have >= need ? [] : [have == 0 ? what : $"{what} (only {have})"];

    private static VerificationResult InPerson(VerificationCase c)
    {
        var own = c.Documents.Where(d => d.Holder == DocumentHolder.Applicant).ToList();
        var n = Count(own);
        var (method, gaps) = PersonalMethods(n, c, "applicant");
        if (method is not null)
        {
            return new VerificationResult(true, method, []);
        }
        var reply = c.Documents.Any(d => d.Kind == InquiryReply);
        var receipt = c.Documents.Any(d => d.Kind == Receipt && d.Holder is DocumentHolder.Applicant or DocumentHolder.Household
            && d.IssuedOn is { } on && on <= c.VerifiedOn && on >= c.VerifiedOn.AddMonths(-3));
        var replyNeeded = reply ? Array.Empty<string>() : ["the inquiry reply (照会回答書)"];
        gaps.Add(("D", [.. replyNeeded, .. n.Ko >= 1 || n.Otsu >= 2 ? Array.Empty<string>() : ["1 甲 document or 2 乙 documents of the applicant"]]));
        gaps.Add(("E", [.. replyNeeded, .. c.Questioned ? Array.Empty<string>() : ["questioning (聴聞)"], .. Need(n.Otsu, 1, "1 乙 document of the applicant"),
            .. receipt ? Array.Empty<string>() : ["a receipt (tax, social insurance, utility) naming the applicant or a household member, dated within 3 months"]]));
        var holds = gaps.FirstOrDefault(g => g.Missing.Count == 0).Method;
        return holds is not null ? new VerificationResult(true, holds, []) : new VerificationResult(false, null, Gaps("", gaps));
    }

    private static VerificationResult ByProxy(VerificationCase c)
    {
        var missing = new List<string>();
        if (!c.ProxyReasonDocument)
        {
            missing.Add("the document showing why a proxy comes (proxy reason)");
        }
        if (!c.ProxyAuthorisation)
        {
            missing.Add("the authorisation (委任状 or proof of legal representation)");
        }
        var (proxyMethod, proxyGaps) = PersonalMethods(Count(c.Documents.Where(d => d.Holder == DocumentHolder.Proxy)), c, "proxy");
        var n = Count(c.Documents.Where(d => d.Holder == DocumentHolder.Applicant));
        var applicantGaps = new List<(string Method, List<string> Missing)>
        {
            ("A", n.Ko >= 1 && n.Ko + n.OtsuWithPhoto >= 2 ? [] : [n.Ko == 0 ? "1 甲 document of the applicant and 1 more 甲 or 乙 with photo" : "1 more 甲 or 乙 with photo of the applicant"]),
            ("B", [.. Need(n.Ko, 1, "1 甲 document of the applicant"), .. Need(n.Otsu, 1, "1 乙 document of the applicant")]),
            ("C", [.. Need(n.OtsuWithPhoto, 1, "1 乙 document with photo of the applicant"), .. Need(n.Otsu, 3, "2 other 乙 documents of the applicant")]),
        };
        var applicantMethod = applicantGaps.FirstOrDefault(g => g.Missing.Count == 0).Method;
        if (proxyMethod is null)
        {
            missing.AddRange(Gaps("the proxy's own documents, ", proxyGaps));
        }
        if (applicantMethod is null)
        {
            missing.AddRange(Gaps("the applicant's documents, ", applicantGaps));
        }
        return missing.Count == 0
            ? new VerificationResult(true, $"proxy {proxyMethod} + applicant {applicantMethod}", [])
            : new VerificationResult(false, null, missing);
    }

    /// <summary>What each method still needs, one line per method: the clerk sees every way to complete the case.</summary>
    private static List<string> Gaps(string prefix, List<(string Method, List<string> Missing)> gaps) =>
        gaps.Where(g => g.Missing.Count > 0).Select(g => $"{prefix}method {g.Method}: {string.Join("; ", g.Missing)}").ToList();
}
