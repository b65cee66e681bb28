using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Calendar;
using Myna.Core.Identifiers;
using Myna.Core.Lifecycle;
using Myna.Core.Residents;
using Myna.Core.SupportMeasures;
using Myna.Core.Text.Messages;
using Myna.Storage;
using Myna.Storage.Audit;

namespace Myna.Municipal.SupportMeasures;

/// <summary>An offender as the officer enters them: only the name is required (§9 "as far as known").</summary>
public sealed record OffenderInput(string? Name, string? NameKana = null, DateOnly? BirthDate = null, string? Address = null, string? Relationship = null);

/// <summary>The application (申出) as the officer records it after confirming the need.</summary>
public sealed record SupportMeasureApplication(
    long ApplicantId,
    SupportMeasureKind Kind,
    SupportBasisKind BasisKind,
    string? BasisBody,
    DateOnly? BasisDate,
    string? BasisNote,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    IReadOnlyList<long> MemberIds,
    IReadOnlyList<OffenderInput> Offenders);

/// <summary>
/// A support-measure input refused: the field it is about, a stable key (the API's code is <c>support-measure.{Key}</c>),
/// and the catalogue message (<see cref="SupportMeasureMessages"/>, or e.g. why a date cannot be read) that the pages show in
/// the reader's language (ARCHITECTURE 6).
/// </summary>
public sealed class SupportMeasureException(string field, string key, Message text) : MessageException(text, field)
{
    /// <summary>The desk's name of the input (e.g. <c>endsOn</c>, <c>offenders[1].name</c>); never empty.</summary>
    public new string Field { get; } = field;

    public string Key { get; } = key;
}

/// <summary>
/// The support-measure officer's operations on a measure (DOMAIN §9): create, extend, add a member or an
/// offender, relax (a member no longer covered), lift. Each is checked whole before anything is written,
/// written in one transaction with its history line and its audit record, and never deletes. Who may call
/// it is the permission model's business (<c>Permission.AddressProtection</c>).
/// Each change is also forwarded, in the same transaction, to the related municipalities (§9 "Forwarding": the previous
/// address's and the 本籍's, and every place the measure went before) so their copy stays true; the forwards are delivered
/// right after the commit and retried until acknowledged (<see cref="SupportMeasureForwarding"/>).
/// </summary>
public sealed class SupportMeasureDesk(MunicipalityCode here, AuditLog audit, TimeProvider time, SupportMeasureForwarding? forwarding = null)
{
    /// <summary>§9: a measure lasts one year.</summary>
    public static DateOnly DefaultEnd(DateOnly start) => start.AddYears(1).AddDays(-1);

    public async Task<SupportMeasure> CreateAsync(MunicipalDb db, SupportMeasureApplication a, string actor, CancellationToken ct = default)
    {
        var today = JapanClock.Today(time);
        if (!Enum.IsDefined(a.Kind))
        {
            throw new SupportMeasureException("kind", "kind", SupportMeasureMessages.Kind);
        }
        if (!Enum.IsDefined(a.BasisKind) || string.IsNullOrWhiteSpace(a.BasisBody) || a.BasisDate is null)
        {
            throw new SupportMeasureException("basis", "basis", SupportMeasureMessages.Basis);
        }
        if (a.BasisDate > today)
        {
            throw new SupportMeasureException("basisDate", "basis-future", SupportMeasureMessages.BasisInFuture);
        }
        var starts = a.StartsOn ?? today;
        var ends = a.EndsOn ?? DefaultEnd(starts);
        if (ends < starts)
        {
            throw new SupportMeasureException("endsOn", "end-before-start", SupportMeasureMessages.EndBeforeStart);
        }
        if (ends > DefaultEnd(starts))
        {
            throw new SupportMeasureException("endsOn", "end-too-late", SupportMeasureMessages.EndTooLate);
        }
        var applicant = await db.Residents.AsNoTracking().FirstOrDefaultAsync(r => r.Id == a.ApplicantId, ct)
            ?? throw new SupportMeasureException("applicantId", "no-resident", SupportMeasureMessages.NoResident.With(a.ApplicantId));
        if (applicant.Status != ResidentStatus.Active)
        {
            throw new SupportMeasureException("applicantId", "not-resident", SupportMeasureMessages.NotResident);
        }
        var members = new List<Resident>();
        foreach (var id in a.MemberIds.Distinct())
        {
            members.Add(await RequireSharerAsync(db, applicant, id, ct));
        }
        var offenders = a.Offenders.Select((o, i) => CheckOffender(o, i, [applicant, .. members], applicant.ResidentCode)).ToList();

        var now = time.GetUtcNow();
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var measure = new SupportMeasure
        {
            Reference = await NextReferenceAsync(db, starts, ct), Kind = a.Kind, ApplicantResidentCode = applicant.ResidentCode, ApplicantName = applicant.FullName,
            BasisKind = a.BasisKind, BasisBody = a.BasisBody.Trim(), BasisDate = a.BasisDate.Value, BasisNote = Trim(a.BasisNote),
            StartsOn = starts, EndsOn = ends, State = SupportMeasureState.Active, CreatedAt = now, CreatedBy = actor, UpdatedAt = now,
            People = [Person(applicant, SupportPersonRole.Applicant, starts), .. members.Select(m => Person(m, SupportPersonRole.Member, starts))],
            Offenders = offenders,
        };
        db.SupportMeasures.Add(measure);
        await db.SaveChangesAsync(ct);
        await RecordAsync(db, measure, SupportMeasureEventKind.Created, AuditActions.SupportMeasureCreated,
            string.Create(CultureInfo.InvariantCulture, $"kind={a.Kind} basis={a.BasisKind} {starts:yyyy-MM-dd}..{ends:yyyy-MM-dd} people={measure.People.Count} offenders={offenders.Count}"),
            actor, ct);
        await ForwardAsync(db, measure, actor, ct);
        await tx.CommitAsync(ct);
        await DeliverAsync(ct);
        return measure;
    }

    /// <summary>延長: a new end, at most one year after the current one. A lifted or ended measure is not extended (a new application is).</summary>
    public async Task<SupportMeasure> ExtendAsync(MunicipalDb db, long measureId, DateOnly? newEnd, string? reason, string actor, CancellationToken ct = default)
    {
        var measure = await RequireInForceAsync(db, measureId, ct);
        var end = newEnd ?? measure.EndsOn.AddYears(1);
        if (end <= measure.EndsOn)
        {
            throw new SupportMeasureException("endsOn", "extend-not-later", SupportMeasureMessages.ExtendNotLater.With(LifecycleMessages.Day(measure.EndsOn)));
        }
        if (end > measure.EndsOn.AddYears(1))
        {
            throw new SupportMeasureException("endsOn", "extend-too-late", SupportMeasureMessages.ExtendTooLate);
        }
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var from = measure.EndsOn;
        measure.EndsOn = end;
        measure.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await RecordAsync(db, measure, SupportMeasureEventKind.Extended, AuditActions.SupportMeasureExtended,
            $"{from:yyyy-MM-dd} -> {end:yyyy-MM-dd}" + (string.IsNullOrWhiteSpace(reason) ? "" : " " + reason.Trim()), actor, ct);
        await ForwardAsync(db, measure, actor, ct);
        await tx.CommitAsync(ct);
        await DeliverAsync(ct);
        return measure;
    }

    /// <summary>Extends the measure to a household member or someone in the same dwelling (併せて支援を求める者).</summary>
    public async Task<SupportMeasure> AddMemberAsync(MunicipalDb db, long measureId, long residentId, string actor, CancellationToken ct = default)
    {
        var measure = await RequireInForceAsync(db, measureId, ct);
        var applicant = await db.Residents.AsNoTracking().FirstOrDefaultAsync(r => r.ResidentCode == measure.ApplicantResidentCode && r.Status == ResidentStatus.Active, ct)
            ?? throw new SupportMeasureException("measureId", "applicant-away", SupportMeasureMessages.ApplicantAway);
        var member = await RequireSharerAsync(db, applicant, residentId, ct);
        var today = JapanClock.Today(time);
        if (measure.People.Any(p => p.ResidentCode == member.ResidentCode && (p.CoveredUntil is null || p.CoveredUntil >= today)))
        {
            throw new SupportMeasureException("residentId", "already-covered", SupportMeasureMessages.AlreadyCovered);
        }
        if (measure.Offenders.Any(o => SamePerson(o, member)))
        {
            throw new SupportMeasureException("residentId", "member-is-offender", SupportMeasureMessages.MemberIsOffender);
        }
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        measure.People.Add(Person(member, SupportPersonRole.Member, today));
        measure.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await RecordAsync(db, measure, SupportMeasureEventKind.MemberAdded, AuditActions.SupportMeasureMemberAdded, "resident-code:" + member.ResidentCode[^4..], actor, ct);
        await ForwardAsync(db, measure, actor, ct);
        await tx.CommitAsync(ct);
        await DeliverAsync(ct);
        return measure;
    }

    public async Task<SupportMeasure> AddOffenderAsync(MunicipalDb db, long measureId, OffenderInput offender, string actor, CancellationToken ct = default)
    {
        var measure = await RequireInForceAsync(db, measureId, ct);
        var covered = await db.Residents.AsNoTracking().Where(r => measure.People.Select(p => p.ResidentCode).Contains(r.ResidentCode)).ToListAsync(ct);
        var row = CheckOffender(offender, measure.Offenders.Count, covered, measure.ApplicantResidentCode);
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        measure.Offenders.Add(row);
        measure.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await RecordAsync(db, measure, SupportMeasureEventKind.OffenderAdded, AuditActions.SupportMeasureOffenderAdded, row.Relationship, actor, ct);
        await ForwardAsync(db, measure, actor, ct);
        await tx.CommitAsync(ct);
        await DeliverAsync(ct);
        return measure;
    }

    /// <summary>緩和: a member (never the applicant) is no longer covered from today, with the reason.</summary>
    public async Task<SupportMeasure> RelaxAsync(MunicipalDb db, long measureId, long residentId, string? reason, string actor, CancellationToken ct = default)
    {
        var measure = await RequireInForceAsync(db, measureId, ct);
        RequireReason(reason, "relax");
        var code = await db.Residents.AsNoTracking().Where(r => r.Id == residentId).Select(r => r.ResidentCode).FirstOrDefaultAsync(ct)
            ?? throw new SupportMeasureException("residentId", "no-resident", SupportMeasureMessages.NoResident.With(residentId));
        var today = JapanClock.Today(time);
        var person = measure.People.FirstOrDefault(p => p.ResidentCode == code && (p.CoveredUntil is null || p.CoveredUntil >= today))
            ?? throw new SupportMeasureException("residentId", "not-covered", SupportMeasureMessages.NotCovered);
        if (person.Role == SupportPersonRole.Applicant)
        {
            throw new SupportMeasureException("residentId", "relax-applicant", SupportMeasureMessages.RelaxApplicant);
        }
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        person.CoveredUntil = today.AddDays(-1);
        measure.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await RecordAsync(db, measure, SupportMeasureEventKind.Relaxed, AuditActions.SupportMeasureRelaxed, "resident-code:" + code[^4..] + " " + reason!.Trim(), actor, ct);
        await ForwardAsync(db, measure, actor, ct);
        await tx.CommitAsync(ct);
        await DeliverAsync(ct);
        return measure;
    }

    /// <summary>解除: the measure ends today, with the reason. Only the officer lifts (§9 "Control").</summary>
    public async Task<SupportMeasure> LiftAsync(MunicipalDb db, long measureId, string? reason, string actor, CancellationToken ct = default)
    {
        var measure = await RequireAsync(db, measureId, ct);
        if (measure.State == SupportMeasureState.Lifted)
        {
            throw new SupportMeasureException("measureId", "lifted", SupportMeasureMessages.AlreadyLifted.With(LiftedOn(measure)));
        }
        RequireReason(reason, "lift");
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        measure.State = SupportMeasureState.Lifted;
        measure.LiftedOn = JapanClock.Today(time);
        measure.LiftReason = reason!.Trim();
        measure.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await RecordAsync(db, measure, SupportMeasureEventKind.Lifted, AuditActions.SupportMeasureLifted, measure.LiftReason, actor, ct);
        await ForwardAsync(db, measure, actor, ct);
        await tx.CommitAsync(ct);
        await DeliverAsync(ct);
        return measure;
    }

    /// <summary>§9 [project] the same day: the forwards leave with the change, in its transaction (ARCHITECTURE principle 3).</summary>
    private async Task ForwardAsync(MunicipalDb db, SupportMeasure measure, string actor, CancellationToken ct)
    {
        if (forwarding is not null)
        {
            await forwarding.RecordAsync(db, measure, actor, ct);
        }
    }

    private Task DeliverAsync(CancellationToken ct) => forwarding?.AfterCommitAsync(ct) ?? Task.CompletedTask;

    public static Task<SupportMeasure?> FindAsync(MunicipalDb db, long measureId, CancellationToken ct = default) =>
        db.SupportMeasures.Include(m => m.People).Include(m => m.Offenders).FirstOrDefaultAsync(m => m.Id == measureId, ct);

    private static async Task<SupportMeasure> RequireAsync(MunicipalDb db, long measureId, CancellationToken ct) =>
        await FindAsync(db, measureId, ct) ?? throw new SupportMeasureException("measureId", "no-measure", SupportMeasureMessages.NoMeasure.With(measureId));

    private async Task<SupportMeasure> RequireInForceAsync(MunicipalDb db, long measureId, CancellationToken ct)
    {
        var measure = await RequireAsync(db, measureId, ct);
        if (measure.State == SupportMeasureState.Lifted)
        {
            throw new SupportMeasureException("measureId", "lifted", SupportMeasureMessages.Lifted.With(LiftedOn(measure)));
        }
        if (measure.EndsOn < JapanClock.Today(time))
        {
            throw new SupportMeasureException("measureId", "ended", SupportMeasureMessages.Ended.With(LifecycleMessages.Day(measure.EndsOn)));
        }
        return measure;
    }

    /// <summary>Someone who lives with the applicant: the same household, or the same dwelling (§9 併せて支援を求める者).</summary>
    private static async Task<Resident> RequireSharerAsync(MunicipalDb db, Resident applicant, long id, CancellationToken ct)
    {
        if (id == applicant.Id)
        {
            throw new SupportMeasureException("memberIds", "member-is-applicant", SupportMeasureMessages.MemberIsApplicant);
        }
        var member = await db.Residents.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct)
            ?? throw new SupportMeasureException("memberIds", "no-resident", SupportMeasureMessages.NoResident.With(id));
        var shares = member.Status == ResidentStatus.Active
            && (member.HouseholdId == applicant.HouseholdId || (member.Town == applicant.Town && member.Block == applicant.Block && member.Building == applicant.Building));
        return shares ? member : throw new SupportMeasureException("memberIds", "member-not-sharing",
            SupportMeasureMessages.MemberNotSharing.With(id));
    }

    private static SupportMeasureOffender CheckOffender(OffenderInput o, int index, List<Resident> covered, string applicantCode)
    {
        var field = string.Create(CultureInfo.InvariantCulture, $"offenders[{index}]");
        if (string.IsNullOrWhiteSpace(o.Name))
        {
            throw new SupportMeasureException(field + ".name", "offender-name", SupportMeasureMessages.OffenderName);
        }
        var row = new SupportMeasureOffender
        {
            Name = o.Name.Trim(), NameKana = Trim(o.NameKana), BirthDate = o.BirthDate, Address = Trim(o.Address), Relationship = Trim(o.Relationship),
        };
        if (covered.FirstOrDefault(c => SamePerson(row, c)) is { } who)
        {
            throw new SupportMeasureException(field, "offender-is-covered", who.ResidentCode == applicantCode
                ? SupportMeasureMessages.OffenderIsApplicant
                : SupportMeasureMessages.OffenderIsCovered);
        }
        return row;
    }

    /// <summary>The same person: the same name (spaces and width ignored) and, when both are known, the same birth date.</summary>
    internal static bool SamePerson(SupportMeasureOffender o, Resident r) =>
        ResidentSearch.NormalizeName(o.Name) == ResidentSearch.NormalizeName(r.FamilyName + r.GivenName)
        && (o.BirthDate is null || o.BirthDate == r.BirthDate);

    private static SupportMeasurePerson Person(Resident r, SupportPersonRole role, DateOnly from) =>
        new() { ResidentCode = r.ResidentCode, Name = r.FullName, Role = role, CoveredFrom = from };

    private static void RequireReason(string? reason, string what)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new SupportMeasureException("reason", what + "-reason", what == "lift" ? SupportMeasureMessages.LiftReason : SupportMeasureMessages.RelaxReason);
        }
    }

    /// <summary>
    /// The day a lifted measure was lifted, as a message argument (the era in Japanese, ISO in English); the day of its last
    /// change should a lifted row ever lack it.
    /// </summary>
    internal static Message LiftedOn(SupportMeasure measure) =>
        LifecycleMessages.Day(measure.LiftedOn ?? DateOnly.FromDateTime(JapanClock.ToJapan(measure.UpdatedAt).DateTime));

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary><c>SM-{municipality}-{year}-{sequence}</c>: readable on the phone between officers, unique across municipalities.</summary>
    private async Task<string> NextReferenceAsync(MunicipalDb db, DateOnly starts, CancellationToken ct)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"SM-{here.Value}-{starts.Year}-");
        var count = await db.SupportMeasures.CountAsync(m => m.Reference.StartsWith(prefix), ct);
        return prefix + (count + 1).ToString("D5", CultureInfo.InvariantCulture);
    }

    /// <summary>The history line and the audit record of one change (the subject names the measure, never the address).</summary>
    private async Task RecordAsync(MunicipalDb db, SupportMeasure measure, SupportMeasureEventKind kind, string action, string? detail, string actor, CancellationToken ct)
    {
        db.SupportMeasureEvents.Add(new SupportMeasureEvent { MeasureId = measure.Id, At = time.GetUtcNow(), Kind = kind, Detail = detail, Actor = actor });
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, action, "support-measure:" + measure.Reference, detail: detail, ct: ct);
    }
}
