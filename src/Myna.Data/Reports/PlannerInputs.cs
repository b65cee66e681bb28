using Microsoft.EntityFrameworkCore;
using Myna.Core.Appointments;
using Myna.Core.Calendar;
using Myna.Core.Issuance;
using Myna.Core.Statistics;

namespace Myna.Data.Reports;

/// <summary>What the planner reads from the municipality's own records, and where each figure came from.</summary>
public sealed record PlannerInputs(WindowCapacity Capacity, int Backlog, double ShowUpRate, bool MeasuredServiceTime, int SessionDays);

/// <summary>
/// The issuance planner's inputs from the records (DOMAIN §11.3): the sessions open in the next four
/// weeks (desks, hours, open days a week), the service time measured at the window over the last 90
/// days (else the sessions' planned minutes), the backlog of delivered cards not yet handed over, and the
/// share of booked residents who came (attended ÷ attended + no-shows).
/// </summary>
public static class PlannerData
{
    public static async Task<PlannerInputs> ReadAsync(MunicipalDb db, TimeProvider time, CancellationToken ct = default)
    {
        var today = JapanClock.Today(time);
        var sessions = await db.WindowSessions.AsNoTracking().Where(s => !s.Closed && s.Date >= today && s.Date < today.AddDays(28)).ToListAsync(ct);
        var days = sessions.Select(s => s.Date).Distinct().Count();
        var deskHours = sessions.Sum(s => s.Desks * (s.End - s.Start).TotalHours);
        var windows = days == 0 ? 1 : Math.Max(1, (int)Math.Round(sessions.GroupBy(s => s.Date).Average(g => g.Sum(s => s.Desks))));
        var hours = days == 0 ? 7 : Math.Round(deskHours / days / windows * 2, MidpointRounding.AwayFromZero) / 2;
        var daysPerWeek = days == 0 ? 5 : Math.Clamp((int)Math.Round(days / 4.0), 1, 7);
        var measured = await OperationsReport.ComputeAsync(db, today.AddDays(-90), today, ct);
        var minutes = measured.MedianServiceMinutes is { } m && m >= 1 ? Math.Round(m, 1)
            : sessions.Count > 0 ? sessions.Average(s => s.ServiceMinutes) : 30;
        var backlog = (await Issuance.CardSafe.InventoryAsync(db, ct)).Where(s => s.Key is CardState.InSafe or CardState.Ready or CardState.NoticeSent).Sum(s => s.Value);
        var outcomes = await db.Appointments.AsNoTracking().Where(a => a.State == AppointmentState.Attended || a.State == AppointmentState.NoShow)
            .Select(a => a.State).ToListAsync(ct);
        var showUp = outcomes.Count == 0 ? 1.0 : Math.Max(0.05, (double)outcomes.Count(s => s == AppointmentState.Attended) / outcomes.Count);
        return new PlannerInputs(new WindowCapacity(windows, minutes, hours, daysPerWeek), backlog, showUp, measured.MedianServiceMinutes is >= 1, days);
    }

    /// <summary>The plan from the records, starting today.</summary>
    public static async Task<IssuancePlan> PlanAsync(MunicipalDb db, TimeProvider time, CancellationToken ct = default)
    {
        var inputs = await ReadAsync(db, time, ct);
        return IssuancePlanner.Plan(inputs.Capacity, inputs.Backlog, JapanClock.Today(time), inputs.ShowUpRate);
    }
}
