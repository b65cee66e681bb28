using Microsoft.EntityFrameworkCore;
using Myna.Core.Identifiers;
using Myna.Core.Statistics;

namespace Myna.Municipal.Reports;

/// <summary>
/// Issuance figures from the system's own records (DOMAIN §11.1): for a municipality, the people in
/// its register today and the cards it has issued so far (cumulative: every card handed over here, at the
/// window or by restricted-delivery mail, whatever became of it since; cards continued from another
/// municipality after a move were issued there). Each municipality of the host is counted by a query on
/// its own store; only the two counts leave it, then they are ranked like imported figures.
/// </summary>
public static class OwnCounts
{
    public static async Task<AreaFigures> OfAsync(MunicipalDb db, Core.Municipalities.Municipality m, CancellationToken ct = default)
    {
        var population = await db.Residents.CountAsync(r => r.Status == Core.Residents.ResidentStatus.Active, ct);
        var issued = await db.HeldCards.CountAsync(h => h.CardId != null, ct);
        return new AreaFigures(m.Prefecture + m.Name, population, issued, m.Name.EndsWith('町') || m.Name.EndsWith('村') ? "町村" : "特別区・市");
    }

    /// <summary>Every municipality this host serves (with people in its register), ranked, with the total as the last line.</summary>
    public static async Task<List<RatedArea>> HostAsync(IEnumerable<Core.Municipalities.Municipality> municipalities, Func<MunicipalityCode, MunicipalDb> open,
        CancellationToken ct = default)
    {
        var areas = new List<AreaFigures>();
        foreach (var m in municipalities)
        {
            await using var db = open(m.Code);
            if (await OfAsync(db, m, ct) is { Population: > 0 } figures)
            {
                areas.Add(figures);
            }
        }
        var rated = IssuanceRates.Rank(areas);
        if (areas.Count > 0)
        {
            rated.Add(IssuanceRates.TotalLine(areas));
        }
        return rated;
    }
}
