namespace Myna.Core.SupportMeasures;

/// <summary>
/// A support measure for a victim (DV等支援措置, DOMAIN §9): applied for by a victim, confirmed by the
/// opinion of the police, a support centre or a child guidance centre, lasting one year and extendable.
/// It covers the applicant and the household members who ask for the same protection, names the
/// offenders as far as known, and withholds the address of everyone it covers — and of anyone sharing
/// their address — from every reader but the support-measure officer. Rows are never deleted: a measure
/// ends by its end date or by being lifted, with the reason.
/// </summary>
public sealed class SupportMeasure
{
    public long Id { get; set; }

    /// <summary>Shown to staff and carried by forwards: <c>SM-{municipality}-{year}-{sequence}</c>; the same reference at every municipality that holds it.</summary>
    public required string Reference { get; set; }

    public SupportMeasureKind Kind { get; set; }

    /// <summary>The applicant's resident code (住民票コード): the person is found by it here, now or at a later move-in.</summary>
    public required string ApplicantResidentCode { get; set; }

    /// <summary>The applicant's name as recorded with the measure (a forwarded measure may arrive before the person does).</summary>
    public required string ApplicantName { get; set; }

    public SupportBasisKind BasisKind { get; set; }
    /// <summary>The body that gave the opinion (e.g. 〇〇警察署, 〇〇県配偶者暴力相談支援センター).</summary>
    public required string BasisBody { get; set; }
    public DateOnly BasisDate { get; set; }
    public string? BasisNote { get; set; }

    public DateOnly StartsOn { get; set; }
    /// <summary>One year after the start (§9), moved by each extension.</summary>
    public DateOnly EndsOn { get; set; }

    public SupportMeasureState State { get; set; }
    public DateOnly? LiftedOn { get; set; }
    public string? LiftReason { get; set; }

    /// <summary>Null when the application was received here (当初受付); the sending municipality's code for a forwarded measure (転送受付).</summary>
    public string? ForwardedFrom { get; set; }
    /// <summary>A forwarded measure is kept one year after it was received (§9, notice of 2019-10-18).</summary>
    public DateOnly? KeepUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<SupportMeasurePerson> People { get; set; } = [];
    public List<SupportMeasureOffender> Offenders { get; set; } = [];

    /// <summary>In force on <paramref name="today"/>: not lifted, started, not yet ended, and a forwarded copy still kept.</summary>
    public bool IsActiveOn(DateOnly today) => State == SupportMeasureState.Active && StartsOn <= today && today <= EndsOn && (KeepUntil is null || today <= KeepUntil);
}

/// <summary>The kinds of harm §9 names.</summary>
public enum SupportMeasureKind
{
    /// <summary>配偶者からの暴力 (DV).</summary>
    DomesticViolence = 1,
    /// <summary>ストーカー行為等.</summary>
    Stalking = 2,
    /// <summary>児童虐待.</summary>
    ChildAbuse = 3,
    /// <summary>その他これらに準ずる行為.</summary>
    Similar = 4,
}

/// <summary>Whose opinion confirmed the need (§9).</summary>
public enum SupportBasisKind
{
    /// <summary>警察.</summary>
    Police = 1,
    /// <summary>配偶者暴力相談支援センター.</summary>
    SupportCentre = 2,
    /// <summary>児童相談所.</summary>
    ChildGuidanceCentre = 3,
    /// <summary>その他の相談機関 (e.g. a court's protection order), named in <see cref="SupportMeasure.BasisBody"/>.</summary>
    Other = 4,
}

public enum SupportMeasureState
{
    Active = 1,
    Lifted = 2,
}

/// <summary>A person a measure covers: the applicant, or a household member asking for the same protection (併せて支援を求める者).</summary>
public sealed class SupportMeasurePerson
{
    public long Id { get; set; }
    public long MeasureId { get; set; }
    public required string ResidentCode { get; set; }
    public required string Name { get; set; }
    public SupportPersonRole Role { get; set; }
    public DateOnly CoveredFrom { get; set; }
    /// <summary>Set when the officer relaxes the measure for this person (with the reason in the measure's history).</summary>
    public DateOnly? CoveredUntil { get; set; }
}

public enum SupportPersonRole
{
    Applicant = 1,
    /// <summary>併せて支援を求める者.</summary>
    Member = 2,
}

/// <summary>An offender (加害者) as far as known: every field but the name may be missing.</summary>
public sealed class SupportMeasureOffender
{
    public long Id { get; set; }
    public long MeasureId { get; set; }
    public required string Name { get; set; }
    public string? NameKana { get; set; }
    public DateOnly? BirthDate { get; set; }
    public string? Address { get; set; }
    /// <summary>To the applicant (夫, 元交際相手, 父, …).</summary>
    public string? Relationship { get; set; }
}

/// <summary>One step in a measure's life, for the officer's page (the audit log holds the same, chained).</summary>
public sealed class SupportMeasureEvent
{
    public long Id { get; set; }
    public long MeasureId { get; set; }
    public DateTimeOffset At { get; set; }
    public SupportMeasureEventKind Kind { get; set; }
    public string? Detail { get; set; }
    public required string Actor { get; set; }
}

public enum SupportMeasureEventKind
{
    Created = 1,
    Extended = 2,
    MemberAdded = 3,
    /// <summary>緩和: a person no longer covered.</summary>
    Relaxed = 4,
    Lifted = 5,
    Forwarded = 6,
    ForwardAcknowledged = 7,
    /// <summary>A forwarded measure received from another municipality.</summary>
    Received = 8,
    OffenderAdded = 9,
}

/// <summary>
/// One forward of a measure to another municipality (§9): the message that carries it, and when the receiver
/// acknowledged it. The same measure is forwarded again to the same places on each change, so their copy stays true.
/// </summary>
public sealed class SupportMeasureForward
{
    public long Id { get; set; }
    public long MeasureId { get; set; }
    /// <summary>The receiving municipality's code.</summary>
    public required string Destination { get; set; }
    public ForwardReason Reason { get; set; }
    /// <summary>The outbox message that carries it (the receiver keeps it once).</summary>
    public Guid MessageId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    /// <summary>What the receiver said: kept until, and whether the person lives there now.</summary>
    public string? Receipt { get; set; }
}

/// <summary>Why a measure went to a municipality (§9 "related municipalities", §8.6 moves).</summary>
public enum ForwardReason
{
    /// <summary>前住所地: where a covered person lived before.</summary>
    PreviousAddress = 1,
    /// <summary>本籍地: the place of a covered person's family register.</summary>
    FamilyRegister = 2,
    /// <summary>転出先: with the advance move-out information.</summary>
    MoveOut = 3,
    /// <summary>Named by the officer.</summary>
    Manual = 4,
}
