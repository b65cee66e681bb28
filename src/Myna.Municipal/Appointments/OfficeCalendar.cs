using Microsoft.EntityFrameworkCore;
using Myna.Core.Calendar;
using Myna.Core.Text.Messages;

namespace Myna.Municipal.Appointments;

/// <summary>
/// The office calendar of one municipality (DOMAIN §6.3): the computed closed days (national holidays, the year-end
/// closure) and the days the municipality adds. New sessions skip closed days and the booking page does not offer them.
/// </summary>
public static class OfficeCalendar
{
    public const int MaxNameLength = 60;

    /// <summary>The calendar with this municipality's own closed days.</summary>
    public static async Task<ClosedDays> LoadAsync(MunicipalDb db, CancellationToken ct = default)
    {
        var own = await db.MunicipalClosedDays.AsNoTracking().Select(d => new { d.Date, d.Name }).ToListAsync(ct);
        return new ClosedDays(own.ToDictionary(d => d.Date, d => d.Name));
    }

    /// <summary>
    /// Adds a closed day of the municipality's own, from today up to two years ahead. Sessions already opened on that day
    /// stay (their bookings are the clerk's to move or to cancel by closing the session); the day is no longer offered to residents.
    /// </summary>
    public static async Task<MunicipalClosedDay> AddAsync(MunicipalDb db, DateOnly date, string? name, string actor, TimeProvider time,
        CancellationToken ct = default)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new MessageException(CalendarMessages.NameRequired, "name");
        }
        if (trimmed.Length > MaxNameLength)
        {
            throw new MessageException(CalendarMessages.NameTooLong.With(MaxNameLength), "name");
        }
        var today = JapanClock.Today(time);
        if (date < today || date > today.AddYears(2))
        {
            throw new MessageException(CalendarMessages.OutOfRange, "date");
        }
        if ((await LoadAsync(db, ct)).Of(date) is { } closed)
        {
            throw new MessageException(CalendarMessages.AlreadyClosed.With(Shown(date), closed.Name), "date");
        }
        var day = new MunicipalClosedDay { Date = date, Name = trimmed, CreatedBy = actor, CreatedAt = time.GetUtcNow() };
        db.MunicipalClosedDays.Add(day);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique index: another clerk added the same day a moment ago.
            db.ChangeTracker.Clear();
            throw new MessageException(CalendarMessages.AlreadyClosed.With(Shown(date), trimmed), "date");
        }
        return day;
    }

    /// <summary>Removes a closed day the municipality added; holidays and the year-end closure cannot be removed.</summary>
    public static async Task RemoveAsync(MunicipalDb db, DateOnly date, CancellationToken ct = default)
    {
        var removed = await db.MunicipalClosedDays.Where(d => d.Date == date).ExecuteDeleteAsync(ct);
        if (removed == 0)
        {
            throw new MessageException(CalendarMessages.NotMunicipal.With(Shown(date)), "date");
        }
    }

    /// <summary>A date in a message: with its era and weekday, or as ISO when it has no era (a request that named no date at all).</summary>
    private static string Shown(DateOnly date) =>
        date >= JapaneseDate.Eras[0].FirstDay ? JapaneseDate.FormatWithWeekday(date) : date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every closed day from <paramref name="from"/> to <paramref name="to"/>, computed and the municipality's own.</summary>
    public static async Task<IReadOnlyList<ClosedDay>> BetweenAsync(MunicipalDb db, DateOnly from, DateOnly to, CancellationToken ct = default) =>
        (await LoadAsync(db, ct)).Between(from, to);
}
