using Myna.Core.Identifiers;
using Myna.Core.SupportMeasures;
using static Myna.Core.SupportMeasures.SupportMeasureOutcome;
using Reasons = Myna.Core.SupportMeasures.SupportMeasureCheckReasons;

namespace Myna.Core.Tests.SupportMeasures;

/// <summary>DOMAIN §9 "Effects" and the notices of 2018-03-28 and 2018-12-03, case by case.</summary>
public sealed class SupportMeasureCheckTests
{
    internal static readonly DateOnly Today = new(2026, 12, 10);

    // The victim (applicant), a household member who asked for the same protection, a household
    // member who did not, and an unrelated resident.
    internal static readonly ResidentCode Victim = ResidentCode.FromBody(1_000_000_001);
    internal static readonly ResidentCode CoveredChild = ResidentCode.FromBody(1_000_000_002);
    internal static readonly ResidentCode Uncovered = ResidentCode.FromBody(1_000_000_003);
    internal static readonly ResidentCode Unrelated = ResidentCode.FromBody(1_000_000_004);
    internal static readonly ResidentCode OffenderOwnCode = ResidentCode.FromBody(1_000_000_005);
    internal static readonly ResidentCode Victim2 = ResidentCode.FromBody(1_000_000_006);

    internal static readonly DateOnly OffenderBorn = new(1980, 4, 1);
    internal const string OffenderAddress = "東京都千代田区霞が関1丁目2番3号";
    internal static readonly OffenderFacts Yamada = new("山田 太郎", "ヤマダ タロウ", OffenderBorn, OffenderAddress);
    internal static readonly OffenderFacts Smith = new("SMITH JOHN", "スミス ジョン", new DateOnly(1975, 9, 9));
    internal static readonly OffenderFacts SuzukiNoBirthDate = new("鈴木 一郎", "スズキ イチロウ");

    internal static MeasureFacts Measure(string reference, OffenderFacts[] offenders, DateOnly? start = null, DateOnly? end = null,
        bool active = true, ResidentCode? applicant = null, ResidentCode[]? alsoCovered = null, ResidentCode[]? sharing = null) =>
        new(reference, "dv", applicant ?? Victim, alsoCovered ?? [CoveredChild], offenders,
            start ?? new DateOnly(2026, 6, 1), end ?? new DateOnly(2027, 5, 31), active, sharing);

    private static readonly MeasureFacts Dv = Measure("SM-2026-001", [Yamada, Smith]);
    private static readonly MeasureFacts Expired = Measure("SM-2025-009", [Yamada], new DateOnly(2025, 6, 1), new DateOnly(2026, 5, 31));
    private static readonly MeasureFacts Lifted = Measure("SM-2026-002", [Yamada], active: false);
    private static readonly MeasureFacts NotYet = Measure("SM-2026-003", [Yamada], new DateOnly(2026, 12, 11), new DateOnly(2027, 12, 10));
    private static readonly MeasureFacts EndsToday = Measure("SM-2025-010", [Yamada], new DateOnly(2025, 12, 11), Today);
    private static readonly MeasureFacts UnknownBirth = Measure("SM-2026-004", [SuzukiNoBirthDate]);
    private static readonly MeasureFacts NoOffenderNamed = Measure("SM-2026-005", []);
    private static readonly MeasureFacts DvWithHousemate = Measure("SM-2026-008", [Yamada], sharing: [Uncovered]);
    private static readonly MeasureFacts OtherVictim = Measure("SM-2026-006", [SuzukiNoBirthDate], applicant: Victim2, alsoCovered: []);

    private static RequesterIdentity Person(string name, string? reading = null, DateOnly? born = null, string? address = null) => new(name, reading, born, address);

    private static readonly RequesterIdentity Stranger = Person("佐藤 花子", "サトウ ハナコ", new DateOnly(1990, 1, 1), "仙台市青葉区本町1-1-1");
    private static readonly RequesterIdentity VictimPerson = Person("田中 春子", "タナカ ハルコ", new DateOnly(1985, 5, 5));

    private static CertificateRequester Third(RequesterIdentity who, bool confirmed, bool forCourt = false) =>
        new() { Kind = RequesterKind.ThirdParty, Identity = who, IdentityVerified = true, Purpose = "債権回収のため", PurposeConfirmed = confirmed, ForCourtProceedings = forCourt };

    private static CertificateRequester Resident(RequesterKind kind, RequesterIdentity who, ResidentCode? code, bool verified = true) =>
        new() { Kind = kind, Identity = who, ResidentCode = code, IdentityVerified = verified };

    private static CertificateRequester Lawyer(RequesterIdentity client, ProfessionalCapacity capacity, Profession profession = Profession.Lawyer, bool forCourt = false) =>
        new()
        {
            Kind = RequesterKind.Professional, Identity = Person("弁護士 高橋 誠", born: new DateOnly(1970, 2, 2)), IdentityVerified = true,
            Client = client, Capacity = capacity, Profession = profession, Purpose = "訴訟準備", ForCourtProceedings = forCourt,
        };

    private static CertificateRequester ProxyFor(RequesterIdentity client) =>
        new() { Kind = RequesterKind.Proxy, Identity = Person("伊藤 次郎", born: new DateOnly(1988, 8, 8)), IdentityVerified = true, Client = client };

    private static CertificateRequester Court(CourtRequestKind kind) =>
        new() { Kind = RequesterKind.Court, Identity = Person("仙台家庭裁判所"), CourtRequest = kind };

    private static readonly CertificateRequester Tax =
        new() { Kind = RequesterKind.PublicBody, Identity = Person("仙台国税局"), LegalBasis = "国税徴収法第146条の2" };

    private static CertificateRequest Ask(CertificateRequester who, params ResidentCode[] about) => new(CertificateDocument.ResidentRecordCopy, who, about);

    public sealed record Case(CertificateRequest Request, MeasureFacts[] Measures, SupportMeasureOutcome Outcome, SupportMeasureCheckReason Reason, string[] References);

    private static Case C(CertificateRequest request, MeasureFacts[] measures, SupportMeasureOutcome outcome, SupportMeasureCheckReason reason, params string[] references) =>
        new(request, measures, outcome, reason, references);

    private static readonly RequesterIdentity YamadaAsWritten = Person("山田 太郎", "ヤマダ タロウ", OffenderBorn);

    /// <summary>Each case on one line: its name says what it proves.</summary>
    public static readonly IReadOnlyDictionary<string, Case> Cases = new Dictionary<string, Case>(StringComparer.Ordinal)
    {
        ["01 no measure at all: even an unconfirmed third party is not stopped by this check"] = C(Ask(Third(Stranger, false), Victim), [], Allow, Reasons.NotProtected),
        ["02 subject not covered by the measure passed: the offender asking about someone else is allowed"] = C(Ask(Third(YamadaAsWritten, true), Unrelated), [Dv], Allow, Reasons.NotProtected),
        ["03 offender by name and birth date"] = C(Ask(Third(YamadaAsWritten, true), Victim), [Dv], Refuse, Reasons.Offender, "SM-2026-001"),
        ["04 offender by reading and birth date, name written with another kanji"] = C(Ask(Third(Person("山田 太朗", "ヤマダ タロウ", OffenderBorn), true), Victim), [Dv], Refuse, Reasons.Offender, "SM-2026-001"),
        ["05 offender's reading in half-width katakana without the space"] = C(Ask(Third(Person("ﾔﾏﾀﾞﾀﾛｳ", null, OffenderBorn), true), Victim), [Dv], Refuse, Reasons.Offender, "SM-2026-001"),
        ["06 offender's reading in hiragana"] = C(Ask(Third(Person("山田太朗", "やまだ たろう", OffenderBorn), true), Victim), [Dv], Refuse, Reasons.Offender, "SM-2026-001"),
        ["07 offender's name with a full-width space"] = C(Ask(Third(Person("山田　太郎", null, OffenderBorn), true), Victim), [Dv], Refuse, Reasons.Offender, "SM-2026-001"),
        ["08 offender with a Latin name in another case and width"] = C(Ask(Third(Person("Ｓｍｉｔｈ　Ｊｏｈｎ", null, new DateOnly(1975, 9, 9)), true), Victim), [Dv], Refuse, Reasons.Offender, "SM-2026-001"),
        ["09 offender asks as a household member"] = C(Ask(Resident(RequesterKind.HouseholdMember, YamadaAsWritten, OffenderOwnCode), Victim), [Dv], Refuse, Reasons.Offender, "SM-2026-001"),
        ["10 offender asks for the household copy as themself"] = C(Ask(Resident(RequesterKind.Self, YamadaAsWritten, OffenderOwnCode), OffenderOwnCode, Victim), [Dv], Refuse, Reasons.Offender, "SM-2026-001"),
        ["11 offender asks for the family-register attachment (附票)"] = C(new CertificateRequest(CertificateDocument.FamilyRegisterAttachmentCopy, Third(YamadaAsWritten, true), [CoveredChild]), [Dv], Refuse, Reasons.Offender, "SM-2026-001"),
        ["12 offender asks for the removed record (除票)"] = C(new CertificateRequest(CertificateDocument.RemovedRecordCopy, Third(YamadaAsWritten, true), [Victim]), [Dv], Refuse, Reasons.Offender, "SM-2026-001"),
        ["13 offender asks to view the register (閲覧)"] = C(new CertificateRequest(CertificateDocument.RegisterViewing, Third(YamadaAsWritten, true), [Victim]), [Dv], Refuse, Reasons.Offender, "SM-2026-001"),
        ["14 same name as the offender, another birth date: not the offender"] = C(Ask(Third(Person("山田 太郎", "ヤマダ タロウ", new DateOnly(1999, 1, 1)), true), Victim), [Dv], ExamineStrictly, Reasons.ThirdPartyPurposeConfirmed, "SM-2026-001"),
        ["15 lawyer as the offender's agent (2018-03-28)"] = C(Ask(Lawyer(YamadaAsWritten, ProfessionalCapacity.Agent), Victim), [Dv], Refuse, Reasons.OffenderClient, "SM-2026-001"),
        ["16 lawyer in a matter the offender commissioned (2018-03-28)"] = C(Ask(Lawyer(YamadaAsWritten, ProfessionalCapacity.CommissionedMatter), Victim), [Dv], Refuse, Reasons.OffenderCommissionedMatter, "SM-2026-001"),
        ["17 judicial scrivener whose client is the offender by reading only"] = C(Ask(Lawyer(Person("山田太朗", "やまだたろう", OffenderBorn), ProfessionalCapacity.CommissionedMatter, Profession.JudicialScrivener), Victim), [Dv], Refuse, Reasons.OffenderCommissionedMatter, "SM-2026-001"),
        ["18 proxy with the offender's authorisation"] = C(Ask(ProxyFor(YamadaAsWritten), CoveredChild), [Dv], Refuse, Reasons.OffenderClient, "SM-2026-001"),
        ["19 lawyer for an unrelated client"] = C(Ask(Lawyer(Stranger, ProfessionalCapacity.Agent), Victim), [Dv], ExamineStrictly, Reasons.Professional, "SM-2026-001"),
        ["20 proxy for an unrelated client"] = C(Ask(ProxyFor(Stranger), Victim), [Dv], ExamineStrictly, Reasons.Proxy, "SM-2026-001"),
        ["21 the applicant themself, identity verified"] = C(Ask(Resident(RequesterKind.Self, VictimPerson, Victim), Victim), [Dv], Allow, Reasons.CoveredPerson, "SM-2026-001"),
        ["22 the applicant themself, identity not verified"] = C(Ask(Resident(RequesterKind.Self, VictimPerson, Victim, verified: false), Victim), [Dv], ExamineStrictly, Reasons.IdentityNotVerified, "SM-2026-001"),
        ["23 a covered member asks about the applicant of the same measure"] = C(Ask(Resident(RequesterKind.HouseholdMember, Person("田中 夏子"), CoveredChild), Victim), [Dv], Allow, Reasons.CoveredPerson, "SM-2026-001"),
        ["24 the covered applicant's household copy with an uncovered member"] = C(Ask(Resident(RequesterKind.Self, VictimPerson, Victim), Victim, Uncovered), [Dv], Allow, Reasons.CoveredPerson, "SM-2026-001"),
        ["25 the covered applicant asks about someone outside the measure"] = C(Ask(Resident(RequesterKind.HouseholdMember, VictimPerson, Victim), Uncovered), [Dv], Allow, Reasons.NotProtected),
        ["26 an uncovered household member asks about the victim"] = C(Ask(Resident(RequesterKind.HouseholdMember, Person("田中 秋男", born: new DateOnly(1950, 3, 3)), Uncovered), Victim), [Dv], ExamineStrictly, Reasons.HouseholdMember, "SM-2026-001"),
        ["27 an uncovered person's household copy that includes the victim"] = C(Ask(Resident(RequesterKind.Self, Person("田中 秋男"), Uncovered), Uncovered, Victim), [Dv], ExamineStrictly, Reasons.RequesterNotCovered, "SM-2026-001"),
        ["28 a covered person of another measure is not covered by this one"] = C(Ask(Resident(RequesterKind.Self, Person("渡辺 冬美"), Victim2), Victim), [Dv, OtherVictim], ExamineStrictly, Reasons.RequesterNotCovered, "SM-2026-001"),
        ["29 third party with an unconfirmed purpose"] = C(Ask(Third(Stranger, false), Victim), [Dv], Refuse, Reasons.ThirdPartyPurposeUnconfirmed, "SM-2026-001"),
        ["30 third party with a purpose confirmed by documents"] = C(Ask(Third(Stranger, true), Victim), [Dv], ExamineStrictly, Reasons.ThirdPartyPurposeConfirmed, "SM-2026-001"),
        ["31 court by 調査嘱託: to the court directly"] = C(Ask(Court(CourtRequestKind.InvestigationCommission), Victim), [Dv], DeliverToCourt, Reasons.Court, "SM-2026-001"),
        ["32 court by 送付嘱託: to the court directly"] = C(Ask(Court(CourtRequestKind.DocumentSendingCommission), CoveredChild), [Dv], DeliverToCourt, Reasons.Court, "SM-2026-001"),
        ["33 court about an unprotected resident: as usual"] = C(Ask(Court(CourtRequestKind.InvestigationCommission), Unrelated), [Dv], Allow, Reasons.NotProtected),
        ["34 public body with a legal basis"] = C(Ask(Tax, Victim), [Dv], ExamineStrictly, Reasons.PublicBody, "SM-2026-001"),
        ["35 confirmed third party who needs it for a court: court route only (2018-12-03)"] = C(Ask(Third(Stranger, true, forCourt: true), Victim), [Dv], Refuse, Reasons.CourtPurposeByParty, "SM-2026-001"),
        ["36 lawyer for an unrelated client, for a court: court route only"] = C(Ask(Lawyer(Stranger, ProfessionalCapacity.Agent, forCourt: true), Victim), [Dv], Refuse, Reasons.CourtPurposeByParty, "SM-2026-001"),
        ["37 name and reading match, offender's birth date unknown: never allowed"] = C(Ask(Third(Person("鈴木 一郎", "スズキ イチロウ", new DateOnly(1979, 7, 7)), true), Victim), [UnknownBirth], ExamineStrictly, Reasons.PossibleOffender, "SM-2026-004"),
        ["38 name matches, the requester gave no birth date: never allowed"] = C(Ask(Third(Person("山田太郎"), true), Victim), [Dv], ExamineStrictly, Reasons.PossibleOffender, "SM-2026-001"),
        ["39 a lawyer's client named by reading only, no birth date"] = C(Ask(Lawyer(Person("ヤマダ　タロウ"), ProfessionalCapacity.CommissionedMatter), Victim), [Dv], ExamineStrictly, Reasons.PossibleOffender, "SM-2026-001"),
        ["40 unknown-birth-date match with an unconfirmed purpose: refusal stays"] = C(Ask(Third(Person("鈴木一郎"), false), Victim), [UnknownBirth], Refuse, Reasons.ThirdPartyPurposeUnconfirmed, "SM-2026-004"),
        ["41 requester lives at the offender's address, written 1-2-3"] = C(Ask(Third(Person("山田 花子", born: new DateOnly(1982, 2, 2), address: "東京都 千代田区 霞が関１－２－３"), true), Victim), [Dv], ExamineStrictly, Reasons.AtOffenderAddress, "SM-2026-001"),
        ["42 a measure that names no offender still examines third parties"] = C(Ask(Third(Stranger, true), Victim), [NoOffenderNamed], ExamineStrictly, Reasons.ThirdPartyPurposeConfirmed, "SM-2026-005"),
        ["43 expired measure: the offender is not stopped by it"] = C(Ask(Third(YamadaAsWritten, true), Victim), [Expired], Allow, Reasons.NotProtected),
        ["44 lifted measure"] = C(Ask(Third(YamadaAsWritten, true), Victim), [Lifted], Allow, Reasons.NotProtected),
        ["45 measure starting tomorrow"] = C(Ask(Third(YamadaAsWritten, true), Victim), [NotYet], Allow, Reasons.NotProtected),
        ["46 measure ending today still applies (end inclusive)"] = C(Ask(Third(YamadaAsWritten, true), Victim), [EndsToday], Refuse, Reasons.Offender, "SM-2025-010"),
        ["47 household copy of a protected and an unprotected subject: the strictest wins"] = C(Ask(Third(Stranger, false), Unrelated, Victim), [Dv], Refuse, Reasons.ThirdPartyPurposeUnconfirmed, "SM-2026-001"),
        ["48 two measures on the victim, both examine strictly: both are named"] = C(Ask(Third(Person("鈴木 一郎", "スズキ イチロウ", new DateOnly(1979, 7, 7)), true), Victim), [UnknownBirth, Measure("SM-2026-007", [Yamada])], ExamineStrictly, Reasons.PossibleOffender, "SM-2026-007", "SM-2026-004"),
        ["49 two measures, the offender of one: refused with that measure only"] = C(Ask(Third(YamadaAsWritten, true), Victim), [UnknownBirth, Dv], Refuse, Reasons.Offender, "SM-2026-001"),
        ["50 kiosk, the covered person's own card: pointed to the window"] = C(new CertificateRequest(CertificateDocument.ResidentRecordCopy, Resident(RequesterKind.Self, VictimPerson, Victim), [Victim], RequestChannel.Kiosk), [Dv], Refuse, Reasons.Kiosk, "SM-2026-001"),
        ["51 kiosk, an unprotected holder"] = C(new CertificateRequest(CertificateDocument.ResidentRecordCopy, Resident(RequesterKind.Self, Stranger, Unrelated), [Unrelated], RequestChannel.Kiosk), [Dv], Allow, Reasons.NotProtected),
        ["52 the offender is refused even if also written as a covered code"] = C(Ask(Resident(RequesterKind.Self, YamadaAsWritten, Victim), Victim), [Dv], Refuse, Reasons.Offender, "SM-2026-001"),
        ["53 the offender asks about an uncovered child living at the victim's address"] = C(Ask(Third(YamadaAsWritten, true), Uncovered), [DvWithHousemate], Refuse, Reasons.Offender, "SM-2026-008"),
        ["54 a third party asks about that child: protected like the victim"] = C(Ask(Third(Stranger, false), Uncovered), [DvWithHousemate], Refuse, Reasons.ThirdPartyPurposeUnconfirmed, "SM-2026-008"),
        ["55 that child, identity verified, asks for their own record"] = C(Ask(Resident(RequesterKind.Self, Person("田中 秋男"), Uncovered), Uncovered), [DvWithHousemate], Allow, Reasons.SharingPersonThemself, "SM-2026-008"),
        ["56 that child, identity not verified, about their own record"] = C(Ask(Resident(RequesterKind.Self, Person("田中 秋男"), Uncovered, verified: false), Uncovered), [DvWithHousemate], ExamineStrictly, Reasons.IdentityNotVerified, "SM-2026-008"),
        ["57 that child asks about the victim: not covered, examined"] = C(Ask(Resident(RequesterKind.HouseholdMember, Person("田中 秋男"), Uncovered), Victim), [DvWithHousemate], ExamineStrictly, Reasons.HouseholdMember, "SM-2026-008"),
        ["58 the covered victim asks about the child at her address"] = C(Ask(Resident(RequesterKind.HouseholdMember, VictimPerson, Victim), Uncovered), [DvWithHousemate], Allow, Reasons.CoveredPerson, "SM-2026-008"),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Decide_Case_GivesOutcomeReasonAndMeasures(string name)
    {
        var c = Cases[name];

        var decision = SupportMeasureCheck.Decide(c.Request, c.Measures, Today);

        Assert.Equal(c.Outcome, decision.Outcome);
        Assert.Equal(c.Reason, decision.Reason);
        Assert.Equal(c.References.Order(StringComparer.Ordinal), decision.MeasureReferences.Order(StringComparer.Ordinal));
        Assert.Equal(c.Outcome == Allow, decision.MayIssueToRequester);
    }

    [Fact]
    public void Decide_HouseholdCopy_ReportsEachSubject()
    {
        var decision = SupportMeasureCheck.Decide(Ask(Third(Stranger, true), Unrelated, Victim, Unrelated), [Dv], Today);

        Assert.Equal(2, decision.Subjects.Count);
        Assert.Equal((Unrelated, Allow), (decision.Subjects[0].Subject, decision.Subjects[0].Outcome));
        Assert.Equal((Victim, ExamineStrictly), (decision.Subjects[1].Subject, decision.Subjects[1].Outcome));
        Assert.Equal(["SM-2026-001"], decision.Subjects[1].MeasureReferences);
    }

    [Fact]
    public void Reasons_EveryKeyIsUniqueAndHasBothLanguages()
    {
        Assert.Equal(Reasons.All.Count, Reasons.All.Select(r => r.Key).Distinct(StringComparer.Ordinal).Count());
        Assert.All(Reasons.All, r =>
        {
            Assert.StartsWith("support-measure-check.", r.Key, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(r.Japanese));
            Assert.False(string.IsNullOrWhiteSpace(r.English));
        });
    }

    [Fact]
    public void Reasons_EveryReasonIsReachedByACase()
    {
        var reached = Cases.Values.Select(c => c.Reason.Key).ToHashSet(StringComparer.Ordinal);

        Assert.All(Reasons.All, r => Assert.Contains(r.Key, reached));
    }

    [Fact]
    public void Reasons_TextNeverQuotesAnAddress()
    {
        // The decision is shown at the window and written to the audit log; it names the measure, never a place.
        Assert.All(Reasons.All, r => Assert.DoesNotContain(OffenderAddress, r.Japanese, StringComparison.Ordinal));
        var decision = SupportMeasureCheck.Decide(Ask(Third(Person("山田 花子", address: OffenderAddress), true), Victim), [Dv], Today);
        Assert.DoesNotContain("霞が関", decision.ToString(), StringComparison.Ordinal);
    }
}
