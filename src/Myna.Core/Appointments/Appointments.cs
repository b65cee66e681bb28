namespace Myna.Core.Appointments;

/// <summary>A window where cards are handed over (交付窓口, DOMAIN §6.3).</summary>
public sealed class IssuanceWindow
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public string? Place { get; set; }
    public bool Active { get; set; } = true;
}

public enum SessionKind
{
    Weekday = 1,
    Evening = 2,
    Weekend = 3,
    /// <summary>臨時交付窓口: a temporary window (e.g. in a shopping centre).</summary>
    Temporary = 4,
}

/// <summary>
/// One opening of a window on one day (§6.3): from <see cref="Start"/> to <see cref="End"/>, one
/// issuance every <see cref="ServiceMinutes"/> at each of <see cref="Desks"/> desks, which gives
/// its slots and their capacity.
/// </summary>
public sealed class WindowSession
{
    public long Id { get; set; }
    public long WindowId { get; set; }
    public SessionKind Kind { get; set; }
    public DateOnly Date { get; set; }
    public TimeOnly Start { get; set; }
    public TimeOnly End { get; set; }
    public int ServiceMinutes { get; set; }
    public int Desks { get; set; }
    public bool Closed { get; set; }
    public string? ClosedReason { get; set; }

    /// <summary>Opened on purpose on a day the office is closed (a holiday opening, §6.3); other sessions on closed days are not offered.</summary>
    public bool OnClosedDay { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A bookable time of a session: <see cref="Booked"/> never exceeds <see cref="Capacity"/> (one conditional update decides).</summary>
public sealed class AppointmentSlot
{
    public long Id { get; set; }
    public long SessionId { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public int Capacity { get; set; }
    public int Booked { get; set; }
}

public enum AppointmentChannel
{
    /// <summary>The public booking page (notice number + birth date).</summary>
    Web = 1,
    /// <summary>A clerk booking for a resident on the phone.</summary>
    Phone = 2,
}

public enum AppointmentState
{
    Booked = 1,
    Cancelled = 2,
    /// <summary>Replaced by a booking at another time.</summary>
    Rebooked = 3,
    /// <summary>Its session was closed; the resident was notified.</summary>
    SessionClosed = 4,
    /// <summary>The resident came and the card was handed over.</summary>
    Attended = 5,
    NoShow = 6,
}

/// <summary>A booking of one card's hand-over in one slot (§6.3). A card has at most one active booking.</summary>
public sealed class Appointment
{
    public long Id { get; set; }
    public long SlotId { get; set; }
    public long CardId { get; set; }
    /// <summary>The booking number given to the resident (8 characters, no look-alikes).</summary>
    public required string Reference { get; set; }
    public AppointmentChannel Channel { get; set; }
    /// <summary>A new appointment is booked; it ends only by <see cref="End"/>.</summary>
    public AppointmentState State { get; private set; } = AppointmentState.Booked;
    public DateTimeOffset BookedAt { get; set; }
    public required string BookedBy { get; set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public string? EndNote { get; private set; }

    /// <summary>
    /// The one place a booking ends (ARCHITECTURE principle 5): attended, cancelled, rebooked, a no-show or its session
    /// closed, with the time and why. Only a booked appointment can end; ending one twice is a fault of the caller.
    /// </summary>
    public void End(AppointmentState state, DateTimeOffset at, string? note)
    {
        if (State != AppointmentState.Booked || state == AppointmentState.Booked)
        {
            throw new InvalidOperationException($"appointment {Id} is {State}: it cannot end as {state}");
        }
        State = state;
        EndedAt = at;
        EndNote = note;
    }
}

/// <summary>A message a resident must receive (mail, SMS or a call), kept until staff mark it sent.</summary>
public sealed class ResidentMessage
{
    public long Id { get; set; }
    public long ResidentId { get; set; }
    /// <summary>email, phone or post.</summary>
    public required string Channel { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}
