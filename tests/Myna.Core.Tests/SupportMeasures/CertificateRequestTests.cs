using Myna.Core.Identifiers;
using Myna.Core.SupportMeasures;

namespace Myna.Core.Tests.SupportMeasures;

/// <summary>Bad input to the check: refused with the field and a stable code, nothing decided.</summary>
public sealed class CertificateRequestTests
{
    private static readonly ResidentCode Victim = SupportMeasureCheckTests.Victim;
    private static readonly RequesterIdentity Someone = new("佐藤 花子", "サトウ ハナコ", new DateOnly(1990, 1, 1));
    private static readonly MeasureFacts[] Measures = [SupportMeasureCheckTests.Measure("SM-2026-001", [SupportMeasureCheckTests.Yamada])];

    private static CertificateRequester Of(RequesterKind kind) => new() { Kind = kind, Identity = Someone, IdentityVerified = true };

    public static TheoryData<string, string, string> BadRequests => new()
    {
        // name of the case, the field, the code
        { "no subject", "subjects", "certificate-request.no-subject" },
        { "a subject without a code", "subjects[1]", "certificate-request.subject-without-code" },
        { "third party without a purpose", "requester.purpose", "certificate-request.third-party-without-purpose" },
        { "proxy without a client", "requester.client.name", "certificate-request.representative-without-client" },
        { "professional with a blank client", "requester.client.name", "certificate-request.representative-without-client" },
        { "professional without a profession", "requester.profession", "certificate-request.professional-without-profession" },
        { "professional without a capacity", "requester.capacity", "certificate-request.professional-without-capacity" },
        { "court without its commission", "requester.courtRequest", "certificate-request.court-without-commission" },
        { "public body without a legal basis", "requester.legalBasis", "certificate-request.public-body-without-legal-basis" },
        { "self without a resident code", "requester.residentCode", "certificate-request.self-without-resident-code" },
        { "requester without a name", "requester.identity.name", "certificate-request.requester-without-name" },
        { "a third party at a kiosk", "channel", "certificate-request.kiosk-serves-only-the-holder" },
        { "an unknown document", "document", "certificate-request.unknown-document" },
        { "an unknown requester kind", "requester.kind", "certificate-request.unknown-requester-kind" },
    };

    private static CertificateRequest Build(string name)
    {
        var third = Of(RequesterKind.ThirdParty) with { Purpose = "債権回収" };
        var lawyer = Of(RequesterKind.Professional) with { Client = Someone, Profession = Profession.Lawyer, Capacity = ProfessionalCapacity.Agent };
        CertificateRequest Ask(CertificateRequester r, params ResidentCode[] about) => new(CertificateDocument.ResidentRecordCopy, r, about);
        return name switch
        {
            "no subject" => Ask(third),
            "a subject without a code" => Ask(third, Victim, default),
            "third party without a purpose" => Ask(third with { Purpose = "  " }, Victim),
            "proxy without a client" => Ask(Of(RequesterKind.Proxy), Victim),
            "professional with a blank client" => Ask(lawyer with { Client = new RequesterIdentity("") }, Victim),
            "professional without a profession" => Ask(lawyer with { Profession = null }, Victim),
            "professional without a capacity" => Ask(lawyer with { Capacity = null }, Victim),
            "court without its commission" => Ask(Of(RequesterKind.Court), Victim),
            "public body without a legal basis" => Ask(Of(RequesterKind.PublicBody), Victim),
            "self without a resident code" => Ask(Of(RequesterKind.Self), Victim),
            "requester without a name" => Ask(third with { Identity = new RequesterIdentity(" ") }, Victim),
            "a third party at a kiosk" => new CertificateRequest(CertificateDocument.ResidentRecordCopy, third, [Victim], RequestChannel.Kiosk),
            "an unknown document" => new CertificateRequest((CertificateDocument)42, third, [Victim]),
            "an unknown requester kind" => Ask(third with { Kind = (RequesterKind)42 }, Victim),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such case"),
        };
    }

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void Decide_BadRequest_ThrowsWithFieldAndCode(string name, string field, string code)
    {
        var e = Assert.Throws<CertificateRequestException>(() => SupportMeasureCheck.Decide(Build(name), Measures, SupportMeasureCheckTests.Today));

        Assert.Equal(field, e.Field);
        Assert.Equal(code, e.Code);
        Assert.Contains(field, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_SeveralBroken_ListsEach()
    {
        var request = new CertificateRequest(CertificateDocument.ResidentRecordCopy,
            new CertificateRequester { Kind = RequesterKind.Professional, Identity = new RequesterIdentity("") }, []);

        var fields = request.Problems().Select(p => p.Field).ToList();

        Assert.Equal(["subjects", "requester.identity.name", "requester.client.name", "requester.profession", "requester.capacity"], fields);
    }

    [Fact]
    public void Problems_CompleteRequest_IsEmpty()
    {
        var request = new CertificateRequest(CertificateDocument.ResidentRecordCopy, Of(RequesterKind.HouseholdMember), [Victim]);

        Assert.Empty(request.Problems());
    }

    [Fact]
    public void MeasureFacts_EndBeforeStart_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => SupportMeasureCheckTests.Measure("SM-X", [], new DateOnly(2026, 6, 1), new DateOnly(2026, 5, 31)));

        Assert.Equal("end", e.ParamName);
    }

    [Fact]
    public void MeasureFacts_ApplicantWithoutCode_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => SupportMeasureCheckTests.Measure("SM-X", [], applicant: default(ResidentCode)));

        Assert.Equal("applicant", e.ParamName);
    }
}
