using Microsoft.EntityFrameworkCore;
using Myna.Core.Appointments;
using Myna.Core.Text.Messages;
using Myna.Municipal.Appointments;
using Myna.Testing;

namespace Myna.Municipal.Tests.Appointments;

/// <summary>Appointments (DOMAIN §6.3): slots, booking, rebooking, the cutoff, closing a session — and never an overbooked slot.</summary>
public sealed class AppointmentBookTests
{
    private static readonly DateOnly Tomorrow = Core.Calendar.JapanClock.Today(TimeProvider.System).AddDays(1);

    private static async Task<(TestStores Stores, List<long> Cards, long Window)> SetUpAsync(string provider, int cards)
    {
        var (stores, _) = await CardScenarios.NotifiedAsync(provider, 5);
        await using var db = stores.OpenMunicipal();
        var ids = (await TestCards.WithNoticesAsync(db, cards, Tomorrow.AddDays(-1))).Select(c => c.CardId).ToList();
        var window = await AppointmentBook.AddWindowAsync(db, "市民課 交付窓口", "本庁舎1階");
        return (stores, ids, window.Id);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task TwoHundredConcurrentBookings_OfOneSlotOfThree_GiveExactlyThree(string provider)
    {
        var (stores, cards, window) = await SetUpAsync(provider, 200);
        await using var _ = stores;
        var book = stores.Runtime.AppointmentBook();
        long slot;
        await using (var db = stores.OpenMunicipal())
        {
            await book.AddSessionsAsync(db, window, SessionKind.Weekday, Tomorrow, Tomorrow, Enum.GetValues<DayOfWeek>(), new TimeOnly(9, 0), new TimeOnly(9, 30), 30, 3, onClosedDays: true);
            slot = (await book.OpenSlotsAsync(db, Tomorrow, forResidents: true)).Single().SlotId;
        }

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = cards.Select(card => Task.Run(async () =>
        {
            await gate.Task;
            await using var db = stores.OpenMunicipal();
            try
            {
                await book.BookAsync(db, card, slot, AppointmentChannel.Web, "public");
                return "booked";
            }
            catch (BookingRefusedException e)
            {
                return e.Code;
            }
        })).ToList();
        gate.SetResult(); // all 200 leave together
        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(3, outcomes.Count(o => o == "booked"));
        Assert.Equal(197, outcomes.Count(o => o == "slot-full"));
        await using var check = stores.OpenMunicipal();
        var stored = await check.AppointmentSlots.AsNoTracking().SingleAsync(s => s.Id == slot);
        Assert.Equal((3, 3), (stored.Booked, stored.Capacity));
        Assert.Equal(3, await check.Appointments.CountAsync(a => a.SlotId == slot && a.State == AppointmentState.Booked));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Rebook_TwoHundredTimes_KeepsTheNumber_AndEveryHistoryReferenceIsUnique(string provider)
    {
        var (stores, cards, window) = await SetUpAsync(provider, 1);
        await using var _ = stores;
        var book = stores.Runtime.AppointmentBook();
        await using var db = stores.OpenMunicipal();
        await book.AddSessionsAsync(db, window, SessionKind.Evening, Tomorrow, Tomorrow, [Tomorrow.DayOfWeek], new TimeOnly(17, 15), new TimeOnly(19, 0), 30, 1, onClosedDays: true);
        var slots = await book.OpenSlotsAsync(db, Tomorrow, forResidents: true);
        var booking = await book.BookAsync(db, cards[0], slots[0].SlotId, AppointmentChannel.Web, "public");

        for (var move = 1; move <= 200; move++)
        {
            var moved = await book.RebookAsync(db, booking.Reference, slots[move % 2].SlotId, AppointmentChannel.Web, "public");
            Assert.Equal(booking.Reference, moved.Reference);
        }

        var rows = await db.Appointments.AsNoTracking().Where(a => a.CardId == cards[0]).ToListAsync();
        Assert.Equal(201, rows.Count);
        Assert.Equal(201, rows.Select(a => a.Reference).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(booking.Reference, Assert.Single(rows, a => a.State == AppointmentState.Booked).Reference);
        Assert.Contains(rows, a => a.Reference == booking.Reference + "-200");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Booking_Rebooking_Cancelling_TheCutoff_AndClosingASession(string provider)
    {
        var (stores, cards, window) = await SetUpAsync(provider, 4);
        await using var _ = stores;
        var book = stores.Runtime.AppointmentBook();
        await using var db = stores.OpenMunicipal();
        var added = await book.AddSessionsAsync(db, window, SessionKind.Evening, Tomorrow, Tomorrow.AddDays(6), [Tomorrow.DayOfWeek, Tomorrow.AddDays(2).DayOfWeek],
            new TimeOnly(17, 15), new TimeOnly(19, 0), 30, 1, onClosedDays: true);
        Assert.Equal(2, added);
        Assert.Equal(0, await book.AddSessionsAsync(db, window, SessionKind.Evening, Tomorrow, Tomorrow, [Tomorrow.DayOfWeek], new TimeOnly(17, 15),
            new TimeOnly(19, 0), 30, 1, onClosedDays: true)); // the same session again is not added twice
        var slots = await book.OpenSlotsAsync(db, Tomorrow.AddDays(6), forResidents: true);
        Assert.Equal(6, slots.Count); // 17:15, 17:45, 18:15 (18:45 would end after 19:00) on two days
        Assert.Equal(new TimeOnly(17, 15), TimeOnly.FromDateTime(slots[0].StartsAt.ToOffset(TimeSpan.FromHours(9)).DateTime));

        var first = await book.BookAsync(db, cards[0], slots[0].SlotId, AppointmentChannel.Web, "public");
        Assert.Matches("^[A-HJ-NP-Z2-9]{8}$", first.Reference);
        var again = await Assert.ThrowsAsync<BookingRefusedException>(() => book.BookAsync(db, cards[0], slots[1].SlotId, AppointmentChannel.Web, "public"));
        Assert.Equal("already-booked", again.Code);
        var full = await Assert.ThrowsAsync<BookingRefusedException>(() => book.BookAsync(db, cards[1], slots[0].SlotId, AppointmentChannel.Phone, "clerk"));
        Assert.Equal("slot-full", full.Code);
        Assert.Equal<Message>(AppointmentMessages.SlotFull, full.Text); // the words come from the catalogue, in both languages
        Assert.Equal("this time is fully booked: choose another time", full.Message);

        // Rebooking keeps the booking number and frees the old seat.
        var moved = await book.RebookAsync(db, first.Reference.ToLowerInvariant(), slots[1].SlotId, AppointmentChannel.Web, "public");
        Assert.Equal((first.Reference, slots[1].SlotId), (moved.Reference, moved.SlotId));
        await book.BookAsync(db, cards[1], slots[0].SlotId, AppointmentChannel.Phone, "clerk");
        var intoFull = await Assert.ThrowsAsync<BookingRefusedException>(() => book.RebookAsync(db, moved.Reference, slots[0].SlotId, AppointmentChannel.Web, "public"));
        Assert.Equal("slot-full", intoFull.Code);
        Assert.Equal(slots[1].SlotId, (await AppointmentBook.ActiveForCardAsync(db, cards[0]))!.SlotId); // unchanged by the refusal

        var cancelled = await book.CancelAsync(db, moved.Reference, AppointmentChannel.Web, "public");
        Assert.Equal(AppointmentState.Cancelled, cancelled.State);
        Assert.Null(await AppointmentBook.ActiveForCardAsync(db, cards[0]));

        // The public page finds a card by its notice number and birth date only.
        var notice = await db.IssuanceNotices.AsNoTracking().SingleAsync(n => n.CardId == cards[2]);
        var birth = await db.Cards.Where(c => c.Id == cards[2]).Join(db.Residents, c => c.ResidentId, r => r.Id, (c, r) => r.BirthDate).SingleAsync();
        Assert.Equal(cards[2], await AppointmentBook.CardByNoticeAsync(db, IssuanceNoticeFormat(notice.Number), birth));
        Assert.Null(await AppointmentBook.CardByNoticeAsync(db, notice.Number, birth.AddDays(1)));
        // Typed with a Japanese input method: full-width digits and hyphen find the same card.
        var fullWidth = string.Concat(IssuanceNoticeFormat(notice.Number).Select(c => c == '-' ? 'ー' : (char)(c - '0' + '０')));
        Assert.Equal(cards[2], await AppointmentBook.CardByNoticeAsync(db, fullWidth, birth));

        // Closing the session cancels its bookings and leaves a message for each resident.
        var third = await book.BookAsync(db, cards[2], slots[2].SlotId, AppointmentChannel.Web, "public");
        var closed = await book.CloseSessionAsync(db, slots[0].SessionId, "職員不足", "supervisor");
        Assert.Equal(2, closed);
        Assert.Equal(AppointmentState.SessionClosed, (await AppointmentBook.ViewAsync(db, third.Id)).State);
        var message = await db.ResidentMessages.AsNoTracking().FirstAsync();
        Assert.Equal(("email", "taro@example.jp"), (message.Channel, message.To));
        Assert.Contains("職員不足のため取り消しました", message.Body, StringComparison.Ordinal);
        var closedSlot = await Assert.ThrowsAsync<BookingRefusedException>(() => book.BookAsync(db, cards[3], slots[0].SlotId, AppointmentChannel.Phone, "clerk"));
        Assert.Equal("session-closed", closedSlot.Code);
        Assert.DoesNotContain(await book.OpenSlotsAsync(db, Tomorrow.AddDays(6), forResidents: false), s => s.SessionId == slots[0].SessionId);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task TheCutoff_StopsResidentsButNotTheOffice()
    {
        var (stores, cards, window) = await SetUpAsync("sqlite", 2);
        await using var _ = stores;
        // 08:20: the 09:00 slot is within the hour, the 09:30 one is not.
        var book = new AppointmentBook(new FixedTime(new DateTimeOffset(Tomorrow.ToDateTime(new TimeOnly(8, 20)), TimeSpan.FromHours(9))), AppointmentBook.DefaultCutoff);
        await using var db = stores.OpenMunicipal();
        await book.AddSessionsAsync(db, window, SessionKind.Temporary, Tomorrow, Tomorrow, [Tomorrow.DayOfWeek], new TimeOnly(9, 0), new TimeOnly(10, 0), 30, 2, onClosedDays: true);
        var slots = await book.OpenSlotsAsync(db, Tomorrow, forResidents: true);
        Assert.Equal(new TimeOnly(9, 30), TimeOnly.FromDateTime(Assert.Single(slots).StartsAt.ToOffset(TimeSpan.FromHours(9)).DateTime));
        var nine = (await book.OpenSlotsAsync(db, Tomorrow, forResidents: false))[0].SlotId;

        var web = await Assert.ThrowsAsync<BookingRefusedException>(() => book.BookAsync(db, cards[0], nine, AppointmentChannel.Web, "public"));
        var phone = await book.BookAsync(db, cards[0], nine, AppointmentChannel.Phone, "clerk");

        Assert.Equal("past-cutoff", web.Code);
        Assert.Equal(AppointmentMessages.BookingCutoff.With(60), web.Text);
        Assert.Equal("予約時刻の60分前を過ぎているため、この日時は予約できません。後の日時を選ぶか、お電話でご相談ください。", web.Text.Ja);
        Assert.Equal(AppointmentState.Booked, phone.State);
        var change = await Assert.ThrowsAsync<BookingRefusedException>(() => book.CancelAsync(db, phone.Reference, AppointmentChannel.Web, "public"));
        Assert.Equal("past-cutoff", change.Code);
        Assert.Equal(AppointmentState.Cancelled, (await book.CancelAsync(db, phone.Reference, AppointmentChannel.Phone, "clerk")).State);

        // A booking nobody came to becomes a no-show once its day is over; the card can be booked again.
        var missed = await book.BookAsync(db, cards[1], nine, AppointmentChannel.Phone, "clerk");
        Assert.Equal(0, await book.MarkNoShowsAsync(db, Tomorrow));
        Assert.Equal(1, await book.MarkNoShowsAsync(db, Tomorrow.AddDays(1)));
        Assert.Equal(AppointmentState.NoShow, (await AppointmentBook.ViewAsync(db, missed.Id)).State);
        Assert.Null(await AppointmentBook.ActiveForCardAsync(db, cards[1]));
    }

    private static string IssuanceNoticeFormat(string number) => $"{number[..4]}-{number[4..8]}-{number[8..]}";
}
