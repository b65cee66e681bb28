using Myna.Core.Appointments;
using Myna.Core.Calendar;
using Myna.Hosting;
using Myna.Municipal;
using Myna.Municipal.Appointments;

namespace Myna.Web.Api;

/// <summary>
/// /api/v1/public/appointments (DOMAIN §6.3): the booking page's operations for residents' own
/// clients. Every call identifies with the issuance notice's number and the birth date (in the
/// body, never in the URL); a wrong pair is a plain 404.
/// </summary>
public static class PublicAppointmentsApi
{
    public sealed record Identify(string? Notice, string? BirthDate);

    public sealed record BookRequest(string? Notice, string? BirthDate, long SlotId);

    public sealed record BookingDto(string Reference, DateTimeOffset StartsAt, string Window, string State);

    public sealed record SlotDto(long SlotId, DateTimeOffset StartsAt, string Window, string Kind, int Free);

    public sealed record OverviewDto(BookingDto? Booking, IReadOnlyList<SlotDto> Slots);

    public static void MapPublicAppointmentsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/public/appointments").WithTags("public").AllowAnonymous().DisableAntiforgery();

        group.MapPost("/overview", (Identify request, MynaRuntime runtime, CancellationToken ct) =>
            WithCardAsync(runtime, request.Notice, request.BirthDate, async (db, card) =>
            {
                var slots = await runtime.AppointmentBook().OpenSlotsAsync(db, JapanClock.Today(runtime.Time).AddDays(28), forResidents: true, ct);
                var current = await AppointmentBook.ActiveForCardAsync(db, card, ct);
                return TypedResults.Ok(new OverviewDto(current is null ? null : Dto(current),
                    slots.Select(s => new SlotDto(s.SlotId, s.StartsAt, s.Window, s.Kind.ToString(), s.Free)).ToList()));
            }, ct)).Produces<OverviewDto>().ProducesProblem(404).WithName("PublicAppointmentOverview").WithSummary("The resident's booking and the times that can be booked");

        group.MapPost("/", (BookRequest request, MynaRuntime runtime, CancellationToken ct) =>
            WithCardAsync(runtime, request.Notice, request.BirthDate, async (db, card) =>
            {
                var book = runtime.AppointmentBook();
                if (await AppointmentBook.ActiveForCardAsync(db, card, ct) is { } current)
                {
                    return TypedResults.Ok(Dto(await book.RebookAsync(db, current.Reference, request.SlotId, AppointmentChannel.Web, "public", ct)));
                }
                var made = await book.BookAsync(db, card, request.SlotId, AppointmentChannel.Web, "public", ct);
                return TypedResults.Created("/api/v1/public/appointments", Dto(made));
            }, ct)).Produces<BookingDto>(201).Produces<BookingDto>().ProducesProblem(409).WithName("PublicBook").WithSummary("Book a time (or move the booking there); 409 with code slot-full when the time filled up");

        group.MapPost("/cancel", (Identify request, MynaRuntime runtime, CancellationToken ct) =>
            WithCardAsync(runtime, request.Notice, request.BirthDate, async (db, card) =>
                await AppointmentBook.ActiveForCardAsync(db, card, ct) is { } current
                    ? TypedResults.Ok(Dto(await runtime.AppointmentBook().CancelAsync(db, current.Reference, AppointmentChannel.Web, "public", ct)))
                    : ApiProblems.Problem(404, "no-booking", "There is no booking to cancel"), ct))
            .Produces<BookingDto>().ProducesProblem(404).WithName("PublicCancel").WithSummary("Cancel the booking, up to the cutoff");
    }

    private static BookingDto Dto(AppointmentView a) => new(a.Reference, a.StartsAt, a.Window, a.State.ToString());

    private static async Task<IResult> WithCardAsync(MynaRuntime runtime, string? notice, string? birthDate, Func<MunicipalDb, long, Task<IResult>> action,
        CancellationToken ct)
    {
        if (!JapaneseDate.TryParse(birthDate, out var birth, out _))
        {
            return ApiProblems.Problem(400, "invalid-birth-date", "The birth date cannot be read", null, "birthDate");
        }
        foreach (var m in runtime.Stores.Municipalities)
        {
            await using var db = runtime.Stores.OpenMunicipal(m.Code);
            if (await AppointmentBook.CardByNoticeAsync(db, notice ?? "", birth, ct) is { } card)
            {
                try
                {
                    return await action(db, card);
                }
                catch (BookingRefusedException e)
                {
                    // The title stays the refusal's English, as before; detail, messageCode and messageArgs give the catalogue entry.
                    return ApiProblems.Refused(e.Code is "slot-full" or "already-booked" or "session-closed" ? 409 : 422, e.Code, e.Text.En, e.Text);
                }
            }
        }
        return ApiProblems.Problem(404, "not-found", "No issuance notice matches this number and birth date");
    }
}
