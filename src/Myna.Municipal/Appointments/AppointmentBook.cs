using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Appointments;
using Myna.Core.Calendar;
using Myna.Core.Issuance;
using Myna.Core.Text.Messages;
using Myna.Storage;

namespace Myna.Municipal.Appointments;

/// <summary>
/// A booking that cannot be made: a stable <see cref="Code"/> for the API (e.g. <c>slot-full</c>) and the catalogue message
/// (<see cref="AppointmentMessages"/>) that pages show in the reader's language.
/// </summary>
public sealed class BookingRefusedException(string code, Message text) : MessageException(text)
{
    public string Code { get; } = code;
}

public sealed record SlotView(long SlotId, long SessionId, long WindowId, string Window, SessionKind Kind, DateTimeOffset StartsAt, int Capacity, int Booked)
{
    public int Free => Capacity - Booked;
}

public sealed record AppointmentView(long Id, string Reference, long CardId, long SlotId, DateTimeOffset StartsAt, string Window, AppointmentState State,
    AppointmentChannel Channel);

/// <summary>
/// Appointments for the hand-over (DOMAIN §6.3): windows, their sessions and slots, booking on the
/// web or by phone, cancelling and rebooking up to the cutoff, closing a session. A slot is never
/// overbooked, whatever the concurrency: a booking takes its seat with one conditional update
/// (<c>booked = booked + 1 … WHERE booked &lt; capacity</c>), which the database applies to one
/// row at a time, and a check constraint backs it; a card holds at most one active booking (a
/// partial unique index).
/// </summary>
public sealed class AppointmentBook(TimeProvider time, TimeSpan cutoff)
{
    /// <summary>[project] cancel or rebook up to 1 hour before (DOMAIN §6.3).</summary>
    public static readonly TimeSpan DefaultCutoff = TimeSpan.FromHours(1);

    public static async Task<IssuanceWindow> AddWindowAsync(MunicipalDb db, string name, string? place, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new BookingRefusedException("invalid-window", AppointmentMessages.WindowName);
        }
        var window = new IssuanceWindow { Name = name.Trim(), Place = string.IsNullOrWhiteSpace(place) ? null : place.Trim() };
        db.IssuanceWindows.Add(window);
        await db.SaveChangesAsync(ct);
        return window;
    }

    /// <summary>
    /// Opens a window on every listed weekday from <paramref name="from"/> to <paramref name="to"/>:
    /// one session per day, slots every <paramref name="serviceMinutes"/> from start to end, each for
    /// <paramref name="desks"/> residents. Days that already have a session of this window at the same start are skipped,
    /// and so are the office's closed days (national holidays, 29 December – 3 January, the municipality's own,
    /// <see cref="OfficeCalendar"/>) unless <paramref name="onClosedDays"/> opens them on purpose (a holiday opening).
    /// </summary>
    public async Task<int> AddSessionsAsync(MunicipalDb db, long windowId, SessionKind kind, DateOnly from, DateOnly to, IReadOnlyCollection<DayOfWeek> days,
        TimeOnly start, TimeOnly end, int serviceMinutes, int desks, bool onClosedDays = false, CancellationToken ct = default)
    {
        if (serviceMinutes is < 5 or > 240)
        {
            throw new BookingRefusedException("invalid-session", AppointmentMessages.ServiceMinutes);
        }
        if (desks is < 1 or > 50)
        {
            throw new BookingRefusedException("invalid-session", AppointmentMessages.Desks);
        }
        if (end <= start || (end - start).TotalMinutes < serviceMinutes)
        {
            throw new BookingRefusedException("invalid-session", AppointmentMessages.SessionTooShort);
        }
        if (to < from || to.DayNumber - from.DayNumber > 366)
        {
            throw new BookingRefusedException("invalid-session", AppointmentMessages.Period);
        }
        if (!await db.IssuanceWindows.AnyAsync(w => w.Id == windowId && w.Active, ct))
        {
            throw new BookingRefusedException("unknown-window", AppointmentMessages.WindowUnknown);
        }
        var existing = (await db.WindowSessions.AsNoTracking().Where(s => s.WindowId == windowId && s.Date >= from && s.Date <= to)
            .Select(s => new { s.Date, s.Start }).ToListAsync(ct)).Select(s => (s.Date, s.Start)).ToHashSet();
        var calendar = await OfficeCalendar.LoadAsync(db, ct);
        var added = 0;
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var closed = calendar.IsClosed(day);
            if (!days.Contains(day.DayOfWeek) || existing.Contains((day, start)) || (closed && !onClosedDays))
            {
                continue;
            }
            var session = new WindowSession
            {
                WindowId = windowId, Kind = kind, Date = day, Start = start, End = end, ServiceMinutes = serviceMinutes, Desks = desks, OnClosedDay = closed,
                CreatedAt = time.GetUtcNow(),
            };
            db.WindowSessions.Add(session);
            await db.SaveChangesAsync(ct);
            for (var at = start; at.AddMinutes(serviceMinutes) <= end && at >= start; at = at.AddMinutes(serviceMinutes))
            {
                db.AppointmentSlots.Add(new AppointmentSlot { SessionId = session.Id, StartsAt = Japan(day, at), Capacity = desks });
            }
            added++;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return added;
    }

    /// <summary>A Japan wall-clock time, stored in UTC (PostgreSQL keeps only UTC offsets).</summary>
    private static DateTimeOffset Japan(DateOnly day, TimeOnly at) => new DateTimeOffset(day.ToDateTime(at), JapanClock.Offset).ToUniversalTime();

    /// <summary>
    /// Open slots with a free seat from now (plus the cutoff for residents) up to <paramref name="until"/>. A day the office
    /// is closed (<see cref="OfficeCalendar"/>) is not offered, even when a session was opened on it before the day was
    /// closed, unless that session was opened on the closed day on purpose.
    /// </summary>
    public async Task<IReadOnlyList<SlotView>> OpenSlotsAsync(MunicipalDb db, DateOnly until, bool forResidents, CancellationToken ct = default)
    {
        var earliest = time.GetUtcNow() + (forResidents ? cutoff : TimeSpan.Zero);
        var last = Japan(until, TimeOnly.MaxValue);
        var calendar = await OfficeCalendar.LoadAsync(db, ct);
        var slots = await Slots(db).Where(s => !s.Closed && s.Capacity > s.Booked).ToListAsync(ct);
        // DateTimeOffset comparisons are done here: SQLite stores them as text.
        return slots.Where(s => s.StartsAt > earliest && s.StartsAt <= last && (s.OnClosedDay || !calendar.IsClosed(s.Date)))
            .OrderBy(s => s.StartsAt).ThenBy(s => s.Window)
            .Select(s => new SlotView(s.SlotId, s.SessionId, s.WindowId, s.Window, s.Kind, s.StartsAt, s.Capacity, s.Booked)).ToList();
    }

    /// <summary>Built with an initializer, not a constructor, so queries can still filter on it.</summary>
    private sealed class SlotRow
    {
        public long SlotId { get; init; }
        public long SessionId { get; init; }
        public long WindowId { get; init; }
        public required string Window { get; init; }
        public SessionKind Kind { get; init; }
        public DateTimeOffset StartsAt { get; init; }
        public int Capacity { get; init; }
        public int Booked { get; init; }
        public bool Closed { get; init; }
        public DateOnly Date { get; init; }
        public bool OnClosedDay { get; init; }
    }

    private static IQueryable<SlotRow> Slots(MunicipalDb db) =>
        db.AppointmentSlots.AsNoTracking()
            .Join(db.WindowSessions, s => s.SessionId, x => x.Id, (s, x) => new { s, x })
            .Join(db.IssuanceWindows, y => y.x.WindowId, w => w.Id, (y, w) => new SlotRow
            {
                SlotId = y.s.Id, SessionId = y.x.Id, WindowId = w.Id, Window = w.Name, Kind = y.x.Kind, StartsAt = y.s.StartsAt, Capacity = y.s.Capacity,
                Booked = y.s.Booked, Closed = y.x.Closed, Date = y.x.Date, OnClosedDay = y.x.OnClosedDay,
            });

    /// <summary>
    /// Books a card's hand-over in a slot. Web bookings need the card's issuance notice and respect
    /// the cutoff; a clerk on the phone may book any card ready for issuance into any future slot.
    /// </summary>
    public async Task<AppointmentView> BookAsync(MunicipalDb db, long cardId, long slotId, AppointmentChannel channel, string actor, CancellationToken ct = default)
    {
        await CheckCardAsync(db, cardId, channel, ct);
        await CheckSlotAsync(db, slotId, channel, ct);
        if (await db.Appointments.AsNoTracking().AnyAsync(a => a.CardId == cardId && a.State == AppointmentState.Booked, ct))
        {
            throw new BookingRefusedException("already-booked", AppointmentMessages.AlreadyBooked);
        }
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        await TakeSeatAsync(db, slotId, ct);
        var appointment = new Appointment
        {
            SlotId = slotId, CardId = cardId, Reference = NewReference(), Channel = channel, BookedAt = time.GetUtcNow(),
            BookedBy = actor,
        };
        db.Appointments.Add(appointment);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The partial unique index: a booking for the same card won the race.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            throw new BookingRefusedException("already-booked", AppointmentMessages.AlreadyBooked);
        }
        await tx.CommitAsync(ct);
        return await ViewAsync(db, appointment.Id, ct);
    }

    /// <summary>Moves a booking to another slot: the new seat is taken first, so a full slot leaves the old booking as it was.</summary>
    public async Task<AppointmentView> RebookAsync(MunicipalDb db, string reference, long newSlotId, AppointmentChannel channel, string actor,
        CancellationToken ct = default)
    {
        var old = await ActiveAsync(db, reference, channel, ct);
        if (old.SlotId == newSlotId)
        {
            return await ViewAsync(db, old.Id, ct);
        }
        await CheckSlotAsync(db, newSlotId, channel, ct);
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        await TakeSeatAsync(db, newSlotId, ct);
        await ReleaseSeatAsync(db, old.SlotId, ct);
        var rebookedAt = time.GetUtcNow();
        old.End(AppointmentState.Rebooked, rebookedAt, "rebooked by " + actor);
        await db.SaveChangesAsync(ct);
        // The old row becomes history under the booking number and its move's sequence ("ABCD2345-001", "-002", …):
        // unique however often the booking moves, inside this write transaction.
        var earlierMoves = await db.Appointments.CountAsync(a => a.Reference.StartsWith(old.Reference + "-"), ct);
        var moved = new Appointment
        {
            SlotId = newSlotId, CardId = old.CardId,
            Reference = old.Reference + "-" + (earlierMoves + 1).ToString("D3", System.Globalization.CultureInfo.InvariantCulture),
            Channel = channel, BookedAt = rebookedAt, BookedBy = actor,
        };
        // The resident keeps their booking number: the old row takes the suffix as history.
        (old.Reference, moved.Reference) = (moved.Reference, old.Reference);
        await db.SaveChangesAsync(ct);
        db.Appointments.Add(moved);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ViewAsync(db, moved.Id, ct);
    }

    public async Task<AppointmentView> CancelAsync(MunicipalDb db, string reference, AppointmentChannel channel, string actor, CancellationToken ct = default)
    {
        var appointment = await ActiveAsync(db, reference, channel, ct);
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        await ReleaseSeatAsync(db, appointment.SlotId, ct);
        appointment.End(AppointmentState.Cancelled, time.GetUtcNow(), "cancelled by " + actor);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ViewAsync(db, appointment.Id, ct);
    }

    /// <summary>
    /// Closes a session (e.g. a desk is short-staffed): every booking in it is cancelled and its
    /// resident gets a message (email, else phone, else post) to book again. Returns how many bookings were cancelled.
    /// </summary>
    public async Task<int> CloseSessionAsync(MunicipalDb db, long sessionId, string reason, string actor, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new BookingRefusedException("reason-required", AppointmentMessages.CloseReason);
        }
        var session = await db.WindowSessions.FirstOrDefaultAsync(s => s.Id == sessionId, ct)
            ?? throw new BookingRefusedException("unknown-session", AppointmentMessages.SessionUnknown);
        var window = await db.IssuanceWindows.AsNoTracking().FirstAsync(w => w.Id == session.WindowId, ct);
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        // Hold the session's seats first: a booking taking one now finishes before the bookings are read below, and
        // one that comes later waits for this close and then sees the session closed.
        await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE appointment_slots SET booked = booked WHERE session_id = {sessionId}", ct);
        session.Closed = true;
        session.ClosedReason = reason.Trim();
        await db.SaveChangesAsync(ct);
        var slotIds = await db.AppointmentSlots.Where(s => s.SessionId == sessionId).Select(s => s.Id).ToListAsync(ct);
        var booked = await db.Appointments.Where(a => slotIds.Contains(a.SlotId) && a.State == AppointmentState.Booked)
            .Join(db.Cards, a => a.CardId, c => c.Id, (a, c) => new { Appointment = a, c.ResidentId, c.CardApplicationId }).ToListAsync(ct);
        var now = time.GetUtcNow();
        var slots = await db.AppointmentSlots.Where(s => s.SessionId == sessionId).ToDictionaryAsync(s => s.Id, ct);
        foreach (var b in booked)
        {
            b.Appointment.End(AppointmentState.SessionClosed, now, session.ClosedReason);
            var startsAt = JapanClock.ToJapan(slots[b.Appointment.SlotId].StartsAt);
            var application = await db.CardApplications.AsNoTracking().FirstAsync(a => a.Id == b.CardApplicationId, ct);
            var resident = await db.Residents.AsNoTracking().FirstAsync(r => r.Id == b.ResidentId, ct);
            var (channel, to) = application.Email is { Length: > 0 } email ? ("email", email)
                : application.Phone is { Length: > 0 } phone ? ("phone", phone) : ("post", resident.Address);
            db.ResidentMessages.Add(new ResidentMessage
            {
                ResidentId = b.ResidentId, Channel = channel, To = to, CreatedAt = now,
                Subject = "マイナンバーカード交付予約の取消しについて",
                Body = string.Create(CultureInfo.InvariantCulture,
                    $"{resident.FullName} 様\n{JapaneseDate.Format(DateOnly.FromDateTime(startsAt.DateTime))} {startsAt:HH:mm}（{window.Name}）のご予約は、{session.ClosedReason}のため取り消しました。\n" +
                    $"お手数ですが、交付通知書の番号と生年月日で、予約ページから別の日時をご予約ください。予約番号 {b.Appointment.Reference}"),
            });
        }
        foreach (var slot in slots.Values)
        {
            slot.Booked = 0;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return booked.Count;
    }

    /// <summary>
    /// Bookings whose time ended before <paramref name="before"/> (a Japan day: the end of the day
    /// before it) without a hand-over become no-shows, so the day's figures and the supervisor see
    /// them; the card stays bookable. Returns how many.
    /// </summary>
    public async Task<int> MarkNoShowsAsync(MunicipalDb db, DateOnly before, CancellationToken ct = default)
    {
        var cutoffTime = new DateTimeOffset(before.ToDateTime(TimeOnly.MinValue), JapanClock.Offset);
        var open = await db.Appointments.Where(a => a.State == AppointmentState.Booked)
            .Join(db.AppointmentSlots, a => a.SlotId, s => s.Id, (a, s) => new { Appointment = a, s.StartsAt }).ToListAsync(ct);
        var missed = open.Where(x => x.StartsAt < cutoffTime).Select(x => x.Appointment).ToList();
        foreach (var a in missed)
        {
            a.End(AppointmentState.NoShow, time.GetUtcNow(), "no hand-over on the day");
        }
        await db.SaveChangesAsync(ct);
        return missed.Count;
    }

    /// <summary>The public page's identification (DOMAIN §6.3): the issuance notice's number and the birth date; null when they do not match.</summary>
    public static async Task<long?> CardByNoticeAsync(MunicipalDb db, string noticeNumber, DateOnly birthDate, CancellationToken ct = default)
    {
        // Full-width digits (an input method's default) are the same digits: one cleaning for every public input.
        var number = Core.Text.PublicInput.Number(noticeNumber);
        var found = await db.IssuanceNotices.AsNoTracking().Where(n => n.Number == number)
            .Join(db.Cards, n => n.CardId, c => c.Id, (n, c) => c)
            .Join(db.Residents, c => c.ResidentId, r => r.Id, (c, r) => new { c.Id, r.BirthDate }).FirstOrDefaultAsync(ct);
        return found is not null && found.BirthDate == birthDate ? found.Id : null;
    }

    public static async Task<AppointmentView?> ActiveForCardAsync(MunicipalDb db, long cardId, CancellationToken ct = default)
    {
        var id = await db.Appointments.AsNoTracking().Where(a => a.CardId == cardId && a.State == AppointmentState.Booked).Select(a => (long?)a.Id)
            .FirstOrDefaultAsync(ct);
        return id is { } found ? await ViewAsync(db, found, ct) : null;
    }

    public static async Task<AppointmentView> ViewAsync(MunicipalDb db, long id, CancellationToken ct = default)
    {
        var a = await db.Appointments.AsNoTracking().FirstAsync(x => x.Id == id, ct);
        var slot = await Slots(db).FirstAsync(s => s.SlotId == a.SlotId, ct);
        return new AppointmentView(a.Id, a.Reference, a.CardId, a.SlotId, slot.StartsAt, slot.Window, a.State, a.Channel);
    }

    private static async Task CheckCardAsync(MunicipalDb db, long cardId, AppointmentChannel channel, CancellationToken ct)
    {
        var state = await db.Cards.AsNoTracking().Where(c => c.Id == cardId).Select(c => (CardState?)c.State).FirstOrDefaultAsync(ct)
            ?? throw new BookingRefusedException("unknown-card", AppointmentMessages.CardUnknown);
        var bookable = channel == AppointmentChannel.Web ? state == CardState.NoticeSent : state is CardState.Ready or CardState.NoticeSent;
        if (!bookable)
        {
            throw new BookingRefusedException("card-not-bookable", state == CardState.Issued ? AppointmentMessages.CardHandedOver : AppointmentMessages.CardNotReady);
        }
    }

    private async Task CheckSlotAsync(MunicipalDb db, long slotId, AppointmentChannel channel, CancellationToken ct)
    {
        var slot = await Slots(db).FirstOrDefaultAsync(s => s.SlotId == slotId, ct)
            ?? throw new BookingRefusedException("unknown-slot", AppointmentMessages.SlotUnknown);
        if (slot.Closed)
        {
            throw new BookingRefusedException("session-closed", AppointmentMessages.SessionClosed);
        }
        if (!slot.OnClosedDay && (await OfficeCalendar.LoadAsync(db, ct)).IsClosed(slot.Date))
        {
            // The office is closed that day (§6.3): the booking page does not offer it, and a client naming the slot is refused too.
            throw new BookingRefusedException("session-closed", AppointmentMessages.OfficeClosed);
        }
        if (slot.Booked >= slot.Capacity)
        {
            // Already full when read: refused without taking the write lock. The conditional update stays the guarantee.
            throw new BookingRefusedException("slot-full", AppointmentMessages.SlotFull);
        }
        var earliest = time.GetUtcNow() + (channel == AppointmentChannel.Web ? cutoff : TimeSpan.Zero);
        if (slot.StartsAt <= earliest)
        {
            throw new BookingRefusedException("past-cutoff", channel == AppointmentChannel.Web
                ? AppointmentMessages.BookingCutoff.With(CutoffMinutes)
                : AppointmentMessages.SlotPassed);
        }
    }

    /// <summary>
    /// A card that can no longer be handed over (destroyed, or gone back for remaking) keeps no booking: each active one is
    /// cancelled and its seat freed, in the caller's unit of work. Returns how many were cancelled.
    /// </summary>
    public static async Task<int> CancelForCardAsync(MunicipalDb db, long cardId, string note, DateTimeOffset now, CancellationToken ct = default)
    {
        var active = await db.Appointments.Where(a => a.CardId == cardId && a.State == AppointmentState.Booked).ToListAsync(ct);
        foreach (var a in active)
        {
            await ReleaseSeatAsync(db, a.SlotId, ct);
            a.End(AppointmentState.Cancelled, now, note);
        }
        return active.Count;
    }

    /// <summary>The one statement that keeps a slot from being overbooked.</summary>
    private static async Task TakeSeatAsync(MunicipalDb db, long slotId, CancellationToken ct)
    {
        var taken = await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE appointment_slots SET booked = booked + 1 WHERE id = {slotId} AND booked < capacity", ct);
        if (taken == 0)
        {
            throw new BookingRefusedException("slot-full", AppointmentMessages.SlotFull);
        }
        // Read after the seat is held: a session closed meanwhile (its close waits for this seat's row) refuses the booking,
        // which rolls back with the seat; a booking that committed first is found and cancelled by the close.
        var closed = await db.AppointmentSlots.Where(x => x.Id == slotId).Join(db.WindowSessions, x => x.SessionId, w => w.Id, (x, w) => w.Closed).FirstAsync(ct);
        if (closed)
        {
            throw new BookingRefusedException("session-closed", AppointmentMessages.SessionClosedMeanwhile);
        }
    }

    /// <summary>The cutoff in whole minutes, as the refusals name it.</summary>
    private long CutoffMinutes => (long)Math.Round(cutoff.TotalMinutes);

    private static Task<int> ReleaseSeatAsync(MunicipalDb db, long slotId, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"UPDATE appointment_slots SET booked = booked - 1 WHERE id = {slotId} AND booked > 0", ct);

    private async Task<Appointment> ActiveAsync(MunicipalDb db, string reference, AppointmentChannel channel, CancellationToken ct)
    {
        var wanted = (reference ?? "").Trim().ToUpperInvariant();
        var appointment = await db.Appointments.FirstOrDefaultAsync(a => a.Reference == wanted && a.State == AppointmentState.Booked, ct)
            ?? throw new BookingRefusedException("unknown-booking", AppointmentMessages.BookingUnknown);
        if (channel == AppointmentChannel.Web)
        {
            var startsAt = await db.AppointmentSlots.AsNoTracking().Where(s => s.Id == appointment.SlotId).Select(s => s.StartsAt).FirstAsync(ct);
            if (startsAt <= time.GetUtcNow() + cutoff)
            {
                throw new BookingRefusedException("past-cutoff", AppointmentMessages.ChangeCutoff.With(CutoffMinutes));
            }
        }
        return appointment;
    }

    private const string ReferenceAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private static string NewReference() => string.Create(8, 0, (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = ReferenceAlphabet[RandomNumberGenerator.GetInt32(ReferenceAlphabet.Length)];
        }
    });
}
