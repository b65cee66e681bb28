using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Appointments;
using Myna.Municipal.Appointments;
using Myna.Testing;

namespace Myna.Web.Tests.Issuance;

/// <summary>The public booking API (DOMAIN §6.3) over real HTTP: identification, booking, moving, and never an overbooked slot.</summary>
public sealed class PublicAppointmentsApiTests
{
    [Fact]
    public async Task TwoHundredConcurrentRequests_ForOneSlotOfThree_GiveThreeBookingsAndClearRefusals()
    {
        await using var factory = await MynaWebFactory.CreateAsync(residents: 5);
        var tomorrow = Core.Calendar.JapanClock.Today(TimeProvider.System).AddDays(1);
        List<NoticedCard> cards;
        long slot;
        await using (var db = factory.Stores.OpenMunicipal())
        {
            cards = await TestCards.WithNoticesAsync(db, 200, tomorrow.AddDays(-1));
            var window = await AppointmentBook.AddWindowAsync(db, "市民課", null);
            var book = factory.Stores.Runtime.AppointmentBook();
            await book.AddSessionsAsync(db, window.Id, SessionKind.Weekday, tomorrow, tomorrow, Enum.GetValues<DayOfWeek>(), new TimeOnly(9, 0), new TimeOnly(10, 0), 30, 3, onClosedDays: true);
            slot = (await book.OpenSlotsAsync(db, tomorrow, forResidents: true))[0].SlotId;
        }
        using var client = factory.CreateClient();
        var birth = cards[0].BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var wrong = await client.PostAsJsonAsync("/api/v1/public/appointments/overview", new { notice = cards[0].Notice, birthDate = "1900-01-01" });
        var overview = await client.PostAsJsonAsync("/api/v1/public/appointments/overview", new { notice = cards[0].Notice, birthDate = birth });
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = cards.Select(async c =>
        {
            await gate.Task;
            return await client.PostAsJsonAsync("/api/v1/public/appointments", new { notice = c.Notice, birthDate = birth, slotId = slot });
        }).ToList();
        gate.SetResult(); // all 200 leave together
        var responses = await Task.WhenAll(requests);

        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Equal(2, (await overview.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slots").GetArrayLength());
        var answered = responses.ToList();
        Assert.Equal(3, answered.Count(r => r.StatusCode == HttpStatusCode.Created));
        var refused = answered.Where(r => r.StatusCode == HttpStatusCode.Conflict).ToList();
        Assert.Equal(197, refused.Count);
        var problem = await refused[0].Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("slot-full", problem.GetProperty("code").GetString());
        Assert.Equal(AppointmentMessages.SlotFull.Code, problem.GetProperty("messageCode").GetString());
        Assert.Equal(AppointmentMessages.SlotFull.En, problem.GetProperty("detail").GetString());
        await using var check = factory.Stores.OpenMunicipal();
        Assert.Equal(3, await check.Appointments.CountAsync(a => a.SlotId == slot && a.State == AppointmentState.Booked));

        // A booked resident moves to the other time with the same call; the booking number stays.
        var booked = answered.First(r => r.StatusCode == HttpStatusCode.Created);
        var reference = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString();
        var holder = (await check.Appointments.AsNoTracking().SingleAsync(a => a.Reference == reference)).CardId;
        var other = (await check.AppointmentSlots.AsNoTracking().SingleAsync(s => s.Id != slot)).Id;
        var moved = await client.PostAsJsonAsync("/api/v1/public/appointments", new { notice = cards.Single(c => c.CardId == holder).Notice, birthDate = birth, slotId = other });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(reference, (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString());
    }
}
