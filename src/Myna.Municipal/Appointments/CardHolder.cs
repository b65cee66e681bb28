using Microsoft.EntityFrameworkCore;
using Myna.Core.Residents;

namespace Myna.Municipal.Appointments;

/// <summary>Whose card a public booking is for, as the booking page may show it (<see cref="MaskedName"/>).</summary>
public static class CardHolder
{
    public static async Task<string> MaskedNameAsync(MunicipalDb db, long cardId, CancellationToken ct = default)
    {
        var names = await db.Cards.AsNoTracking().Where(c => c.Id == cardId)
            .Join(db.Residents, c => c.ResidentId, r => r.Id, (c, r) => new { r.FamilyName, r.GivenName }).FirstAsync(ct);
        return MaskedName.Of(names.FamilyName, names.GivenName);
    }
}
