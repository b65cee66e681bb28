using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Lifecycle;
using Myna.Core.Residents;
using Myna.Municipal.Residents;
using Myna.Municipal.SupportMeasures;
using Myna.Storage.Audit;

namespace Myna.Municipal.Lifecycle;

/// <summary>A move-out of this municipality as a reader may see it: the destination address, or the placeholder (§9).</summary>
public sealed record OutgoingMove(MoveOutRecord MoveOut, string Name, string DestinationAddress, bool AddressWithheld);

/// <summary>Advance information from another municipality as a reader may see it (§9: the destination here is an address too).</summary>
public sealed record IncomingMove(IncomingMoveOut Information, string DestinationAddress, bool AddressWithheld);

/// <summary>
/// The lifecycle desk's lists of moves (DOMAIN §8.6) through the address rule (§9). A move-out destination is an address:
/// at the origin it is withheld with the person's own address (<see cref="AddressRule"/>); at the destination, where the
/// person is not in the register yet, it is withheld when a measure in force covers their resident code (a forwarded
/// measure). Only the support-measure officer sees a withheld destination; every other read is logged for the officer.
/// </summary>
public static class MoveLists
{
    public static async Task<List<OutgoingMove>> OutgoingAsync(MunicipalDb db, AddressRule rule, Reader reader, int take, CancellationToken ct = default)
    {
        var rows = await db.MoveOuts.AsNoTracking().OrderByDescending(o => o.Id).Take(take)
            .Join(db.Residents.AsNoTracking(), o => o.ResidentId, r => r.Id, (o, r) => new { o, r.FamilyName, r.GivenName }).ToListAsync(ct);
        var withheld = await rule.WithheldAmongAsync(db, rows.Select(x => x.o.ResidentId), ct);
        var hidden = await rule.HiddenFromAsync(db, reader, withheld, "lifecycle outgoing moves", ct);
        return rows.Select(x => new OutgoingMove(x.o, x.FamilyName + "\u3000" + x.GivenName,
            hidden.Contains(x.o.ResidentId) ? AddressProtection.Hidden : x.o.DestinationAddress, withheld.Contains(x.o.ResidentId))).ToList();
    }

    public static async Task<List<IncomingMove>> IncomingAsync(MunicipalDb db, AddressRule rule, AuditLog audit, Reader reader, CancellationToken ct = default)
    {
        var waiting = await MoveDesk.WaitingAsync(db, ct);
        var codes = waiting.Select(i => i.ResidentCode).Distinct().ToList();
        var covered = codes.Count == 0 ? [] : (await AddressRule.CoveredCodes(db, rule.Today).Where(c => codes.Contains(c)).Distinct().ToListAsync(ct)).ToHashSet();
        var hidden = reader.MaySeeProtected ? [] : waiting.Where(i => covered.Contains(i.ResidentCode)).ToList();
        if (hidden.Count > 0)
        {
            // The person is not in this register yet: the read is logged against the advance information itself.
            await audit.AppendAsync(db, reader.Actor, AuditActions.ProtectedAddressRefused,
                "incoming-move-out:" + string.Join(",", hidden.Select(i => i.Id.ToString(CultureInfo.InvariantCulture))), detail: "lifecycle incoming moves", ct: ct);
        }
        return waiting.Select(i => new IncomingMove(i, hidden.Contains(i) ? AddressProtection.Hidden : i.DestinationAddress, covered.Contains(i.ResidentCode)))
            .ToList();
    }
}
