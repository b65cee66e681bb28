using Microsoft.EntityFrameworkCore;
using Myna.Core.Notices;
using Myna.Core.Residents;
using Myna.Municipal.SupportMeasures;

namespace Myna.Municipal.Notices;

/// <summary>
/// What the letter rule (<see cref="LetterAddress"/>) needs to know about a set of addressees, read once for a
/// batch: whose address is withheld (§9, <see cref="AddressRule"/>), the offenders' addresses of every measure in
/// force, and for each withheld person the addresses they left (earlier register addresses; the register's
/// address itself once they moved out).
/// </summary>
public sealed class LetterCheck(IReadOnlySet<long> withheld, IReadOnlyList<string> offenders, IReadOnlyDictionary<long, List<string>> left, string officeAddress)
{
    public IReadOnlySet<long> Withheld => withheld;

    /// <summary>The place a letter about this person goes: <paramref name="wanted"/>, or the office when §9 forbids it.</summary>
    public LetterDestination Destination(long residentId, LetterDestination wanted)
    {
        var isWithheld = withheld.Contains(residentId);
        return LetterAddress.Choose(wanted, isWithheld,
            isWithheld ? offenders.Concat(left.TryGetValue(residentId, out var l) ? l : []) : [], officeAddress);
    }

    /// <summary>
    /// For an envelope with several people (a household): the first person's place, unless the rule forbids it for
    /// anyone inside — then the office.
    /// </summary>
    public LetterDestination Destination(IReadOnlyList<long> residentIds, LetterDestination wanted)
    {
        var chosen = wanted;
        foreach (var id in residentIds)
        {
            if (Destination(id, chosen) is { Kind: DeliveryKind.HeldAtOffice } held)
            {
                return held;
            }
        }
        return chosen;
    }
}

/// <summary>Reads a <see cref="LetterCheck"/> for the addressees of a batch of letters (DOMAIN §9).</summary>
public static class LetterAddresses
{
    public static async Task<LetterCheck> CheckAsync(MunicipalDb db, AddressRule rule, IEnumerable<long> residentIds, string officeAddress,
        CancellationToken ct = default)
    {
        var withheld = await rule.WithheldAmongAsync(db, residentIds, ct);
        if (withheld.Count == 0)
        {
            return new LetterCheck(withheld, [], new Dictionary<long, List<string>>(), officeAddress);
        }
        var today = rule.Today;
        var offenders = await db.SupportMeasureOffenders.AsNoTracking().Where(o => o.Address != null)
            .Join(AddressRule.InForce(db, today),
                o => o.MeasureId, m => m.Id, (o, m) => o.Address!)
            .Distinct().ToListAsync(ct);
        var ids = withheld.ToList();
        var people = await db.Residents.AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(ct);
        var snapshots = await db.ResidentEvents.AsNoTracking().Where(e => ids.Contains(e.ResidentId))
            .Select(e => new { e.ResidentId, e.Snapshot }).ToListAsync(ct);
        var left = new Dictionary<long, List<string>>();
        foreach (var r in people)
        {
            var current = r.Address;
            var list = snapshots.Where(s => s.ResidentId == r.Id).Select(s => Address(ResidentSnapshot.FromJson(s.Snapshot)))
                .Where(a => !LetterAddress.SamePlace(a, current)).Distinct().ToList();
            if (r.Status != ResidentStatus.Active)
            {
                list.Add(current); // the register still holds the address the person left
            }
            left[r.Id] = list;
        }
        return new LetterCheck(withheld, offenders, left, officeAddress);
    }

    private static string Address(ResidentSnapshot s) => RegisterAddress.Join(s.Prefecture, s.City, s.Town, s.Block, s.Building);
}
