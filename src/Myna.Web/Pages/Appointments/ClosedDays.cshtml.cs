using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Appointments;
using Myna.Core.Calendar;
using Myna.Core.Staff;
using Myna.Core.Text.Messages;
using Myna.Hosting;
using Myna.Municipal.Appointments;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Pages.Appointments;

/// <summary>
/// The windows' closed days (DOMAIN §6.3): the coming year's national holidays and year-end closure as computed, and the
/// municipality's own closed days, which a supervisor adds or removes. Closed days get no new sessions and are not offered
/// on the booking page.
/// </summary>
[RequirePermission(Permission.AppointmentsBook)]
public sealed class ClosedDaysModel(MynaRuntime runtime, MunicipalScope scope, UiText text) : PageModel
{
    public IReadOnlyList<ClosedDay> Upcoming { get; private set; } = [];
    [BindProperty] public string? Date { get; set; }
    [BindProperty] public string? Name { get; set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    public string? ErrorField { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    [HandlerPermission(Permission.AppointmentsManage)]
    public async Task OnPostAddAsync(CancellationToken ct)
    {
        if (!JapaneseDate.TryParse(Date, out var date, out var error))
        {
            (Error, ErrorField) = (text[error], "date"); // which rule the date breaks (a day that does not exist, an unknown era …)
        }
        else
        {
            try
            {
                var day = await OfficeCalendar.AddAsync(scope.Db, date, Name, scope.Actor, runtime.Time, ct);
                var bookings = await BookingsOnAsync(date, ct);
                Message = text.Format("closed-days.added", Display.Day(day.Date, text), day.Name, bookings);
                (Date, Name) = (null, null);
            }
            catch (MessageException e)
            {
                (Error, ErrorField) = (text[e.Text], e.Field);
            }
        }
        await LoadAsync(ct);
    }

    [HandlerPermission(Permission.AppointmentsManage)]
    public async Task OnPostRemoveAsync(DateOnly day, CancellationToken ct)
    {
        try
        {
            await OfficeCalendar.RemoveAsync(scope.Db, day, ct);
            Message = text.Format("closed-days.removed", Display.Day(day, text));
        }
        catch (MessageException e)
        {
            Error = text[e.Text];
        }
        await LoadAsync(ct);
    }

    private Task<int> BookingsOnAsync(DateOnly date, CancellationToken ct)
    {
        var db = scope.Db;
        return db.Appointments.AsNoTracking().Where(a => a.State == AppointmentState.Booked)
            .Join(db.AppointmentSlots, a => a.SlotId, s => s.Id, (a, s) => s.SessionId)
            .Join(db.WindowSessions, id => id, x => x.Id, (id, x) => x.Date).CountAsync(d => d == date, ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var today = JapanClock.Today(runtime.Time);
        Upcoming = await OfficeCalendar.BetweenAsync(scope.Db, today, today.AddYears(1), ct);
    }
}
