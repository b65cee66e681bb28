using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Residents;
using Myna.Storage;
using Myna.Storage.Audit;

namespace Myna.Municipal.Residents;

/// <summary>
/// Records or clears that a resident is an adult ward (成年被後見人, DOMAIN §4.4), on the evidence named by the
/// clerk (the court's ruling, the registry's certificate, or its ending); audited. Applications taken while it
/// is set carry no signature certificate.
/// </summary>
public sealed class AdultWardFlag(AuditLog audit)
{
    public async Task SetAsync(MunicipalDb db, long residentId, bool ward, string? evidence, string actor, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(evidence))
        {
            throw new RegisterRuleException("evidence", ward ? RegisterMessages.WardEvidence : RegisterMessages.WardEndEvidence);
        }
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var resident = await db.Residents.FirstOrDefaultAsync(r => r.Id == residentId, ct)
            ?? throw new RegisterRuleException("id", RegisterMessages.NoSuchResident.With(residentId));
        if (resident.AdultWard == ward)
        {
            throw new RegisterRuleException("adultWard", ward ? RegisterMessages.AlreadyWard : RegisterMessages.NotWard);
        }
        resident.AdultWard = ward;
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, AuditActions.AdultWardChanged, $"resident:{residentId}",
            detail: (ward ? "recorded: " : "cleared: ") + evidence.Trim(), ct: ct);
        await tx.CommitAsync(ct);
    }
}
