using Microsoft.EntityFrameworkCore;
using Myna.Core.Identifiers;
using Myna.Core.Residents;
using Myna.Core.SupportMeasures;

namespace Myna.Municipal.SupportMeasures;

/// <summary>
/// The measures in force that protect given residents, as the facts <see cref="SupportMeasureCheck"/>
/// decides on: those covering them by resident code (a forwarded measure applies before the person
/// arrives), and those covering someone who lives here at their address — their household or their
/// dwelling, the same sharing <see cref="AddressRule"/> withholds — so a copy about a relative who
/// lives with the victim is protected too (DOMAIN §9).
/// </summary>
public static class SupportMeasureFacts
{
    /// <summary>
    /// Loads the facts for <paramref name="subjects"/> on <paramref name="today"/>. A stored resident code that is not a
    /// valid code stops the check (<see cref="IdentifierFormatException"/>) rather than dropping a protected person.
    /// </summary>
    public static async Task<IReadOnlyList<MeasureFacts>> ProtectingAsync(MunicipalDb db, IEnumerable<ResidentCode> subjects, DateOnly today, CancellationToken ct = default)
    {
        var codes = subjects.Select(s => s.Value).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count == 0)
        {
            return [];
        }
        var subjectRows = await db.Residents.AsNoTracking().Where(r => codes.Contains(r.ResidentCode))
            .Select(r => new Place(r.ResidentCode, r.HouseholdId, r.Town, r.Block, r.Building)).ToListAsync(ct);

        // Covered people who live here and share a subject's household or dwelling (as AddressRule.WithheldIds).
        var covered = AddressRule.CoveredCodes(db, today);
        var households = subjectRows.Select(r => r.HouseholdId).Distinct().ToList();
        var towns = subjectRows.Select(r => r.Town).Distinct(StringComparer.Ordinal).ToList();
        var neighbours = subjectRows.Count == 0 ? [] : await db.Residents.AsNoTracking()
            .Where(c => c.Status == ResidentStatus.Active && covered.Contains(c.ResidentCode) && (households.Contains(c.HouseholdId) || towns.Contains(c.Town)))
            .Select(c => new Place(c.ResidentCode, c.HouseholdId, c.Town, c.Block, c.Building)).ToListAsync(ct);
        var sharesWith = subjectRows.ToDictionary(s => s.Code, s => neighbours.Where(n => n.Code != s.Code && n.SharesAddressWith(s)).Select(n => n.Code).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

        var interesting = codes.Concat(neighbours.Select(n => n.Code)).Distinct(StringComparer.Ordinal).ToList();
        var measures = await AddressRule.InForce(db, today).AsNoTracking().Include(m => m.People).Include(m => m.Offenders)
            .Where(m => m.People.Any(p => interesting.Contains(p.ResidentCode) && p.CoveredFrom <= today && (p.CoveredUntil == null || p.CoveredUntil >= today)))
            .OrderBy(m => m.Id).ToListAsync(ct);

        return measures.Select(m => ToFacts(m, today, codes, sharesWith)).ToList();
    }

    /// <summary>The mapping from the stored measure to the check's facts, for the people covered on <paramref name="today"/>.</summary>
    public static MeasureFacts ToFacts(SupportMeasure measure, DateOnly today, IReadOnlyCollection<string> subjects, IReadOnlyDictionary<string, HashSet<string>> sharesWith)
    {
        ArgumentNullException.ThrowIfNull(measure);
        var coveredNow = measure.People.Where(p => p.CoveredFrom <= today && (p.CoveredUntil is null || p.CoveredUntil >= today))
            .Select(p => p.ResidentCode).ToHashSet(StringComparer.Ordinal);
        var members = coveredNow.Where(c => c != measure.ApplicantResidentCode).Order(StringComparer.Ordinal).Select(ResidentCode.Parse).ToList();
        var sharing = subjects.Where(s => !coveredNow.Contains(s) && s != measure.ApplicantResidentCode
                && sharesWith.TryGetValue(s, out var with) && with.Overlaps(coveredNow))
            .Select(ResidentCode.Parse).ToList();
        var offenders = measure.Offenders.Select(o => new OffenderFacts(o.Name, o.NameKana, o.BirthDate, o.Address)).ToList();
        return new MeasureFacts(measure.Reference, measure.Kind.ToString(), ResidentCode.Parse(measure.ApplicantResidentCode), members, offenders,
            measure.StartsOn, measure.EndsOn, measure.State == SupportMeasureState.Active, sharing);
    }

    private sealed record Place(string Code, long HouseholdId, string Town, string Block, string? Building)
    {
        public bool SharesAddressWith(Place other) =>
            HouseholdId == other.HouseholdId || (Town == other.Town && Block == other.Block && Building == other.Building);
    }
}
