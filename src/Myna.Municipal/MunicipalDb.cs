using Microsoft.EntityFrameworkCore;
using Myna.Core.Applications;
using Myna.Core.Audit;
using Myna.Core.Notices;
using Myna.Core.Numbering;
using Myna.Core.Residents;
using Myna.Core.Staff;
using Myna.Storage;
using Myna.Storage.Audit;

namespace Myna.Municipal;

/// <summary>
/// One municipality's own database (DOMAIN §0.3 principle 1): its register, numbers, staff and
/// audit log. Another municipality or the national side never reads these tables.
/// </summary>
public sealed class MunicipalDb(DbContextOptions<MunicipalDb> options) : DbContext(options)
{
    public DbSet<Household> Households => Set<Household>();
    public DbSet<Resident> Residents => Set<Resident>();
    public DbSet<ResidentEvent> ResidentEvents => Set<ResidentEvent>();
    public DbSet<ResidentNumber> ResidentNumbers => Set<ResidentNumber>();
    public DbSet<NumberingRun> NumberingRuns => Set<NumberingRun>();
    public DbSet<StaffAccount> StaffAccounts => Set<StaffAccount>();
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();
    public DbSet<ResidenceRegistration> ResidenceRegistrations => Set<ResidenceRegistration>();
    public DbSet<NoticeBatch> NoticeBatches => Set<NoticeBatch>();
    public DbSet<NoticeEnvelope> NoticeEnvelopes => Set<NoticeEnvelope>();
    public DbSet<Notice> Notices => Set<Notice>();
    public DbSet<MailEvent> MailEvents => Set<MailEvent>();
    public DbSet<CardApplication> CardApplications => Set<CardApplication>();
    public DbSet<ApplicationPhoto> ApplicationPhotos => Set<ApplicationPhoto>();
    public DbSet<ApplicationEvent> ApplicationEvents => Set<ApplicationEvent>();
    public DbSet<Core.Issuance.MunicipalCard> Cards => Set<Core.Issuance.MunicipalCard>();
    public DbSet<Core.Issuance.MunicipalCardEvent> CardEvents => Set<Core.Issuance.MunicipalCardEvent>();
    public DbSet<Core.Issuance.ImportedDeliveryList> DeliveryLists => Set<Core.Issuance.ImportedDeliveryList>();
    public DbSet<Core.Issuance.PinRequest> PinRequests => Set<Core.Issuance.PinRequest>();
    public DbSet<Core.Issuance.IssuanceNotice> IssuanceNotices => Set<Core.Issuance.IssuanceNotice>();
    public DbSet<Core.Issuance.WindowIssuance> WindowIssuances => Set<Core.Issuance.WindowIssuance>();
    public DbSet<Core.Appointments.IssuanceWindow> IssuanceWindows => Set<Core.Appointments.IssuanceWindow>();
    public DbSet<Core.Appointments.WindowSession> WindowSessions => Set<Core.Appointments.WindowSession>();
    public DbSet<Core.Appointments.AppointmentSlot> AppointmentSlots => Set<Core.Appointments.AppointmentSlot>();
    public DbSet<Core.Calendar.MunicipalClosedDay> MunicipalClosedDays => Set<Core.Calendar.MunicipalClosedDay>();
    public DbSet<Core.Appointments.Appointment> Appointments => Set<Core.Appointments.Appointment>();
    public DbSet<Core.Appointments.ResidentMessage> ResidentMessages => Set<Core.Appointments.ResidentMessage>();
    public DbSet<Core.Lifecycle.HeldCard> HeldCards => Set<Core.Lifecycle.HeldCard>();
    public DbSet<Core.Lifecycle.CardLifecycleEvent> LifecycleEvents => Set<Core.Lifecycle.CardLifecycleEvent>();
    public DbSet<Core.Lifecycle.ExpiryNotice> ExpiryNotices => Set<Core.Lifecycle.ExpiryNotice>();
    public DbSet<Core.Lifecycle.Replacement> Replacements => Set<Core.Lifecycle.Replacement>();
    public DbSet<Core.Lifecycle.MoveOutRecord> MoveOuts => Set<Core.Lifecycle.MoveOutRecord>();
    public DbSet<Core.Lifecycle.IncomingMoveOut> IncomingMoveOuts => Set<Core.Lifecycle.IncomingMoveOut>();
    public DbSet<Core.Lifecycle.PinReset> PinResets => Set<Core.Lifecycle.PinReset>();
    public DbSet<Core.Lifecycle.AbroadMove> AbroadMoves => Set<Core.Lifecycle.AbroadMove>();
    public DbSet<Storage.Outbox.OutboxMessage> OutboxMessages => Set<Storage.Outbox.OutboxMessage>();
    public DbSet<Storage.Outbox.InboxMessage> InboxMessages => Set<Storage.Outbox.InboxMessage>();
    public DbSet<Core.SupportMeasures.SupportMeasure> SupportMeasures => Set<Core.SupportMeasures.SupportMeasure>();
    public DbSet<Core.SupportMeasures.SupportMeasurePerson> SupportMeasurePeople => Set<Core.SupportMeasures.SupportMeasurePerson>();
    public DbSet<Core.SupportMeasures.SupportMeasureOffender> SupportMeasureOffenders => Set<Core.SupportMeasures.SupportMeasureOffender>();
    public DbSet<Core.SupportMeasures.SupportMeasureEvent> SupportMeasureEvents => Set<Core.SupportMeasures.SupportMeasureEvent>();
    public DbSet<Core.SupportMeasures.SupportMeasureForward> SupportMeasureForwards => Set<Core.SupportMeasures.SupportMeasureForward>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var b = modelBuilder;
        b.Entity<Household>(e =>
        {
            e.ToTable("households");
            e.HasIndex(x => x.HouseholdCode).IsUnique();
        });
        b.Entity<Resident>(e =>
        {
            e.ToTable("residents");
            e.HasIndex(x => x.ResidentCode).IsUnique();
            e.HasIndex(x => x.HouseholdId);
            e.HasIndex(x => x.BirthDate);
            // The numbering batch walks active residents in id order.
            e.HasIndex(x => x.Status);
            // §9: the address rule finds everyone in a protected dwelling by town and block.
            e.HasIndex(x => new { x.Town, x.Block });
            e.HasOne(x => x.Household).WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
            e.Ignore(x => x.FullName);
            e.Ignore(x => x.FullNameKana);
            e.Ignore(x => x.Address);
        });
        b.Entity<ResidentEvent>(e =>
        {
            e.ToTable("resident_events");
            e.HasIndex(x => x.ResidentId);
        });
        b.Entity<ResidentNumber>(e =>
        {
            e.ToTable("resident_numbers");
            e.HasIndex(x => x.LookupHash).IsUnique();
            // DOMAIN §1.3: one current number per resident; retired ones stay as history.
            e.HasIndex(x => x.ResidentId).IsUnique().HasFilter("is_current");
        });
        b.Entity<NumberingRun>(e => e.ToTable("numbering_runs"));
        b.Entity<StaffAccount>(e =>
        {
            e.ToTable("staff_accounts");
            e.HasIndex(x => x.UserName).IsUnique();
            e.Ignore(x => x.RoleList);
        });
        b.Entity<ResidenceRegistration>(e =>
        {
            e.ToTable("residence_registrations");
            e.HasIndex(x => x.ResidentId);
            e.Ignore(x => x.IsCurrent);
        });
        b.Entity<NoticeBatch>(e => e.ToTable("notice_batches"));
        b.Entity<Core.Issuance.MunicipalCard>(e =>
        {
            e.ToTable("cards");
            e.HasIndex(x => x.Serial).IsUnique();
            e.HasIndex(x => x.CardApplicationId);
            e.HasIndex(x => new { x.State, x.UpdatedAt });
            e.HasIndex(x => new { x.DeliveryListId, x.Line });
        });
        b.Entity<Core.Issuance.MunicipalCardEvent>(e =>
        {
            e.ToTable("card_events");
            e.HasIndex(x => x.CardId);
        });
        b.Entity<Core.Issuance.ImportedDeliveryList>(e => e.ToTable("delivery_lists"));
        b.Entity<Core.Issuance.IssuanceNotice>(e =>
        {
            e.ToTable("issuance_notices");
            e.HasIndex(x => x.Number).IsUnique();
            e.HasIndex(x => x.CardId).IsUnique();
            e.HasIndex(x => x.Deadline);
        });
        b.Entity<Core.Issuance.PinRequest>(e =>
        {
            e.ToTable("pin_requests");
            e.HasIndex(x => x.CardApplicationId);
        });
        b.Entity<Core.Issuance.WindowIssuance>(e =>
        {
            e.ToTable("window_issuances");
            e.HasIndex(x => x.CardId);
            e.HasIndex(x => x.StartedAt);
        });
        b.Entity<Core.Appointments.IssuanceWindow>(e => e.ToTable("issuance_windows"));
        b.Entity<Core.Appointments.WindowSession>(e =>
        {
            e.ToTable("window_sessions");
            e.HasIndex(x => x.Date);
        });
        b.Entity<Core.Calendar.MunicipalClosedDay>(e =>
        {
            e.ToTable("municipal_closed_days");
            e.HasIndex(x => x.Date).IsUnique();
        });
        b.Entity<Core.Appointments.AppointmentSlot>(e =>
        {
            e.ToTable("appointment_slots");
            e.HasIndex(x => x.SessionId);
            e.HasIndex(x => x.StartsAt);
        });
        b.Entity<Core.Appointments.Appointment>(e =>
        {
            e.ToTable("appointments");
            e.HasIndex(x => x.Reference).IsUnique();
            e.HasIndex(x => x.SlotId);
        });
        b.Entity<Core.Appointments.ResidentMessage>(e =>
        {
            e.ToTable("resident_messages");
            e.HasIndex(x => x.SentAt);
        });
        // DOMAIN §8: the card lifecycle.
        b.Entity<Core.Lifecycle.HeldCard>(e =>
        {
            e.ToTable("held_cards");
            e.HasIndex(x => x.Serial).IsUnique();
            e.HasIndex(x => x.ResidentId);
            e.HasIndex(x => new { x.State, x.Expiry });
        });
        b.Entity<Core.Lifecycle.CardLifecycleEvent>(e =>
        {
            e.ToTable("card_lifecycle_events");
            e.HasIndex(x => x.ResidentId);
        });
        b.Entity<Core.Lifecycle.ExpiryNotice>(e =>
        {
            e.ToTable("expiry_notices");
            e.HasIndex(x => new { x.HeldCardId, x.Subject, x.Expiry }).IsUnique();
            e.HasIndex(x => x.BatchMonth);
        });
        b.Entity<Core.Lifecycle.Replacement>(e =>
        {
            e.ToTable("replacements");
            e.HasIndex(x => x.ApplicationId).IsUnique();
            e.HasIndex(x => x.ReceiptNumber).IsUnique();
            e.HasIndex(x => x.ResidentId);
            e.HasIndex(x => x.ChargedOn);
            e.Ignore(x => x.TotalYen);
        });
        b.Entity<Core.SupportMeasures.SupportMeasure>(e =>
        {
            e.ToTable("support_measures");
            e.HasIndex(x => x.Reference).IsUnique();
            e.HasIndex(x => new { x.State, x.EndsOn });
            e.HasMany(x => x.People).WithOne().HasForeignKey(x => x.MeasureId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Offenders).WithOne().HasForeignKey(x => x.MeasureId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Core.SupportMeasures.SupportMeasurePerson>(e =>
        {
            e.ToTable("support_measure_people");
            e.HasIndex(x => x.ResidentCode);
            e.HasIndex(x => x.MeasureId);
        });
        b.Entity<Core.SupportMeasures.SupportMeasureOffender>(e =>
        {
            e.ToTable("support_measure_offenders");
            e.HasIndex(x => x.MeasureId);
        });
        b.Entity<Core.SupportMeasures.SupportMeasureEvent>(e =>
        {
            e.ToTable("support_measure_events");
            e.HasIndex(x => x.MeasureId);
        });
        b.Entity<Core.SupportMeasures.SupportMeasureForward>(e =>
        {
            e.ToTable("support_measure_forwards");
            e.HasIndex(x => x.MeasureId);
            e.HasIndex(x => x.MessageId);
            e.Property(x => x.MessageId).HasConversion(g => g.ToString("D"), s => Guid.Parse(s));
        });
        b.Entity<Core.Lifecycle.MoveOutRecord>(e =>
        {
            e.ToTable("move_outs");
            e.HasIndex(x => x.ResidentId);
            e.HasIndex(x => x.PlannedOn);
        });
        b.Entity<Core.Lifecycle.IncomingMoveOut>(e =>
        {
            e.ToTable("incoming_move_outs");
            e.HasIndex(x => x.ResidentCode);
        });
        b.Entity<Core.Lifecycle.AbroadMove>(e =>
        {
            e.ToTable("abroad_moves");
            e.HasIndex(x => x.ResidentId);
            e.HasIndex(x => new { x.State, x.MovesOn });
            e.Property(x => x.ContinuationId).HasConversion(g => g.ToString("D"), s => Guid.Parse(s));
        });
        b.Entity<Core.Lifecycle.PinReset>(e =>
        {
            e.ToTable("pin_resets");
            e.HasIndex(x => x.Desk);
        });
        b.Entity<NoticeEnvelope>(e =>
        {
            e.ToTable("notice_envelopes");
            e.HasIndex(x => new { x.BatchId, x.Sequence }).IsUnique();
            e.HasIndex(x => x.RegisteredMailNumber);
            e.HasIndex(x => new { x.State, x.KeepUntil });
        });
        b.Entity<Notice>(e =>
        {
            e.ToTable("notices");
            // DOMAIN §3.1: a number is notified once; §1.5: application IDs are unique.
            e.HasIndex(x => x.ResidentNumberId).IsUnique();
            e.HasIndex(x => x.ApplicationId).IsUnique();
            e.HasIndex(x => x.EnvelopeId);
            e.HasIndex(x => x.ResidentId);
        });
        b.Entity<MailEvent>(e =>
        {
            e.ToTable("mail_events");
            e.HasIndex(x => x.EnvelopeId);
        });
        b.Entity<CardApplication>(e =>
        {
            e.ToTable("card_applications");
            e.HasIndex(x => x.ApplicationId).IsUnique();
            e.HasIndex(x => x.ReceiptNumber).IsUnique();
            e.HasIndex(x => x.ResidentId);
            e.HasIndex(x => new { x.Status, x.ReceivedAt });
        });
        b.Entity<ApplicationPhoto>(e =>
        {
            e.ToTable("application_photos");
            e.HasIndex(x => x.CardApplicationId);
        });
        b.Entity<ApplicationEvent>(e =>
        {
            e.ToTable("application_events");
            e.HasIndex(x => x.CardApplicationId);
        });
        AuditModel.Configure(b);
        Storage.Outbox.OutboxModel.Configure(b, withOutbox: true);
        SnakeCaseNames.Apply(b);
    }
}
