using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Data.Audit;

namespace Myna.Data.Residents;

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
            throw new RegisterRuleException("evidence", ward
                ? "enter the evidence of the guardianship (e.g. the court's ruling or the registry's certificate)"
                : "enter why the guardianship no longer applies (e.g. the ruling that ended it)");
        }
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var resident = await db.Residents.FirstOrDefaultAsync(r => r.Id == residentId, ct)
            ?? throw new RegisterRuleException("id", $"resident {residentId} does not exist");
        if (resident.AdultWard == ward)
        {
            throw new RegisterRuleException("adultWard", ward ? "the person is already recorded as an adult ward" : "the person is not recorded as an adult ward");
        }
        resident.AdultWard = ward;
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, AuditActions.AdultWardChanged, $"resident:{residentId}",
            detail: (ward ? "recorded: " : "cleared: ") + evidence.Trim(), ct: ct);
        await tx.CommitAsync(ct);
    }
}
