using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Appointments;
using Myna.Core.Calendar;
using Myna.Core.Issuance;
using Myna.Core.Staff;
using Myna.Hosting;
using Myna.Municipal.Appointments;
using Myna.Municipal.Issuance;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Pages.Appointments;

/// <summary>
/// Appointments for the staff (DOMAIN §6.3): windows and their sessions, the days ahead with seats
/// taken, booking by phone (the resident reads the notice number), closing a session (its residents
/// get a message), and the messages still to send.
/// </summary>
[RequirePermission(Permission.AppointmentsBook)]
public sealed class IndexModel(MynaRuntime runtime, MunicipalScope scope, UiText text) : PageModel
{
    public sealed record SessionRow(WindowSession Session, string Window, int Slots, int Capacity, int Booked);

    public sealed record BookingRow(AppointmentView Appointment, string FullName);

    public List<IssuanceWindow> Windows { get; private set; } = [];
    public List<SessionRow> Sessions { get; private set; } = [];
    public List<BookingRow> Today { get; private set; } = [];
    public List<ResidentMessage> Messages { get; private set; } = [];
    public IReadOnlyList<SlotView> Open { get; private set; } = [];
    public CardView? Found { get; private set; }
    public AppointmentView? FoundBooking { get; private set; }
    [BindProperty] public string? Find { get; set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    public DateOnly TodayDate => JapanClock.Today(runtime.Time);

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    [HandlerPermission(Permission.AppointmentsManage)]
    public async Task OnPostWindowAsync(string? name, string? place, CancellationToken ct) => await RunAsync(async () =>
    {
        var window = await AppointmentBook.AddWindowAsync(scope.Db, name ?? "", place, ct);
        Message = text.Format("appt.window.added", window.Name);
    }, ct);

    [HandlerPermission(Permission.AppointmentsManage)]
    public async Task OnPostSessionsAsync(long window, SessionKind kind, DateOnly from, DateOnly to, DayOfWeek[] days, TimeOnly start, TimeOnly end, int minutes,
        int desks, bool onClosedDays, CancellationToken ct) => await RunAsync(async () =>
    {
        var added = await runtime.AppointmentBook().AddSessionsAsync(scope.Db, window, kind, from, to, days, start, end, minutes, desks, onClosedDays, ct);
        Message = text.Format("appt.sessions.added", added);
    }, ct);

    [HandlerPermission(Permission.AppointmentsManage)]
    public async Task OnPostCloseAsync(long session, string? reason, CancellationToken ct) => await RunAsync(async () =>
    {
        var cancelled = await runtime.AppointmentBook().CloseSessionAsync(scope.Db, session, reason ?? "", scope.Actor, ct);
        Message = text.Format("appt.closed", cancelled);
    }, ct);

    /// <summary>A phone call: the clerk types (or scans) the notice number, the application ID or the card serial.</summary>
    [HandlerPermission(Permission.AppointmentsBook)]
    public async Task OnPostFindAsync(CancellationToken ct) => await RunAsync(async () =>
    {
        Found = await FindCardAsync(Find ?? "", ct) ?? throw new CardSafeException(text["appt.find.none"]);
        FoundBooking = await AppointmentBook.ActiveForCardAsync(scope.Db, Found.Id, ct);
    }, ct);

    [HandlerPermission(Permission.AppointmentsBook)]
    public async Task OnPostBookAsync(long card, long slot, CancellationToken ct) => await RunAsync(async () =>
    {
        var current = await AppointmentBook.ActiveForCardAsync(scope.Db, card, ct);
        var made = current is null
            ? await runtime.AppointmentBook().BookAsync(scope.Db, card, slot, AppointmentChannel.Phone, scope.Actor, ct)
            : await runtime.AppointmentBook().RebookAsync(scope.Db, current.Reference, slot, AppointmentChannel.Phone, scope.Actor, ct);
        Message = text.Format("appt.booked", Display.Appointment(made.StartsAt, text), made.Window, made.Reference);
    }, ct);

    [HandlerPermission(Permission.AppointmentsBook)]
    public async Task OnPostCancelAsync(string reference, CancellationToken ct) => await RunAsync(async () =>
    {
        await runtime.AppointmentBook().CancelAsync(scope.Db, reference, AppointmentChannel.Phone, scope.Actor, ct);
        Message = text.Format("appt.cancelled", reference);
    }, ct);

    [HandlerPermission(Permission.AppointmentsBook)]
    public async Task OnPostSentAsync(long message, CancellationToken ct) => await RunAsync(async () =>
    {
        var m = await scope.Db.ResidentMessages.FirstOrDefaultAsync(x => x.Id == message, ct) ?? throw new BookingRefusedException("unknown-message", AppointmentMessages.MessageUnknown);
        m.SentAt ??= runtime.Time.GetUtcNow();
        await scope.Db.SaveChangesAsync(ct);
    }, ct);

    private async Task<CardView?> FindCardAsync(string input, CancellationToken ct)
    {
        var db = scope.Db;
        if (NoticeNumber.Parse(input) is { } number)
        {
            var id = await db.IssuanceNotices.AsNoTracking().Where(n => n.Number == number).Select(n => (long?)n.CardId).FirstOrDefaultAsync(ct);
            return id is { } cardId ? await CardSafe.ViewAsync(db, cardId, ct) : null;
        }
        var digits = new string(input.Where(char.IsAsciiDigit).ToArray());
        var serial = CardSafe.NormalizeSerial(input);
        var views = await CardSafe.Views(db, c => c.Serial == serial || (c.State != CardState.ReturnedForRemake && c.State != CardState.Destroyed
            && db.CardApplications.Any(a => a.Id == c.CardApplicationId && a.ApplicationId == digits))).ToListAsync(ct);
        return views.FirstOrDefault();
    }

    private async Task RunAsync(Func<Task> work, CancellationToken ct)
    {
        try
        {
            await work();
        }
        catch (Exception e) when (e is BookingRefusedException or CardSafeException)
        {
            Error = Refusals.Say(text, e);
        }
        await LoadAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var db = scope.Db;
        var today = TodayDate;
        Windows = await db.IssuanceWindows.AsNoTracking().OrderBy(w => w.Id).ToListAsync(ct);
        var until = today.AddDays(14);
        var sessions = await db.WindowSessions.AsNoTracking().Where(s => s.Date >= today && s.Date <= until).ToListAsync(ct);
        var ids = sessions.Select(s => s.Id).ToList();
        var seats = await db.AppointmentSlots.AsNoTracking().Where(s => ids.Contains(s.SessionId)).GroupBy(s => s.SessionId)
            .Select(g => new { g.Key, Slots = g.Count(), Capacity = g.Sum(s => s.Capacity), Booked = g.Sum(s => s.Booked) }).ToDictionaryAsync(x => x.Key, ct);
        var names = Windows.ToDictionary(w => w.Id, w => w.Name);
        Sessions = sessions.OrderBy(s => s.Date).ThenBy(s => s.Start).Select(s => new SessionRow(s, names.GetValueOrDefault(s.WindowId, "?"),
            seats.GetValueOrDefault(s.Id)?.Slots ?? 0, seats.GetValueOrDefault(s.Id)?.Capacity ?? 0, seats.GetValueOrDefault(s.Id)?.Booked ?? 0)).ToList();
        var todaySessions = sessions.Where(s => s.Date == today).Select(s => s.Id).ToList();
        var todaySlots = await db.AppointmentSlots.AsNoTracking().Where(s => todaySessions.Contains(s.SessionId)).Select(s => s.Id).ToListAsync(ct);
        var booked = await db.Appointments.AsNoTracking().Where(a => todaySlots.Contains(a.SlotId) && a.State != AppointmentState.Rebooked)
            .Join(db.Cards, a => a.CardId, c => c.Id, (a, c) => new { a.Id, c.ResidentId })
            .Join(db.Residents, x => x.ResidentId, r => r.Id, (x, r) => new { x.Id, r.FamilyName, r.GivenName }).ToListAsync(ct);
        Today = [];
        foreach (var b in booked)
        {
            Today.Add(new BookingRow(await AppointmentBook.ViewAsync(db, b.Id, ct), b.FamilyName + "\u3000" + b.GivenName));
        }
        Today = Today.OrderBy(b => b.Appointment.StartsAt).ToList();
        Messages = await db.ResidentMessages.AsNoTracking().Where(m => m.SentAt == null).OrderBy(m => m.Id).Take(100).ToListAsync(ct);
        if (Found is not null)
        {
            Open = await runtime.AppointmentBook().OpenSlotsAsync(db, today.AddDays(28), forResidents: false, ct);
        }
    }
}
