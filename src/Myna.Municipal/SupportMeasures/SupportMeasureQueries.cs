using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Residents;
using Myna.Core.SupportMeasures;

namespace Myna.Municipal.SupportMeasures;

/// <summary>Which measures the officer's list shows.</summary>
public enum SupportMeasureListState
{
    /// <summary>In force today (not lifted, started, not ended).</summary>
    Active,
    /// <summary>Lifted, or past their end without an extension.</summary>
    Ended,
    All,
}

/// <summary>The list's filters: the state, those ending within so many days, those that cover a resident.</summary>
public sealed record SupportMeasureFilter(SupportMeasureListState State = SupportMeasureListState.Active, int? EndingWithinDays = null, long? ResidentId = null);

/// <summary>One line of the officer's list. <see cref="ForwardedFrom"/> and <see cref="KeepUntil"/>: a copy received from another municipality, kept until then (§9).</summary>
public sealed record SupportMeasureRow(long Id, string Reference, SupportMeasureKind Kind, string ApplicantName, DateOnly StartsOn, DateOnly EndsOn,
    SupportMeasureState State, DateOnly? LiftedOn, string? ForwardedFrom, int PeopleCovered, bool InForce, bool EndingSoon, DateOnly? KeepUntil = null);

/// <summary>A person who shares a covered person's household or dwelling without being covered: their address is withheld too, and the officer is asked to extend the measure to them (§9).</summary>
public sealed record SharerPrompt(long ResidentId, string Name, string ResidentCode, bool SameHousehold, long MeasureId, string Reference, string CoveredName);

/// <summary>A person a measure names, with the resident they are here (null while a forwarded measure waits for the move-in, or after a move).</summary>
public sealed record CoveredPerson(SupportMeasurePerson Person, long? ResidentId, bool Covered);

/// <summary>Someone the officer may cover with the applicant: the same household or dwelling (§9 併せて支援を求める者).</summary>
public sealed record Sharer(long ResidentId, string Name, string NameKana, DateOnly BirthDate, string Relationship, bool SameHousehold, bool Covered);

/// <summary>Everything the officer's page of one measure shows.</summary>
public sealed record SupportMeasureView(SupportMeasure Measure, IReadOnlyList<CoveredPerson> People, IReadOnlyList<SupportMeasureEvent> History,
    IReadOnlyList<Sharer> Sharers, bool InForce);

/// <summary>The filters of the withheld-read list: who, which path, a date range (Japan dates, inclusive), which resident.</summary>
public sealed record WithheldReadFilter(string? Actor = null, string? Where = null, DateOnly? From = null, DateOnly? To = null, long? ResidentId = null,
    int Page = 1, int PageSize = 50);

/// <summary>An attempt to read a protected address (refused), or the person themself served with it (§9 "every attempt ... is logged and shown to the officer").</summary>
public sealed record WithheldRead(long Sequence, DateTimeOffset At, string Actor, bool Served, string? Where, IReadOnlyList<(long Id, string Name)> Residents);

public sealed record WithheldReadPage(IReadOnlyList<WithheldRead> Items, int Total, int Page, int PageSize);

/// <summary>
/// The support-measure officer's read side (DOMAIN §9): the list of measures, one measure with its people
/// and history, the residents the officer is prompted to cover, and the log of withheld reads. Nothing here
/// writes; every change goes through <see cref="SupportMeasureDesk"/>.
/// </summary>
public static class SupportMeasureQueries
{
    /// <summary>§9: the officer is reminded one month before the end.</summary>
    public const int ReminderDays = 31;

    public static async Task<IReadOnlyList<SupportMeasureRow>> ListAsync(MunicipalDb db, SupportMeasureFilter filter, DateOnly today, CancellationToken ct = default)
    {
        var query = db.SupportMeasures.AsNoTracking();
        query = filter.State switch
        {
            SupportMeasureListState.Active => AddressRule.InForce(db, today).AsNoTracking(),
            SupportMeasureListState.Ended => query.Where(m => m.State == SupportMeasureState.Lifted || m.EndsOn < today),
            _ => query,
        };
        if (filter.EndingWithinDays is { } days)
        {
            var until = today.AddDays(Math.Clamp(days, 0, 3660));
            query = query.Where(m => m.State == SupportMeasureState.Active && m.EndsOn >= today && m.EndsOn <= until);
        }
        if (filter.ResidentId is { } residentId)
        {
            var code = db.Residents.Where(r => r.Id == residentId).Select(r => r.ResidentCode);
            query = query.Where(m => db.SupportMeasurePeople.Any(p => p.MeasureId == m.Id && code.Contains(p.ResidentCode)));
        }
        var rows = await query.OrderBy(m => m.EndsOn).ThenBy(m => m.Id)
            .Select(m => new
            {
                m.Id, m.Reference, m.Kind, m.ApplicantName, m.StartsOn, m.EndsOn, m.State, m.LiftedOn, m.ForwardedFrom, m.KeepUntil,
                People = db.SupportMeasurePeople.Count(p => p.MeasureId == m.Id && p.CoveredFrom <= today && (p.CoveredUntil == null || p.CoveredUntil >= today)),
            })
            .Take(1000).ToListAsync(ct);
        var soon = today.AddDays(ReminderDays);
        return rows.Select(m =>
        {
            var inForce = m.State == SupportMeasureState.Active && m.StartsOn <= today && m.EndsOn >= today && (m.KeepUntil is null || m.KeepUntil >= today);
            return new SupportMeasureRow(m.Id, m.Reference, m.Kind, m.ApplicantName, m.StartsOn, m.EndsOn, m.State, m.LiftedOn, m.ForwardedFrom, m.People,
                inForce, inForce && m.EndsOn <= soon, m.KeepUntil);
        }).ToList();
    }

    /// <summary>Measures in force that end within a month: the dashboard's reminder.</summary>
    public static Task<int> EndingSoonCountAsync(MunicipalDb db, DateOnly today, CancellationToken ct = default)
    {
        var soon = today.AddDays(ReminderDays);
        return AddressRule.InForce(db, today).CountAsync(m => m.EndsOn <= soon, ct);
    }

    /// <summary>
    /// Residents whose address is withheld only because they share a covered person's household or dwelling
    /// (<see cref="AddressRule.WithheldIds(MunicipalDb, DateOnly)"/> minus the covered), each with a measure
    /// the officer can extend to them: one whose applicant lives with them, as the desk requires.
    /// </summary>
    public static async Task<IReadOnlyList<SharerPrompt>> UncoveredSharersAsync(MunicipalDb db, DateOnly today, CancellationToken ct = default)
    {
        var withheld = AddressRule.WithheldIds(db, today);
        var codes = AddressRule.CoveredCodes(db, today);
        var sharers = await db.Residents.AsNoTracking()
            .Where(r => withheld.Contains(r.Id) && !codes.Contains(r.ResidentCode) && r.Status == ResidentStatus.Active)
            .OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.FamilyName, r.GivenName, r.ResidentCode, r.HouseholdId, r.Town, r.Block, r.Building })
            .Take(500).ToListAsync(ct);
        if (sharers.Count == 0)
        {
            return [];
        }
        // The applicants here of the measures in force: each sharer is offered the measure of the applicant they live with.
        var applicants = await AddressRule.InForce(db, today).AsNoTracking()
            .Join(db.Residents.Where(r => r.Status == ResidentStatus.Active), m => m.ApplicantResidentCode, r => r.ResidentCode,
                (m, r) => new { m.Id, m.Reference, r.FamilyName, r.GivenName, r.HouseholdId, r.Town, r.Block, r.Building })
            .ToListAsync(ct);
        var prompts = new List<SharerPrompt>();
        foreach (var s in sharers)
        {
            var household = applicants.FirstOrDefault(a => a.HouseholdId == s.HouseholdId);
            var match = household ?? applicants.FirstOrDefault(a => a.Town == s.Town && a.Block == s.Block && a.Building == s.Building);
            if (match is not null)
            {
                prompts.Add(new SharerPrompt(s.Id, s.FamilyName + "\u3000" + s.GivenName, s.ResidentCode, household is not null, match.Id, match.Reference,
                    match.FamilyName + "\u3000" + match.GivenName));
            }
        }
        return prompts;
    }

    /// <summary>How many residents are withheld without being covered (the dashboard's prompt).</summary>
    public static Task<int> UncoveredSharerCountAsync(MunicipalDb db, DateOnly today, CancellationToken ct = default)
    {
        var withheld = AddressRule.WithheldIds(db, today);
        var codes = AddressRule.CoveredCodes(db, today);
        return db.Residents.CountAsync(r => withheld.Contains(r.Id) && !codes.Contains(r.ResidentCode) && r.Status == ResidentStatus.Active, ct);
    }

    /// <summary>One measure with its people (and who they are here), its history, and the people who could be covered with the applicant.</summary>
    public static async Task<SupportMeasureView?> GetAsync(MunicipalDb db, long id, DateOnly today, CancellationToken ct = default)
    {
        var measure = await db.SupportMeasures.AsNoTracking().Include(m => m.People).Include(m => m.Offenders).FirstOrDefaultAsync(m => m.Id == id, ct);
        if (measure is null)
        {
            return null;
        }
        var codes = measure.People.Select(p => p.ResidentCode).ToList();
        var ids = await db.Residents.AsNoTracking().Where(r => codes.Contains(r.ResidentCode)).Select(r => new { r.ResidentCode, r.Id }).ToListAsync(ct);
        var people = measure.People.OrderBy(p => p.Role).ThenBy(p => p.Id)
            .Select(p => new CoveredPerson(p, ids.FirstOrDefault(i => i.ResidentCode == p.ResidentCode)?.Id, p.CoveredFrom <= today && (p.CoveredUntil is null || p.CoveredUntil >= today)))
            .ToList();
        var history = await db.SupportMeasureEvents.AsNoTracking().Where(e => e.MeasureId == id).OrderBy(e => e.Id).ToListAsync(ct);
        var applicant = await db.Residents.AsNoTracking().FirstOrDefaultAsync(r => r.ResidentCode == measure.ApplicantResidentCode && r.Status == ResidentStatus.Active, ct);
        var covered = people.Where(p => p.Covered).Select(p => p.Person.ResidentCode).ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<Sharer> sharers = applicant is null ? [] : await SharersAsync(db, applicant, covered, ct);
        return new SupportMeasureView(measure, people, history, sharers, measure.IsActiveOn(today));
    }

    /// <summary>The applicant's household and everyone at the same dwelling (for the new measure's checkboxes and "add member").</summary>
    public static async Task<IReadOnlyList<Sharer>> SharersAsync(MunicipalDb db, Resident applicant, IReadOnlySet<string>? covered = null, CancellationToken ct = default)
    {
        var rows = await db.Residents.AsNoTracking()
            .Where(r => r.Id != applicant.Id && r.Status == ResidentStatus.Active
                && (r.HouseholdId == applicant.HouseholdId || (r.Town == applicant.Town && r.Block == applicant.Block && r.Building == applicant.Building)))
            .OrderBy(r => r.HouseholdId == applicant.HouseholdId ? 0 : 1).ThenBy(r => r.BirthDate).ThenBy(r => r.Id)
            .Take(200).ToListAsync(ct);
        return rows.Select(r => new Sharer(r.Id, r.FullName, r.FullNameKana, r.BirthDate, r.Relationship, r.HouseholdId == applicant.HouseholdId,
            covered?.Contains(r.ResidentCode) == true)).ToList();
    }

    /// <summary>
    /// The withheld reads of the audit log, newest first. The subject of a record names the residents
    /// (<c>resident:1,2,3</c>); the date range is applied on the records' times in Japan.
    /// </summary>
    public static async Task<WithheldReadPage> WithheldReadsAsync(MunicipalDb db, WithheldReadFilter filter, CancellationToken ct = default)
    {
        var query = db.AuditRecords.AsNoTracking()
            .Where(a => a.Action == AuditActions.ProtectedAddressRefused || a.Action == AuditActions.ProtectedAddressServed);
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var actor = filter.Actor.Trim();
            query = query.Where(a => a.Actor == actor);
        }
        if (!string.IsNullOrWhiteSpace(filter.Where))
        {
            var where = filter.Where.Trim();
            query = query.Where(a => a.Detail == where);
        }
        if (filter.ResidentId is { } residentId)
        {
            var id = residentId.ToString(CultureInfo.InvariantCulture);
            string only = "resident:" + id, first = "resident:" + id + ",", middle = "," + id + ",", last = "," + id;
            query = query.Where(a => a.Subject == only || a.Subject.StartsWith(first) || a.Subject.Contains(middle) || a.Subject.EndsWith(last));
        }
        var rows = await query.OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.At, a.Actor, a.Action, a.Subject, a.Detail }).ToListAsync(ct);
        // SQLite keeps the time as text, which it cannot compare as a time: the range is applied here, on the rows the other filters left.
        if (filter.From is { } from)
        {
            rows = rows.Where(r => DateOnly.FromDateTime(Core.Calendar.JapanClock.ToJapan(r.At).DateTime) >= from).ToList();
        }
        if (filter.To is { } to)
        {
            rows = rows.Where(r => DateOnly.FromDateTime(Core.Calendar.JapanClock.ToJapan(r.At).DateTime) <= to).ToList();
        }
        var size = Math.Clamp(filter.PageSize, 1, 200);
        var page = Math.Clamp(filter.Page, 1, Core.Text.Paging.MaxPage);
        var slice = rows.Skip((page - 1) * size).Take(size).ToList();
        var parsed = slice.Select(r => (r, Ids: ResidentIds(r.Subject))).ToList();
        var wanted = parsed.SelectMany(p => p.Ids).Distinct().ToList();
        var names = await db.Residents.AsNoTracking().Where(r => wanted.Contains(r.Id))
            .Select(r => new { r.Id, r.FamilyName, r.GivenName }).ToDictionaryAsync(r => r.Id, r => r.FamilyName + "\u3000" + r.GivenName, ct);
        var items = parsed.Select(p => new WithheldRead(p.r.Sequence, p.r.At, p.r.Actor, p.r.Action == AuditActions.ProtectedAddressServed, p.r.Detail,
            p.Ids.Select(i => (i, names.GetValueOrDefault(i, "#" + i.ToString(CultureInfo.InvariantCulture)))).ToList())).ToList();
        return new WithheldReadPage(items, rows.Count, page, size);
    }

    /// <summary>The paths withheld reads were logged on (for the filter's choices).</summary>
    public static Task<List<string>> WithheldPathsAsync(MunicipalDb db, CancellationToken ct = default) =>
        db.AuditRecords.AsNoTracking()
            .Where(a => (a.Action == AuditActions.ProtectedAddressRefused || a.Action == AuditActions.ProtectedAddressServed) && a.Detail != null)
            .Select(a => a.Detail!).Distinct().OrderBy(d => d).Take(100).ToListAsync(ct);

    private static List<long> ResidentIds(string subject) =>
        subject.StartsWith("resident:", StringComparison.Ordinal)
            ? subject["resident:".Length..].Split(',').Select(s => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1).Where(i => i > 0).ToList()
            : [];
}
