using Myna.Core.Identifiers;

namespace Myna.Core.SupportMeasures;

/// <summary>What is asked for (DOMAIN §9 "Effects", §10 "Certificates"): every document that shows a resident's address.</summary>
public enum CertificateDocument
{
    /// <summary>住民票の写し (one person or the household).</summary>
    ResidentRecordCopy,
    /// <summary>住民票記載事項証明書.</summary>
    RecordEntriesCertificate,
    /// <summary>戸籍の附票の写し (kept by the place of the family register).</summary>
    FamilyRegisterAttachmentCopy,
    /// <summary>除票の写し (住民票 or 附票 of a person who moved out or died).</summary>
    RemovedRecordCopy,
    /// <summary>住民基本台帳の一部の写しの閲覧.</summary>
    RegisterViewing,
}

/// <summary>Who asks (DOMAIN §10 "At the window": the kinds of requester the window records).</summary>
public enum RequesterKind
{
    /// <summary>本人: the person the record is about (their resident code is given).</summary>
    Self,
    /// <summary>同一世帯の者: a member of the subject's household.</summary>
    HouseholdMember,
    /// <summary>第三者: someone exercising a right or fulfilling a duty, with a stated purpose (住基法 §12-3 ①).</summary>
    ThirdParty,
    /// <summary>任意代理人: someone with an authorisation (委任状) from a named client.</summary>
    Proxy,
    /// <summary>特定事務受任者: a lawyer, scrivener, … on the unified request form (職務上請求書) naming the client.</summary>
    Professional,
    /// <summary>裁判所: on its own request (調査嘱託 or 送付嘱託).</summary>
    Court,
    /// <summary>国又は地方公共団体の機関: on its own request, with the law it acts under.</summary>
    PublicBody,
}

/// <summary>Where the request is made. A kiosk serves only the card holder, and never a protected resident (DOMAIN §10).</summary>
public enum RequestChannel
{
    Window,
    Kiosk,
}

/// <summary>The professions that may make a 職務上請求 (住基法 §12-3 ②).</summary>
public enum Profession
{
    /// <summary>弁護士.</summary>
    Lawyer,
    /// <summary>司法書士.</summary>
    JudicialScrivener,
    /// <summary>土地家屋調査士.</summary>
    LandAndHouseSurveyor,
    /// <summary>税理士.</summary>
    TaxAccountant,
    /// <summary>社会保険労務士.</summary>
    LabourAndSocialSecurityAttorney,
    /// <summary>弁理士.</summary>
    PatentAttorney,
    /// <summary>海事代理士.</summary>
    MaritimeProceduresAgent,
    /// <summary>行政書士.</summary>
    AdministrativeScrivener,
}

/// <summary>
/// In what capacity a professional asks. Both are refused when the client is the offender
/// (notice of 2018-03-28: "加害者の代理人として又は加害者が依頼した事件等の特定事務受任者として").
/// </summary>
public enum ProfessionalCapacity
{
    /// <summary>As the client's representative (代理人).</summary>
    Agent,
    /// <summary>As the one entrusted with a matter the client commissioned (依頼された事件・事務の受任者).</summary>
    CommissionedMatter,
}

/// <summary>The court's own request.</summary>
public enum CourtRequestKind
{
    /// <summary>調査嘱託 (民事訴訟法 §186).</summary>
    InvestigationCommission,
    /// <summary>文書送付嘱託 (民事訴訟法 §226).</summary>
    DocumentSendingCommission,
}

/// <summary>
/// A person or body as written on the request and shown on its identity documents: nothing here
/// is looked up in the register. For a court or a public body <see cref="Name"/> is the body's name.
/// </summary>
public sealed record RequesterIdentity(string Name, string? NameReading = null, DateOnly? BirthDate = null, string? Address = null);

/// <summary>
/// The requester with what the window recorded about them. Only the fields of their
/// <see cref="Kind"/> are required (see <see cref="CertificateRequest.Problems"/>); a client given
/// for any kind is checked against the offenders too, since offenders use third parties (DOMAIN §9).
/// </summary>
public sealed record CertificateRequester
{
    public required RequesterKind Kind { get; init; }

    public required RequesterIdentity Identity { get; init; }

    /// <summary>Whether the window verified the requester's identity (DOMAIN §6.5 documents).</summary>
    public bool IdentityVerified { get; init; }

    /// <summary>The requester's own resident code: required for <see cref="RequesterKind.Self"/>, optional for a household member.</summary>
    public ResidentCode? ResidentCode { get; init; }

    /// <summary>The stated purpose (required for a third party).</summary>
    public string? Purpose { get; init; }

    /// <summary>Whether documents confirm the purpose (a contract, a judgment, a bill …).</summary>
    public bool PurposeConfirmed { get; init; }

    /// <summary>
    /// The requester says the document is to be submitted to a court. Under the notice of
    /// 2018-12-03 such a document about a protected person goes to the court on its 調査嘱託,
    /// never to the party.
    /// </summary>
    public bool ForCourtProceedings { get; init; }

    /// <summary>The client named on the authorisation or the 職務上請求書 (required for a proxy and a professional).</summary>
    public RequesterIdentity? Client { get; init; }

    public Profession? Profession { get; init; }

    public ProfessionalCapacity? Capacity { get; init; }

    public CourtRequestKind? CourtRequest { get; init; }

    /// <summary>The provision a public body acts under (e.g. 国税徴収法 §146-2).</summary>
    public string? LegalBasis { get; init; }
}

/// <summary>
/// A request for a document showing a resident's address, as the window or the kiosk received it,
/// before anything is printed. <see cref="Subjects"/> are the residents the document is about
/// (several for a household copy).
/// </summary>
public sealed record CertificateRequest(
    CertificateDocument Document,
    CertificateRequester Requester,
    IReadOnlyList<ResidentCode> Subjects,
    RequestChannel Channel = RequestChannel.Window)
{
    /// <summary>
    /// Every rule the request breaks, each with the field (a JSON path of the request) and a
    /// stable code; empty when the request can be decided.
    /// </summary>
    public IReadOnlyList<CertificateRequestProblem> Problems()
    {
        var problems = new List<CertificateRequestProblem>();
        void Add(string field, string code, string message) => problems.Add(new CertificateRequestProblem(field, code, message));

        if (!Enum.IsDefined(Document))
        {
            Add("document", "unknown-document", "the document asked for is not one of the known kinds");
        }
        if (!Enum.IsDefined(Channel))
        {
            Add("channel", "unknown-channel", "the channel is neither the window nor a kiosk");
        }
        if (Subjects is null || Subjects.Count == 0)
        {
            Add("subjects", "no-subject", "name at least one resident the document is about");
        }
        else
        {
            for (var i = 0; i < Subjects.Count; i++)
            {
                if (Subjects[i].Value.Length == 0)
                {
                    Add($"subjects[{i}]", "subject-without-code", "a subject needs a resident code");
                }
            }
        }
        if (Requester is null)
        {
            Add("requester", "no-requester", "say who asks");
            return problems;
        }
        RequesterProblems(Requester, Add);
        if (Channel == RequestChannel.Kiosk && Requester.Kind != RequesterKind.Self)
        {
            Add("channel", "kiosk-serves-only-the-holder", "a kiosk serves only the card holder about themself (DOMAIN §10)");
        }
        return problems;
    }

    private static void RequesterProblems(CertificateRequester r, Action<string, string, string> add)
    {
        if (!Enum.IsDefined(r.Kind))
        {
            add("requester.kind", "unknown-requester-kind", "the kind of requester is not one of the known kinds");
            return;
        }
        if (r.Identity is null || string.IsNullOrWhiteSpace(r.Identity.Name))
        {
            add("requester.identity.name", "requester-without-name", "the requester's name (or the body's name) is required");
        }
        switch (r.Kind)
        {
            case RequesterKind.Self when string.IsNullOrEmpty(r.ResidentCode?.Value):
                add("requester.residentCode", "self-without-resident-code", "a person asking about themself is identified by their resident code");
                break;
            case RequesterKind.ThirdParty when string.IsNullOrWhiteSpace(r.Purpose):
                add("requester.purpose", "third-party-without-purpose", "a third party must state the purpose of the request");
                break;
            case RequesterKind.Proxy or RequesterKind.Professional when r.Client is null || string.IsNullOrWhiteSpace(r.Client.Name):
                add("requester.client.name", "representative-without-client", "a representative must name the client they act for");
                break;
            case RequesterKind.Court when r.CourtRequest is null || !Enum.IsDefined(r.CourtRequest.Value):
                add("requester.courtRequest", "court-without-commission", "a court asks by 調査嘱託 or 送付嘱託; say which");
                break;
            case RequesterKind.PublicBody when string.IsNullOrWhiteSpace(r.LegalBasis):
                add("requester.legalBasis", "public-body-without-legal-basis", "a public body must state the law it acts under");
                break;
        }
        if (r.Kind == RequesterKind.Professional)
        {
            if (r.Profession is null || !Enum.IsDefined(r.Profession.Value))
            {
                add("requester.profession", "professional-without-profession", "say which profession makes the 職務上請求");
            }
            if (r.Capacity is null || !Enum.IsDefined(r.Capacity.Value))
            {
                add("requester.capacity", "professional-without-capacity", "say whether the professional acts as the client's agent or in a matter the client commissioned");
            }
        }
    }
}

/// <summary>One broken rule of a request: the field (JSON path), a stable code and a message for the clerk.</summary>
public sealed record CertificateRequestProblem(string Field, string Code, string Message);
