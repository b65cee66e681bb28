using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;

namespace Myna.Data;

/// <summary>
/// The national side's (J-LIS) own database. For numbering it keeps only keyed hashes of
/// resident codes and numbers: enough to stay idempotent and never issue a number twice,
/// nothing that identifies a person (DOMAIN §0.3).
/// </summary>
public sealed class NationalDb(DbContextOptions<NationalDb> options) : DbContext(options)
{
    public DbSet<IssuedNumber> IssuedNumbers => Set<IssuedNumber>();
    public DbSet<RetiredNumber> RetiredNumbers => Set<RetiredNumber>();
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var b = modelBuilder;
        b.Entity<IssuedNumber>(e =>
        {
            e.ToTable("issued_numbers");
            e.HasKey(x => x.ResidentCodeHash);
            e.HasIndex(x => x.NumberHash).IsUnique();
        });
        b.Entity<RetiredNumber>(e =>
        {
            e.ToTable("retired_numbers");
            e.HasKey(x => x.NumberHash);
        });
        AuditModel.Configure(b);
        SnakeCaseNames.Apply(b);
    }
}

/// <summary>The current number of one resident code, as hashes; <see cref="Generation"/> is the FF1 tweak used.</summary>
public sealed class IssuedNumber
{
    public required byte[] ResidentCodeHash { get; set; }
    public required string MunicipalityCode { get; set; }
    public int Generation { get; set; }
    public required byte[] NumberHash { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
}

/// <summary>A number withdrawn by a number change: never issued again.</summary>
public sealed class RetiredNumber
{
    public required byte[] NumberHash { get; set; }
    public DateTimeOffset RetiredAt { get; set; }
}

internal static class AuditModel
{
    public static void Configure(ModelBuilder b) => b.Entity<AuditRecord>(e =>
    {
        e.ToTable("audit_records");
        e.HasKey(x => x.Sequence);
        e.Property(x => x.Sequence).ValueGeneratedNever();
    });
}
