using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Calendar;
using Myna.Core.Residents;
using Myna.Core.SupportMeasures;
using Myna.Municipal.Residents;
using Myna.Storage.Audit;

namespace Myna.Municipal.SupportMeasures;

/// <summary>
/// The one rule of DOMAIN §9 for every address of a person: whether a reader may see it. An address is
/// withheld when its person is covered by a measure in force (found by resident code, so a forwarded
/// measure applies the moment the person moves in), and when its person shares the address of a covered
/// person who lives here — a household member or anyone in the same dwelling — whether or not the officer
/// has extended the measure to them yet. Only the support-measure officer sees a withheld address; every
/// other reader gets <see cref="AddressProtection.Hidden"/> and the attempt is logged for the officer.
/// The person themself may be served with it (their letter, the window after identity verification), and
/// that read is logged too. Nothing is stored per resident: the rule is computed from the measures, so an
/// ended measure, a move or a new household member changes the answer at once.
/// </summary>
public sealed class AddressRule(AuditLog audit, TimeProvider time)
{
    public DateOnly Today => JapanClock.Today(time);

    /// <summary>
    /// Measures in force on <paramref name="today"/>: not lifted, started, not ended — and a forwarded copy only while it is
    /// kept (one year from its latest reception, §9). The one definition the rule and the certificate check share.
    /// </summary>
    public static IQueryable<SupportMeasure> InForce(MunicipalDb db, DateOnly today) =>
        db.SupportMeasures.Where(m => m.State == SupportMeasureState.Active && m.StartsOn <= today && m.EndsOn >= today
            && (m.KeepUntil == null || m.KeepUntil >= today));

    /// <summary>Resident codes covered by a measure in force on <paramref name="today"/> (including forwarded ones, for people not here yet).</summary>
    public static IQueryable<string> CoveredCodes(MunicipalDb db, DateOnly today) =>
        db.SupportMeasurePeople
            .Where(p => p.CoveredFrom <= today && (p.CoveredUntil == null || p.CoveredUntil >= today))
            .Join(InForce(db, today), p => p.MeasureId, m => m.Id, (p, m) => p.ResidentCode);

    /// <summary>
    /// Whether a resident's address is withheld on <paramref name="today"/>, as a condition the database checks row by row:
    /// the resident is covered, or shares the household or the dwelling (town, block, building) of a covered person who
    /// lives here. The three lists it compares against (covered codes, their households, their dwellings) are small and
    /// computed once per statement, so a search pays a few lookups per matching row, not a walk over the register.
    /// </summary>
    public static Expression<Func<Resident, bool>> IsWithheld(MunicipalDb db, DateOnly today)
    {
        var codes = CoveredCodes(db, today);
        // Only someone who lives here now makes an address of this register protected; a covered person who moved
        // out keeps their own row withheld (it holds the old address and the destination) and nothing more. Written as
        // "not ended" so that no database plans the lookup through the status index (nearly every row is active).
        var living = db.Residents.Where(r => codes.Contains(r.ResidentCode)
            && r.Status != ResidentStatus.MovedOut && r.Status != ResidentStatus.Deceased && r.Status != ResidentStatus.DeletedExOfficio
            && r.Status != ResidentStatus.MovedOutAbroad);
        var households = living.Select(r => r.HouseholdId);
        var dwellings = living.Select(r => r.Town + DwellingSeparator + r.Block + DwellingSeparator + (r.Building ?? ""));
        return r => codes.Contains(r.ResidentCode) || households.Contains(r.HouseholdId)
            || dwellings.Contains(r.Town + DwellingSeparator + r.Block + DwellingSeparator + (r.Building ?? ""));
    }

    /// <summary>The negation of <see cref="IsWithheld"/>, for a query that must not find a withheld address.</summary>
    public static Expression<Func<Resident, bool>> IsNotWithheld(MunicipalDb db, DateOnly today)
    {
        var withheld = IsWithheld(db, today);
        return Expression.Lambda<Func<Resident, bool>>(Expression.Not(withheld.Body), withheld.Parameters);
    }

    /// <summary>A character no address contains, between the parts of a dwelling's key.</summary>
    private const string DwellingSeparator = "\u001f";

    /// <summary>Every resident whose address is withheld on <paramref name="today"/>, for batch work (exports, print data, mail lists).</summary>
    public static IQueryable<long> WithheldIds(MunicipalDb db, DateOnly today) => db.Residents.Where(IsWithheld(db, today)).Select(r => r.Id);

    public Expression<Func<Resident, bool>> IsNotWithheld(MunicipalDb db) => IsNotWithheld(db, Today);

    public IQueryable<long> WithheldIds(MunicipalDb db) => WithheldIds(db, Today);

    /// <summary>Which of <paramref name="residentIds"/> have their address withheld today.</summary>
    public async Task<HashSet<long>> WithheldAmongAsync(MunicipalDb db, IEnumerable<long> residentIds, CancellationToken ct = default)
    {
        var ids = residentIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        return (await db.Residents.AsNoTracking().Where(r => ids.Contains(r.Id)).Where(IsWithheld(db, Today)).Select(r => r.Id).ToListAsync(ct)).ToHashSet();
    }

    public async Task<bool> IsWithheldAsync(MunicipalDb db, long residentId, CancellationToken ct = default) =>
        (await WithheldAmongAsync(db, [residentId], ct)).Count == 1;

    /// <summary>Whether a measure in force covers this resident code (a person arriving from elsewhere, a forwarded measure).</summary>
    public Task<bool> IsCoveredAsync(MunicipalDb db, string residentCode, CancellationToken ct = default) =>
        CoveredCodes(db, Today).AnyAsync(c => c == residentCode, ct);

    /// <summary>
    /// The residents among <paramref name="residentIds"/> whose address this reader may not see, with the attempt
    /// logged for the officer (where: the path, e.g. "resident page", "search", "envelope list"). Empty for the officer.
    /// </summary>
    public async Task<HashSet<long>> HiddenFromAsync(MunicipalDb db, Reader reader, IEnumerable<long> residentIds, string where, CancellationToken ct = default)
    {
        if (reader.MaySeeProtected)
        {
            return [];
        }
        var hidden = await WithheldAmongAsync(db, residentIds, ct);
        if (hidden.Count > 0)
        {
            await audit.ProtectedAddressWithheldAsync(db, reader.Actor, hidden.Order(), where, ct);
        }
        return hidden;
    }

    /// <summary>The address as this reader may see it: itself, or the placeholder (logged).</summary>
    public async Task<string> ShowAsync(MunicipalDb db, Reader reader, long residentId, string address, string where, CancellationToken ct = default) =>
        (await HiddenFromAsync(db, reader, [residentId], where, ct)).Count == 0 ? address : AddressProtection.Hidden;

    /// <summary>
    /// The person themself is served (their letter, the window after identity verification): the address is used,
    /// and when it is withheld from others the read is logged for the officer (§9).
    /// </summary>
    public async Task ServedAsync(MunicipalDb db, string actor, IEnumerable<long> residentIds, string where, CancellationToken ct = default)
    {
        var withheld = await WithheldAmongAsync(db, residentIds, ct);
        if (withheld.Count > 0)
        {
            await audit.AppendAsync(db, actor, Core.Audit.AuditActions.ProtectedAddressServed,
                "resident:" + string.Join(",", withheld.Order().Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))), detail: where, ct: ct);
        }
    }
}
