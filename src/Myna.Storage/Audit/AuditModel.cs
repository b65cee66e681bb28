using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;

namespace Myna.Storage.Audit;

/// <summary>The audit log's table, the same in every store (DOMAIN §12).</summary>
public static class AuditModel
{
    public static void Configure(ModelBuilder b) => b.Entity<AuditRecord>(e =>
    {
        e.ToTable("audit_records");
        e.HasKey(x => x.Sequence);
        e.Property(x => x.Sequence).ValueGeneratedNever();
    });
}
