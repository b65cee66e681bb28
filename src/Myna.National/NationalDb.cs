using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Storage;
using Myna.Storage.Audit;

namespace Myna.National;

/// <summary>
/// The national side's (J-LIS) own database. For numbering it keeps only the exceptions to
/// the FF1 permutation (changed and retired numbers), as keyed hashes: nothing that identifies
/// a person (DOMAIN §0.3).
/// </summary>
public sealed class NationalDb(DbContextOptions<NationalDb> options) : DbContext(options)
{
    public DbSet<ChangedNumber> ChangedNumbers => Set<ChangedNumber>();
    public DbSet<RetiredNumber> RetiredNumbers => Set<RetiredNumber>();
    /// <summary>Which municipality numbered each resident code (DOMAIN §1.2), as keyed hashes.</summary>
    public DbSet<NumberedCode> NumberedCodes => Set<NumberedCode>();
    public DbSet<Storage.Outbox.InboxMessage> InboxMessages => Set<Storage.Outbox.InboxMessage>();
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();
    public DbSet<Production.ProductionRequestRow> ProductionRequests => Set<Production.ProductionRequestRow>();
    public DbSet<Production.ProducedCard> ProducedCards => Set<Production.ProducedCard>();
    public DbSet<Production.DeliveryListRow> DeliveryLists => Set<Production.DeliveryListRow>();
    public DbSet<Jpki.IssuedCertificate> Certificates => Set<Jpki.IssuedCertificate>();
    public DbSet<Jpki.CertificateEvent> CertificateEvents => Set<Jpki.CertificateEvent>();
    public DbSet<Jpki.PublishedCrl> Crls => Set<Jpki.PublishedCrl>();
    public DbSet<Jpki.CaState> CaStates => Set<Jpki.CaState>();
    public DbSet<Verifiers.Verifier> Verifiers => Set<Verifiers.Verifier>();
    public DbSet<Cards.CardChip> CardChips => Set<Cards.CardChip>();
    public DbSet<Cards.CallCentreCase> CallCentreCases => Set<Cards.CallCentreCase>();
    public DbSet<Verifiers.VerifierConsent> VerifierConsents => Set<Verifiers.VerifierConsent>();
    public DbSet<Verifiers.VerifierAnswer> VerifierAnswers => Set<Verifiers.VerifierAnswer>();
    /// <summary>J-LIS operators (DOMAIN §0.2): the national side's own sign-ins, never a municipality's.</summary>
    public DbSet<Core.Staff.StaffAccount> OperatorAccounts => Set<Core.Staff.StaffAccount>();
    /// <summary>State-changing calls of the national API by idempotency key (ARCHITECTURE principle 3).</summary>
    public DbSet<NationalApi.NationalApiCall> NationalApiCalls => Set<NationalApi.NationalApiCall>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var b = modelBuilder;
        b.Entity<ChangedNumber>(e =>
        {
            e.ToTable("changed_numbers");
            e.HasKey(x => x.ResidentCodeHash);
            e.HasIndex(x => x.NumberHash).IsUnique();
        });
        b.Entity<NumberedCode>(e =>
        {
            e.ToTable("numbered_codes");
            e.HasKey(x => x.ResidentCodeHash);
        });
        Storage.Outbox.OutboxModel.Configure(b, withOutbox: false);
        b.Entity<RetiredNumber>(e =>
        {
            e.ToTable("retired_numbers");
            e.HasKey(x => x.NumberHash);
        });
        b.Entity<Production.ProductionRequestRow>(e =>
        {
            e.ToTable("production_requests");
            e.HasIndex(x => x.ApplicationId).IsUnique();
            e.HasIndex(x => x.State);
        });
        b.Entity<Production.ProducedCard>(e =>
        {
            e.ToTable("produced_cards");
            e.HasKey(x => x.Serial);
            e.HasIndex(x => x.RequestId);
            e.HasIndex(x => new { x.MunicipalityCode, x.State });
            e.HasIndex(x => x.IdentityHash);
        });
        b.Entity<Cards.CallCentreCase>(e =>
        {
            e.ToTable("call_centre_cases");
            e.HasIndex(x => x.Reference).IsUnique();
            e.HasIndex(x => x.Serial);
        });
        b.Entity<Production.DeliveryListRow>(e =>
        {
            e.ToTable("delivery_lists");
            e.HasIndex(x => x.MunicipalityCode);
        });
        b.Entity<Jpki.IssuedCertificate>(e =>
        {
            e.ToTable("certificates");
            e.HasIndex(x => x.Serial).IsUnique();
            e.HasIndex(x => new { x.Ca, x.KeyHash }).IsUnique();
            e.HasIndex(x => x.HolderHash);
            e.HasIndex(x => new { x.Ca, x.Status });
            e.HasIndex(x => x.CardSerial);
        });
        b.Entity<Jpki.CertificateEvent>(e =>
        {
            e.ToTable("certificate_events");
            e.HasIndex(x => x.CertificateId);
        });
        b.Entity<Jpki.PublishedCrl>(e =>
        {
            e.ToTable("crls");
            e.HasIndex(x => new { x.Ca, x.Number }).IsUnique();
        });
        b.Entity<Jpki.CaState>(e =>
        {
            e.ToTable("ca_states");
            e.HasKey(x => x.Ca);
            e.Property(x => x.Ca).ValueGeneratedNever();
        });
        b.Entity<Verifiers.Verifier>(e =>
        {
            e.ToTable("verifiers");
            e.HasIndex(x => x.KeyHash).IsUnique();
        });
        b.Entity<Verifiers.VerifierConsent>(e =>
        {
            e.ToTable("verifier_consents");
            e.HasIndex(x => new { x.VerifierId, x.HolderHash });
        });
        b.Entity<Verifiers.VerifierAnswer>(e =>
        {
            e.ToTable("verifier_answers");
            e.HasIndex(x => new { x.VerifierId, x.At });
        });
        b.Entity<Cards.CardChip>(e =>
        {
            e.ToTable("card_chips");
            e.HasKey(x => x.Serial);
            e.HasIndex(x => x.HolderHash);
        });
        b.Entity<Core.Staff.StaffAccount>(e =>
        {
            e.ToTable("operator_accounts");
            e.HasIndex(x => x.UserName).IsUnique();
            e.Ignore(x => x.RoleList);
        });
        AuditModel.Configure(b);
        NationalApi.NationalApiCallModel.Configure(b);
        SnakeCaseNames.Apply(b);
    }
}

/// <summary>
/// A resident code whose number was changed (番号変更), as HMACs: its current number is the one
/// of <see cref="Generation"/>. Codes without a row have their generation-0 number.
/// </summary>
public sealed class ChangedNumber
{
    public required byte[] ResidentCodeHash { get; set; }
    public required string MunicipalityCode { get; set; }
    public int Generation { get; set; }
    public required byte[] NumberHash { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}

/// <summary>A resident code numbered for a municipality (DOMAIN §1.2: nationally unique), as the keyed hash of the code.</summary>
public sealed class NumberedCode
{
    public required byte[] ResidentCodeHash { get; set; }
    public required string MunicipalityCode { get; set; }
    public DateTimeOffset NumberedAt { get; set; }
}

/// <summary>A number withdrawn by a number change: never issued again.</summary>
public sealed class RetiredNumber
{
    public required byte[] NumberHash { get; set; }
    public DateTimeOffset RetiredAt { get; set; }
}
