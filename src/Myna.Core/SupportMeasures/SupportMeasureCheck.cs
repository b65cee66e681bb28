using Myna.Core.Identifiers;

namespace Myna.Core.SupportMeasures;

/// <summary>
/// The support-measure check for a request for a document that shows an address (DOMAIN §9
/// "Effects", §10 "the support-measure check runs before anything is printed"): the window and the
/// kiosk call it with the request and the measures covering its subjects, and print only on
/// <see cref="SupportMeasureOutcome.Allow"/>.
/// <para>
/// Per subject, every measure in force that covers it gives a decision and the strictest wins; a
/// subject no measure covers is allowed; the request gets the strictest of its subjects. So adding a
/// measure never makes a decision less strict, and lifted or expired measures change nothing.
/// </para>
/// </summary>
public static class SupportMeasureCheck
{
    /// <summary>
    /// Decides <paramref name="request"/> on <paramref name="today"/> (a Japan date). Measures that do
    /// not cover a subject, are lifted, or are not in force today are ignored, so the caller may pass
    /// more than needed. Throws <see cref="CertificateRequestException"/> when the request is
    /// incomplete (no subject, a third party without a purpose, a representative without a client …),
    /// naming the field; nothing is decided then.
    /// </summary>
    public static SupportMeasureDecision Decide(CertificateRequest request, IEnumerable<MeasureFacts> measuresCoveringTheSubjects, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(measuresCoveringTheSubjects);
        var problems = request.Problems();
        if (problems.Count > 0)
        {
            throw new CertificateRequestException(problems);
        }
        var inForce = measuresCoveringTheSubjects.Where(m => m.AppliesOn(today)).ToList();

        var subjects = request.Subjects.Distinct().Select(subject => DecideSubject(request, subject, inForce)).ToList();
        var strictest = subjects.Max(s => s.Outcome);
        var first = subjects.First(s => s.Outcome == strictest);
        var references = subjects.Where(s => s.Outcome == strictest).SelectMany(s => s.MeasureReferences).Distinct(StringComparer.Ordinal).ToList();
        return new SupportMeasureDecision(strictest, first.Reason, references, subjects);
    }

    private static SubjectDecision DecideSubject(CertificateRequest request, ResidentCode subject, List<MeasureFacts> inForce)
    {
        var findings = inForce.Where(m => m.Protects(subject)).Select(m => (Measure: m, Finding: DecideUnderMeasure(request, m, subject))).ToList();
        if (findings.Count == 0)
        {
            return new SubjectDecision(subject, SupportMeasureOutcome.Allow, SupportMeasureCheckReasons.NotProtected, []);
        }
        var strictest = findings.Max(f => f.Finding.Outcome);
        var causing = findings.Where(f => f.Finding.Outcome == strictest).ToList();
        return new SubjectDecision(subject, strictest, causing[0].Finding.Reason,
            causing.Select(f => f.Measure.Reference).Distinct(StringComparer.Ordinal).ToList());
    }

    private readonly record struct Finding(SupportMeasureOutcome Outcome, SupportMeasureCheckReason Reason);

    private static Finding Refuse(SupportMeasureCheckReason reason) => new(SupportMeasureOutcome.Refuse, reason);

    private static Finding Examine(SupportMeasureCheckReason reason) => new(SupportMeasureOutcome.ExamineStrictly, reason);

    /// <summary>The decision one measure in force gives for a subject it protects.</summary>
    private static Finding DecideUnderMeasure(CertificateRequest request, MeasureFacts measure, ResidentCode subject)
    {
        var r = request.Requester;
        // DOMAIN §10: a kiosk never serves a protected person, whoever holds the card.
        if (request.Channel == RequestChannel.Kiosk)
        {
            return Refuse(SupportMeasureCheckReasons.Kiosk);
        }
        // Notice of 2018-12-03: the court's own request is answered to the court, never to a party.
        if (r.Kind == RequesterKind.Court)
        {
            return new Finding(SupportMeasureOutcome.DeliverToCourt, SupportMeasureCheckReasons.Court);
        }
        if (r.Kind == RequesterKind.PublicBody)
        {
            return Examine(SupportMeasureCheckReasons.PublicBody);
        }

        // The offender, or anyone acting for the offender, is refused (DOMAIN §9; notice of 2018-03-28).
        var self = Strongest(r.Identity, measure);
        var client = Strongest(r.Client, measure);
        if (self == OffenderMatch.Certain)
        {
            return Refuse(SupportMeasureCheckReasons.Offender);
        }
        if (client == OffenderMatch.Certain)
        {
            return Refuse(r.Kind == RequesterKind.Professional && r.Capacity == ProfessionalCapacity.CommissionedMatter
                ? SupportMeasureCheckReasons.OffenderCommissionedMatter
                : SupportMeasureCheckReasons.OffenderClient);
        }

        // The covered person themself, identity verified, is served (DOMAIN §9 "Who sees the address");
        // so is another person covered by the same measure, who shares the protection.
        var claimsToBeCovered = r.Kind is RequesterKind.Self or RequesterKind.HouseholdMember
            && r.ResidentCode is { } own && own.Value.Length > 0 && measure.Covers(own);
        if (claimsToBeCovered && r.IdentityVerified)
        {
            return new Finding(SupportMeasureOutcome.Allow, SupportMeasureCheckReasons.CoveredPerson);
        }
        // Someone at the protected address but not covered, about their own record: the person themself is served.
        var ownRecordAtProtectedAddress = r.Kind == RequesterKind.Self && r.ResidentCode == subject && !measure.Covers(subject);
        if (ownRecordAtProtectedAddress && r.IdentityVerified)
        {
            return new Finding(SupportMeasureOutcome.Allow, SupportMeasureCheckReasons.SharingPersonThemself);
        }

        // Everyone else about a protected person: strictly, since offenders use third parties.
        // What points at the offender is named first: at equal strictness it is the reason shown.
        var findings = new List<Finding>();
        if (self == OffenderMatch.Possible || client == OffenderMatch.Possible)
        {
            findings.Add(Examine(SupportMeasureCheckReasons.PossibleOffender));
        }
        if (measure.Offenders.Any(o => SupportMeasureCheckMatching.SameAddress(r.Identity, o) || SupportMeasureCheckMatching.SameAddress(r.Client, o)))
        {
            findings.Add(Examine(SupportMeasureCheckReasons.AtOffenderAddress));
        }
        if (r.ForCourtProceedings && !claimsToBeCovered)
        {
            findings.Add(Refuse(SupportMeasureCheckReasons.CourtPurposeByParty));
        }
        findings.Add(ByKind(r, claimsToBeCovered || ownRecordAtProtectedAddress));
        var strictest = findings.Max(f => f.Outcome);
        return findings.First(f => f.Outcome == strictest);
    }

    private static Finding ByKind(CertificateRequester r, bool claimsToBeCovered) => r.Kind switch
    {
        RequesterKind.Self or RequesterKind.HouseholdMember when claimsToBeCovered => Examine(SupportMeasureCheckReasons.IdentityNotVerified),
        RequesterKind.Self => Examine(SupportMeasureCheckReasons.RequesterNotCovered),
        RequesterKind.HouseholdMember => Examine(SupportMeasureCheckReasons.HouseholdMember),
        RequesterKind.ThirdParty => r.PurposeConfirmed
            ? Examine(SupportMeasureCheckReasons.ThirdPartyPurposeConfirmed)
            : Refuse(SupportMeasureCheckReasons.ThirdPartyPurposeUnconfirmed),
        RequesterKind.Proxy => Examine(SupportMeasureCheckReasons.Proxy),
        RequesterKind.Professional => Examine(SupportMeasureCheckReasons.Professional),
        _ => throw new ArgumentOutOfRangeException(nameof(r), r.Kind, "court and public body are decided before"),
    };

    private static OffenderMatch Strongest(RequesterIdentity? person, MeasureFacts measure) =>
        measure.Offenders.Count == 0 ? OffenderMatch.None : measure.Offenders.Max(o => SupportMeasureCheckMatching.Match(person, o));
}
