using Myna.Core.Identifiers;

namespace Myna.Core.SupportMeasures;

/// <summary>What the window does with a request. The values are ordered from the least to the most strict.</summary>
public enum SupportMeasureOutcome
{
    /// <summary>Issue as usual: no measure stands in the way.</summary>
    Allow = 0,
    /// <summary>Do not print yet: check identity, purpose and relationship strictly and confirm with the support-measure officer (支援措置責任者).</summary>
    ExamineStrictly = 1,
    /// <summary>Send the document to the court that asked, never to a party (notice of 2018-12-03).</summary>
    DeliverToCourt = 2,
    /// <summary>Do not issue.</summary>
    Refuse = 3,
}

/// <summary>Why: a catalogue entry of <see cref="SupportMeasureCheckReasons"/>, its code the stable key.</summary>
public sealed record SupportMeasureCheckReason(Myna.Core.Text.Messages.MessageText Text)
{
    public string Key => Text.Code;

    public string Japanese => Text.Ja;

    public string English => Text.En;

    public static implicit operator SupportMeasureCheckReason(Myna.Core.Text.Messages.MessageText text) => new(text);
}

/// <summary>The decision for one subject of the request, with the measures that caused it.</summary>
public sealed record SubjectDecision(ResidentCode Subject, SupportMeasureOutcome Outcome, SupportMeasureCheckReason Reason, IReadOnlyList<string> MeasureReferences);

/// <summary>
/// The decision for the whole request: the strictest of its subjects'. <see cref="MeasureReferences"/>
/// are the measures that led to <see cref="Outcome"/> (empty for an allow without a measure).
/// </summary>
public sealed record SupportMeasureDecision(
    SupportMeasureOutcome Outcome,
    SupportMeasureCheckReason Reason,
    IReadOnlyList<string> MeasureReferences,
    IReadOnlyList<SubjectDecision> Subjects)
{
    /// <summary>Only an allow lets the window print and hand the document to the requester.</summary>
    public bool MayIssueToRequester => Outcome == SupportMeasureOutcome.Allow;
}
