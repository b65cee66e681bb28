using Microsoft.EntityFrameworkCore;
using Myna.Core.Appointments;
using Myna.Core.Calendar;
using Myna.Core.Issuance;
using Myna.Core.Statistics;

namespace Myna.Municipal.Reports;

/// <summary>What the planner reads from the municipality's own records, and where each figure came from.</summary>
public sealed record PlannerInputs(WindowCapacity Capacity, int Backlog, double ShowUpRate, bool MeasuredServiceTime, int SessionDays);

/// <summary>
/// The issuance planner's inputs from the records (DOMAIN §11.3): the sessions open in the next four
/// weeks (desks, hours, open days a week), the average service time measured at the window over the last
/// 90 days (the pace a window keeps is set by the average; else the sessions' planned minutes), the backlog
/// of delivered cards still to be handed over at the window (cards going by restricted-delivery mail need
/// no slot), and the booking behaviour after a notice: the share of notified residents who came for their
/// card (notices sent 30 to 180 days ago, long enough to have answered; else the share of bookings kept).
/// </summary>
public static class PlannerData
{
    /// <summary>A notice this many days old has had its answer: the resident came, or is not coming soon.</summary>
    public const int AnswerDays = 30;

    public static async Task<PlannerInputs> ReadAsync(MunicipalDb db, TimeProvider time, CancellationToken ct = default)
    {
        var today = JapanClock.Today(time);
        var sessions = await db.WindowSessions.AsNoTracking().Where(s => !s.Closed && s.Date >= today && s.Date < today.AddDays(28)).ToListAsync(ct);
        var days = sessions.Select(s => s.Date).Distinct().Count();
        var deskHours = sessions.Sum(s => s.Desks * (s.End - s.Start).TotalHours);
        var windows = days == 0 ? 1 : Math.Max(1, (int)Math.Round(sessions.GroupBy(s => s.Date).Average(g => g.Sum(s => s.Desks))));
        var hours = days == 0 ? 7 : Math.Round(deskHours / days / windows * 2, MidpointRounding.AwayFromZero) / 2;
        var daysPerWeek = days == 0 ? 5 : Math.Clamp((int)Math.Round(days / 4.0), 1, 7);
        var measured = await OperationsReport.ComputeAsync(db, today.AddDays(-89), today, ct); // 90 days, today included
        var minutes = measured.MeanServiceMinutes is { } m && m >= 1 ? Math.Round(m, 1)
            : sessions.Count > 0 ? sessions.Average(s => s.ServiceMinutes) : 30;
        var backlog = await db.Cards.AsNoTracking()
            .Where(c => c.State == CardState.InSafe || c.State == CardState.Ready || c.State == CardState.NoticeSent)
            .Join(db.CardApplications.Where(a => !a.MailCard), c => c.CardApplicationId, a => a.Id, (c, a) => c.Id).CountAsync(ct);
        return new PlannerInputs(new WindowCapacity(windows, minutes, hours, daysPerWeek), backlog, await ShowUpRateAsync(db, today, ct),
            measured.MeanServiceMinutes is >= 1, days);
    }

    /// <summary>Of the notices that have had time to be answered, the share whose card was collected; else the share of bookings kept.</summary>
    private static async Task<double> ShowUpRateAsync(MunicipalDb db, DateOnly today, CancellationToken ct)
    {
        var answered = await db.IssuanceNotices.AsNoTracking().Where(n => n.SentOn <= today.AddDays(-AnswerDays) && n.SentOn > today.AddDays(-180))
            .Join(db.Cards, n => n.CardId, c => c.Id, (n, c) => c.State).ToListAsync(ct);
        if (answered.Count > 0)
        {
            return Math.Max(0.05, (double)answered.Count(s => s == CardState.Issued) / answered.Count);
        }
        var outcomes = await db.Appointments.AsNoTracking().Where(a => a.State == AppointmentState.Attended || a.State == AppointmentState.NoShow)
            .Select(a => a.State).ToListAsync(ct);
        return outcomes.Count == 0 ? 1.0 : Math.Max(0.05, (double)outcomes.Count(s => s == AppointmentState.Attended) / outcomes.Count);
    }

    /// <summary>The plan from the records, starting today.</summary>
    public static async Task<IssuancePlan> PlanAsync(MunicipalDb db, TimeProvider time, CancellationToken ct = default)
    {
        var inputs = await ReadAsync(db, time, ct);
        return IssuancePlanner.Plan(inputs.Capacity, inputs.Backlog, JapanClock.Today(time), inputs.ShowUpRate);
    }
}
