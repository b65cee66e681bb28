using Microsoft.EntityFrameworkCore;
using Myna.Core.Appointments;
using Myna.Core.Calendar;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Core.Issuance;
using Myna.Municipal.Notices;

namespace Myna.Municipal.Reports;

/// <summary>The supervisor's numbers for today (issue: the dashboard), each with the list it comes from.</summary>
public sealed record DashboardFigures(
    DateOnly Today,
    int AppointmentsToday,
    int AttendedToday,
    int NoShowsToday,
    IReadOnlyDictionary<CardState, int> Safe,
    int ReturnedMailDue,
    int NearingDestruction,
    int AwaitingReview,
    IReadOnlyList<Revocation> RevocationsToday);

/// <summary>
/// The supervisor's dashboard: today's appointments and no-shows, the safe by state, returned mail due
/// within a week, cards whose destruction is due within 30 days, applications waiting for review, and
/// the certificates of this municipality's holders revoked today (from the national side, through the contract).
/// </summary>
public static class Dashboard
{
    public const int DestructionWarningDays = 30;

    public static async Task<DashboardFigures> ComputeAsync(MunicipalDb db, MunicipalityCode code, MunicipalityOptions policy, MailTracking mail, ICardLifecycle national,
        TimeProvider time, CancellationToken ct = default)
    {
        var today = JapanClock.Today(time);
        var start = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), JapanClock.Offset);
        var end = start.AddDays(1);
        // Slot times are compared here: SQLite keeps them as text.
        var slots = (await db.AppointmentSlots.AsNoTracking().Select(s => new { s.Id, s.StartsAt }).ToListAsync(ct))
            .Where(s => s.StartsAt >= start && s.StartsAt < end).Select(s => s.Id).ToHashSet();
        var appointments = (await db.Appointments.AsNoTracking()
                .Where(a => a.State == AppointmentState.Booked || a.State == AppointmentState.Attended || a.State == AppointmentState.NoShow)
                .Select(a => new { a.SlotId, a.State }).ToListAsync(ct))
            .Where(a => slots.Contains(a.SlotId)).ToList();
        var destroyBy = today.AddMonths(-policy.DestroyAfterMonths).AddDays(DestructionWarningDays);
        var nearing = await db.IssuanceNotices.AsNoTracking().Where(n => n.Deadline <= destroyBy)
            .Join(db.Cards.AsNoTracking().Where(c => c.State == CardState.NoticeSent), n => n.CardId, c => c.Id, (n, c) => n.Id).CountAsync(ct);
        return new DashboardFigures(today, appointments.Count, appointments.Count(a => a.State == AppointmentState.Attended),
            appointments.Count(a => a.State == AppointmentState.NoShow), await Issuance.CardSafe.InventoryAsync(db, ct),
            (await mail.DueAsync(db, maySeeProtected: false, 7, ct: ct)).Count, nearing,
            await db.CardApplications.AsNoTracking().CountAsync(a => a.Status == Core.Applications.ApplicationStatus.Received, ct),
            await national.RevocationsSinceAsync(code, start, ct));
    }
}
