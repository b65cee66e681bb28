using FsCheck;
using FsCheck.Fluent;
using Myna.Core.Identifiers;
using Myna.Core.SupportMeasures;

namespace Myna.Core.Tests.SupportMeasures;

/// <summary>
/// Properties of the check over random requests and measures (10,000 each): strictness only grows
/// with measures, lifted or expired measures change nothing, order changes nothing, and neither the
/// offender nor anyone acting for them is ever handed a protected person's record.
/// </summary>
public sealed class SupportMeasureCheckPropertyTests
{
    private static readonly DateOnly Today = SupportMeasureCheckTests.Today;
    private static readonly DateOnly Born = SupportMeasureCheckTests.OffenderBorn;

    private static readonly ResidentCode[] Codes = Enumerable.Range(1, 6).Select(i => ResidentCode.FromBody(2_000_000_000L + i)).ToArray();

    private static readonly OffenderFacts[] Offenders =
    [
        SupportMeasureCheckTests.Yamada, SupportMeasureCheckTests.Smith, SupportMeasureCheckTests.SuzukiNoBirthDate,
        new("高橋 健", null, new DateOnly(1966, 6, 6)), new(null, "イトウ マサル", null, "仙台市青葉区本町3-3-3"),
    ];

    /// <summary>Ways the offender Yamada writes himself on a request: each is the offender for certain.</summary>
    private static readonly RequesterIdentity[] YamadaWritten =
    [
        new("山田 太郎", "ヤマダ タロウ", Born), new("山田　太郎", null, Born), new("ﾔﾏﾀﾞ ﾀﾛｳ", null, Born),
        new("山田太朗", "やまだ たろう", Born), new("山田太郎", "ﾔﾏﾀﾞﾀﾛｳ", Born, "どこか"),
    ];

    private static readonly RequesterIdentity[] Others =
    [
        new("佐藤 花子", "サトウ ハナコ", new DateOnly(1990, 1, 1)), new("田中 春子"), new("山田 太郎", "ヤマダ タロウ", new DateOnly(2001, 1, 1)),
        new("鈴木 一郎"), new("伊藤 勝", "いとう まさる"), new("山田 次郎", null, null, "東京都千代田区霞が関1-2-3"),
    ];

    private static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    private static T[] Some<T>(Random rng, IReadOnlyList<T> items, int max) =>
        Enumerable.Range(0, rng.Next(max + 1)).Select(_ => Pick(rng, items)).Distinct().ToArray();

    private static MeasureFacts RandomMeasure(Random rng, int n, bool inForce)
    {
        var start = inForce ? Today.AddDays(-rng.Next(0, 365)) : Today.AddDays(rng.Next(-800, 30));
        var end = inForce ? Today.AddDays(rng.Next(0, 365)) : start.AddDays(rng.Next(0, 400));
        var active = inForce || rng.Next(2) == 0;
        var applicant = Pick(rng, Codes);
        var members = Some(rng, Codes, 3).Where(c => c != applicant).ToArray();
        var sharing = Some(rng, Codes, 2).Where(c => c != applicant && !members.Contains(c)).ToArray();
        return new MeasureFacts($"SM-{n}", "dv", applicant, members, Some(rng, Offenders, 3), start, end, active, sharing);
    }

    private static MeasureFacts InactiveMeasure(Random rng, int n)
    {
        var m = RandomMeasure(rng, n, inForce: false);
        return m.AppliesOn(Today)
            ? new MeasureFacts(m.Reference, m.Kind, m.Applicant, m.AlsoCovered, m.Offenders, m.Start, m.End, active: false, m.SharingTheAddress)
            : m;
    }

    private static RequesterIdentity AnyIdentity(Random rng) => rng.Next(3) == 0 ? Pick(rng, YamadaWritten) : Pick(rng, Others);

    private static CertificateRequest RandomRequest(Random rng)
    {
        var kind = (RequesterKind)rng.Next(Enum.GetValues<RequesterKind>().Length);
        var requester = new CertificateRequester
        {
            Kind = kind,
            Identity = kind is RequesterKind.Court ? new("仙台地方裁判所") : kind is RequesterKind.PublicBody ? new("仙台市税務課") : AnyIdentity(rng),
            IdentityVerified = rng.Next(4) != 0,
            ResidentCode = kind == RequesterKind.Self || rng.Next(2) == 0 ? Pick(rng, Codes) : null,
            Purpose = "目的",
            PurposeConfirmed = rng.Next(2) == 0,
            ForCourtProceedings = rng.Next(5) == 0,
            Client = kind is RequesterKind.Proxy or RequesterKind.Professional || rng.Next(6) == 0 ? AnyIdentity(rng) : null,
            Profession = (Profession)rng.Next(Enum.GetValues<Profession>().Length),
            Capacity = (ProfessionalCapacity)rng.Next(2),
            CourtRequest = (CourtRequestKind)rng.Next(2),
            LegalBasis = "地方税法第20条の11",
        };
        var channel = kind == RequesterKind.Self && rng.Next(4) == 0 ? RequestChannel.Kiosk : RequestChannel.Window;
        var subjects = Enumerable.Range(0, rng.Next(1, 4)).Select(_ => Pick(rng, Codes)).ToArray();
        return new CertificateRequest((CertificateDocument)rng.Next(5), requester, subjects, channel);
    }

    private static Gen<Random> Seeds => Gen.Choose(int.MinValue, int.MaxValue).Select(seed => new Random(seed));

    private static (CertificateRequest Request, List<MeasureFacts> Measures) Scenario(Random rng) =>
        (RandomRequest(rng), Enumerable.Range(0, rng.Next(0, 4)).Select(i => RandomMeasure(rng, i, inForce: rng.Next(3) != 0)).ToList());

    [Fact]
    public void Decide_AddingAMeasure_NeverLessStrict()
    {
        Prop.ForAll(Seeds.ToArbitrary(), rng =>
        {
            var (request, measures) = Scenario(rng);
            var before = SupportMeasureCheck.Decide(request, measures, Today).Outcome;
            var after = SupportMeasureCheck.Decide(request, [.. measures, RandomMeasure(rng, 9, inForce: true)], Today).Outcome;
            return after >= before;
        }).Check(PropertyTesting.Config);
    }

    [Fact]
    public void Decide_AddingALiftedOrExpiredMeasure_ChangesNothing()
    {
        Prop.ForAll(Seeds.ToArbitrary(), rng =>
        {
            var (request, measures) = Scenario(rng);
            var before = SupportMeasureCheck.Decide(request, measures, Today);
            var after = SupportMeasureCheck.Decide(request, [.. measures, InactiveMeasure(rng, 9)], Today);
            return after.Outcome == before.Outcome && after.Reason == before.Reason && after.MeasureReferences.SequenceEqual(before.MeasureReferences);
        }).Check(PropertyTesting.Config);
    }

    [Fact]
    public void Decide_OrderOfMeasuresAndSubjects_DoesNotChangeTheOutcome()
    {
        Prop.ForAll(Seeds.ToArbitrary(), rng =>
        {
            var (request, measures) = Scenario(rng);
            var reordered = request with { Subjects = request.Subjects.Reverse().ToArray() };
            var a = SupportMeasureCheck.Decide(request, measures, Today);
            var b = SupportMeasureCheck.Decide(reordered, Enumerable.Reverse(measures), Today);
            return a.Outcome == b.Outcome && a.MeasureReferences.Order(StringComparer.Ordinal).SequenceEqual(b.MeasureReferences.Order(StringComparer.Ordinal));
        }).Check(PropertyTesting.Config);
    }

    [Fact]
    public void Decide_OffenderOrTheirRepresentative_NeverGetsAProtectedRecord()
    {
        Prop.ForAll(Seeds.ToArbitrary(), rng =>
        {
            var (request, measures) = Scenario(rng);
            var yamadaMeasure = new MeasureFacts("SM-Y", "dv", request.Subjects[0], [], [SupportMeasureCheckTests.Yamada], Today.AddDays(-10), Today.AddDays(10), true);
            var r = request.Requester;
            var offenderOrForThem = YamadaWritten.Contains(r.Identity) || (r.Client is not null && YamadaWritten.Contains(r.Client));
            var decision = SupportMeasureCheck.Decide(request, [.. measures, yamadaMeasure], Today);
            return r.Kind switch
            {
                RequesterKind.Court => decision.Outcome == SupportMeasureOutcome.DeliverToCourt,
                RequesterKind.PublicBody => decision.Outcome >= SupportMeasureOutcome.ExamineStrictly,
                _ => !offenderOrForThem || decision.Outcome == SupportMeasureOutcome.Refuse,
            };
        }).Check(PropertyTesting.Config);
    }

    [Fact]
    public void Decide_Allow_OnlyForUnprotectedSubjectsOrAVerifiedCoveredRequester()
    {
        Prop.ForAll(Seeds.ToArbitrary(), rng =>
        {
            var (request, measures) = Scenario(rng);
            var decision = SupportMeasureCheck.Decide(request, measures, Today);
            if (decision.Outcome != SupportMeasureOutcome.Allow)
            {
                return true;
            }
            var r = request.Requester;
            var offender = YamadaWritten.Contains(r.Identity);
            // Every measure protecting a subject must see either the covered requester or the person themself at the address.
            return request.Subjects.All(subject => measures.Where(m => m.AppliesOn(Today) && m.Protects(subject)).All(m =>
                request.Channel == RequestChannel.Window && r.IdentityVerified && r.ResidentCode is { } own
                && (r.Kind is RequesterKind.Self or RequesterKind.HouseholdMember && m.Covers(own)
                    || r.Kind == RequesterKind.Self && own == subject && !m.Covers(subject))
                && !(offender && m.Offenders.Contains(SupportMeasureCheckTests.Yamada))));
        }).Check(PropertyTesting.Config);
    }
}
