using Myna.Core.Identifiers;

namespace Myna.Core.SupportMeasures;

/// <summary>
/// An offender as far as the measure knows them (DOMAIN §9): any field may be missing. A missing
/// birth date must not make a match impossible, so the check treats a name or reading match without
/// one as "cannot tell apart" and examines strictly.
/// </summary>
public sealed record OffenderFacts(string? Name = null, string? NameReading = null, DateOnly? BirthDate = null, string? Address = null);

/// <summary>
/// What <see cref="SupportMeasureCheck"/> needs to know about one support measure: not the stored
/// measure itself, which the caller maps to this. <see cref="Start"/> and <see cref="End"/> are both
/// inclusive Japan dates; <see cref="Active"/> is false once the measure is lifted.
/// </summary>
public sealed record MeasureFacts
{
    public MeasureFacts(
        string reference, string kind, ResidentCode applicant, IReadOnlyList<ResidentCode> alsoCovered,
        IReadOnlyList<OffenderFacts> offenders, DateOnly start, DateOnly end, bool active, IReadOnlyList<ResidentCode>? sharingTheAddress = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentNullException.ThrowIfNull(alsoCovered);
        ArgumentNullException.ThrowIfNull(offenders);
        if (applicant.Value.Length == 0)
        {
            throw new ArgumentException($"measure {reference}: the applicant needs a resident code", nameof(applicant));
        }
        if (end < start)
        {
            throw new ArgumentException($"measure {reference}: the end {end:yyyy-MM-dd} is before the start {start:yyyy-MM-dd}", nameof(end));
        }
        Reference = reference;
        Kind = kind;
        Applicant = applicant;
        AlsoCovered = alsoCovered;
        Offenders = offenders;
        Start = start;
        End = end;
        Active = active;
        SharingTheAddress = sharingTheAddress ?? [];
    }

    /// <summary>How the officer and the audit log name the measure.</summary>
    public string Reference { get; }

    /// <summary>The foundation's kind code (DV, stalking, child abuse, similar); shown, not decided on.</summary>
    public string Kind { get; }

    /// <summary>The person who applied (申出者).</summary>
    public ResidentCode Applicant { get; }

    /// <summary>The household members who ask for the same protection (併せて支援を求める者).</summary>
    public IReadOnlyList<ResidentCode> AlsoCovered { get; }

    public IReadOnlyList<OffenderFacts> Offenders { get; }

    public DateOnly Start { get; }

    public DateOnly End { get; }

    public bool Active { get; }

    /// <summary>
    /// People the measure does not cover who live at the address of someone it covers (the same household or
    /// dwelling): their own record shows the protected address, so it is protected as well (DOMAIN §9: an
    /// address must never be reachable through a relative) until the officer extends or relaxes the measure.
    /// </summary>
    public IReadOnlyList<ResidentCode> SharingTheAddress { get; }

    /// <summary>The applicant or a member who asked for the same protection.</summary>
    public bool Covers(ResidentCode code) => Applicant == code || AlsoCovered.Contains(code);

    /// <summary>A record about this person shows the protected address: covered, or sharing the address.</summary>
    public bool Protects(ResidentCode code) => Covers(code) || SharingTheAddress.Contains(code);

    /// <summary>In force on <paramref name="today"/>: not lifted, started, not yet ended (DOMAIN §9: expired or lifted measures do not apply).</summary>
    public bool AppliesOn(DateOnly today) => Active && Start <= today && today <= End;
}
