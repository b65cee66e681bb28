using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Data.Audit;

namespace Myna.Data.Residents;

/// <summary>
/// Sets or lifts the address protection of DOMAIN §9. Only the support-measure officer may do
/// either (the caller checks the role); the reason is required and the change audited.
/// </summary>
public sealed class SupportMeasureFlag(AuditLog audit)
{
    public async Task SetAsync(MunicipalDb db, long residentId, bool protect, string? reason, string actor, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new RegisterRuleException("reason", protect
                ? "enter the basis of the measure (e.g. the application and the police or support centre's opinion)"
                : "enter why the measure ends");
        }
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var resident = await db.Residents.FirstOrDefaultAsync(r => r.Id == residentId, ct)
            ?? throw new RegisterRuleException("id", $"resident {residentId} does not exist");
        if (resident.AddressProtected == protect)
        {
            throw new RegisterRuleException("protected", protect ? "the address is already protected" : "the address is not protected");
        }
        resident.AddressProtected = protect;
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, AuditActions.AddressProtectionChanged, $"resident:{residentId}",
            detail: (protect ? "protected: " : "lifted: ") + reason.Trim(), ct: ct);
        await tx.CommitAsync(ct);
    }
}
