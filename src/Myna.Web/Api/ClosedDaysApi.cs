using Microsoft.AspNetCore.Http.HttpResults;
using Myna.Core.Calendar;
using Myna.Core.Staff;
using Myna.Core.Text.Messages;
using Myna.Hosting;
using Myna.Municipal.Appointments;
using Myna.Web.Infrastructure;
using Myna.Web.Security;

namespace Myna.Web.Api;

/// <summary>A closed day: <c>reason</c> is NationalHoliday, YearEnd or Municipal; <c>name</c> the holiday's or the municipality's wording.</summary>
public sealed record ClosedDayDto(DateOnly Date, string Reason, string Name);

/// <summary>A closed day to add; <c>date</c> as 2026-12-10 or 令和8年12月10日.</summary>
public sealed record ClosedDayRequest(string? Date, string? Name);

/// <summary>/api/v1/appointments/closed-days: the office calendar of the staff's municipality (DOMAIN §6.3).</summary>
public static class ClosedDaysApi
{
    public static void MapClosedDaysApi(this RouteGroupBuilder api)
    {
        var days = api.MapGroup("/appointments/closed-days").WithTags("appointments").RequirePermission(Permission.AppointmentsBook);

        days.MapGet("/", async (DateOnly? from, DateOnly? to, MunicipalScope scope, MynaRuntime runtime, CancellationToken ct) =>
        {
            var start = from ?? JapanClock.Today(runtime.Time);
            var end = to ?? start.AddYears(1);
            if (end < start || end.DayNumber - start.DayNumber > 3 * 366)
            {
                return (IResult)ApiProblems.Problem(400, "invalid-period", "The period runs forward and at most three years", null, "to");
            }
            var list = await OfficeCalendar.BetweenAsync(scope.Db, start, end, ct);
            return TypedResults.Ok(list.Select(d => new ClosedDayDto(d.Date, d.Reason.ToString(), d.Name)).ToList());
        }).Produces<List<ClosedDayDto>>().WithName("ClosedDays")
          .WithSummary("Closed days from `from` (default today) to `to` (default a year later): national holidays, 29 Dec – 3 Jan, the municipality's own");

        days.MapPost("/", async Task<Results<Created<ClosedDayDto>, ProblemHttpResult>> (ClosedDayRequest request, MunicipalScope scope, MynaRuntime runtime,
            CancellationToken ct) =>
        {
            if (!JapaneseDate.TryParse(request.Date, out var date, out var error))
            {
                return ApiProblems.Refused(400, "invalid-date", "The date could not be read", error, "date");
            }
            try
            {
                var day = await OfficeCalendar.AddAsync(scope.Db, date, request.Name, scope.Actor, runtime.Time, ct);
                return TypedResults.Created($"/api/v1/appointments/closed-days/{day.Date:yyyy-MM-dd}",
                    new ClosedDayDto(day.Date, nameof(ClosedReason.Municipal), day.Name));
            }
            catch (MessageException e)
            {
                return ApiProblems.Refused(422, e.Text.Code, "The closed day cannot be added", e.Text, e.Field);
            }
        }).RequirePermission(Permission.AppointmentsManage).WithName("AddClosedDay")
          .WithSummary("Add a closed day of the municipality's own: no new sessions, not offered to residents");

        days.MapDelete("/{date}", async Task<Results<NoContent, ProblemHttpResult>> (DateOnly date, MunicipalScope scope, CancellationToken ct) =>
        {
            try
            {
                await OfficeCalendar.RemoveAsync(scope.Db, date, ct);
                return TypedResults.NoContent();
            }
            catch (MessageException e)
            {
                return ApiProblems.Refused(404, e.Text.Code, "The closed day cannot be removed", e.Text, e.Field);
            }
        }).RequirePermission(Permission.AppointmentsManage).WithName("RemoveClosedDay")
          .WithSummary("Remove a closed day the municipality added (holidays and the year-end closure cannot be removed)");
    }
}
