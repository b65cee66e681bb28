using Microsoft.EntityFrameworkCore;
using Myna.Core.Appointments;
using Myna.Core.Calendar;
using Myna.Core.Text.Messages;
using Myna.Municipal.Appointments;
using Myna.Testing;

namespace Myna.Municipal.Tests.Appointments;

/// <summary>The office calendar (DOMAIN §6.3): new sessions and the booking page skip national holidays, 29 December – 3 January and the municipality's own closed days.</summary>
public sealed class OfficeCalendarTests
{
    private static readonly DateOnly Today = JapanClock.Today(TimeProvider.System);

    /// <summary>The next year-end closure that lies wholly ahead, with a few working days on either side.</summary>
    private static readonly DateOnly YearEndFrom = Today < new DateOnly(Today.Year, 12, 26) ? new(Today.Year, 12, 26) : new(Today.Year + 1, 12, 26);

    private static async Task<(TestStores Stores, List<long> Cards, long Window)> SetUpAsync(string provider)
    {
        var (stores, _) = await CardScenarios.NotifiedAsync(provider, 5);
        await using var db = stores.OpenMunicipal();
        var cards = (await TestCards.WithNoticesAsync(db, 1, Today)).Select(c => c.CardId).ToList();
        var window = await AppointmentBook.AddWindowAsync(db, "市民課 交付窓口", "本庁舎1階");
        return (stores, cards, window.Id);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AddSessions_EveryDayOverTheYearEnd_SkipsHolidaysTheClosureAndMunicipalDays(string provider)
    {
        var (stores, _, window) = await SetUpAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal();
        var own = new DateOnly(YearEndFrom.Year + 1, 1, 6);
        await OfficeCalendar.AddAsync(db, own, "庁舎設備点検", "clerk", TimeProvider.System);

        var to = new DateOnly(YearEndFrom.Year + 1, 1, 15);
        var added = await stores.Runtime.AppointmentBook().AddSessionsAsync(db, window, SessionKind.Weekday, YearEndFrom, to, Enum.GetValues<DayOfWeek>(),
            new TimeOnly(9, 0), new TimeOnly(10, 0), 30, 1);

        var dates = await db.WindowSessions.AsNoTracking().OrderBy(s => s.Date).Select(s => s.Date).ToListAsync();
        Assert.Equal(dates.Count, added);
        Assert.Contains(new DateOnly(YearEndFrom.Year, 12, 28), dates);
        Assert.Contains(new DateOnly(YearEndFrom.Year + 1, 1, 4), dates);
        for (var d = new DateOnly(YearEndFrom.Year, 12, 29); d <= new DateOnly(YearEndFrom.Year + 1, 1, 3); d = d.AddDays(1))
        {
            Assert.DoesNotContain(d, dates);
        }
        Assert.DoesNotContain(own, dates);
        var comingOfAge = JapaneseHolidays.For(YearEndFrom.Year + 1).Single(h => h.Name == "成人の日").Date;
        Assert.DoesNotContain(comingOfAge, dates);
        Assert.Equal(Days(YearEndFrom, to) - 6 - 1 - 1, added); // 6 days of closure, the municipal day, 成人の日
        Assert.All(await db.WindowSessions.AsNoTracking().ToListAsync(), s => Assert.False(s.OnClosedDay));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AddSessions_OnClosedDaysOnPurpose_OpensAndOffersThem(string provider)
    {
        var (stores, _, window) = await SetUpAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal();
        var book = stores.Runtime.AppointmentBook();
        var newYear = new DateOnly(YearEndFrom.Year + 1, 1, 2);

        Assert.Equal(1, await book.AddSessionsAsync(db, window, SessionKind.Temporary, newYear, newYear, [newYear.DayOfWeek], new TimeOnly(10, 0),
            new TimeOnly(11, 0), 30, 1, onClosedDays: true));

        Assert.True((await db.WindowSessions.AsNoTracking().SingleAsync()).OnClosedDay);
        Assert.Equal(2, (await book.OpenSlotsAsync(db, newYear, forResidents: true)).Count);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task OpenSlots_DayClosedAfterItsSessionWasOpened_NotOfferedAndWebBookingRefused(string provider)
    {
        var (stores, cards, window) = await SetUpAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal();
        var book = stores.Runtime.AppointmentBook();
        var day = Today.AddDays(3);
        while (ClosedDays.NationalOnly.IsClosed(day))
        {
            day = day.AddDays(1);
        }
        await book.AddSessionsAsync(db, window, SessionKind.Weekday, day, day, [day.DayOfWeek], new TimeOnly(9, 0), new TimeOnly(10, 0), 30, 1);
        var slot = (await book.OpenSlotsAsync(db, day, forResidents: true))[0].SlotId;

        await OfficeCalendar.AddAsync(db, day, "選挙事務のため閉庁", "clerk", TimeProvider.System);

        Assert.Empty(await book.OpenSlotsAsync(db, day, forResidents: true));
        var refused = await Assert.ThrowsAsync<BookingRefusedException>(() => book.BookAsync(db, cards[0], slot, AppointmentChannel.Web, "public"));
        Assert.Equal("session-closed", refused.Code);

        await OfficeCalendar.RemoveAsync(db, day);
        Assert.Equal(2, (await book.OpenSlotsAsync(db, day, forResidents: true)).Count);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AddClosedDay_HolidayTwiceBlankOrRemovingAHoliday_RefusedWithTheirCodes(string provider)
    {
        var (stores, _, _) = await SetUpAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal();
        var newYear = new DateOnly(Today.Year + 1, 1, 1);
        var day = Today.AddDays(10);
        while (ClosedDays.NationalOnly.IsClosed(day))
        {
            day = day.AddDays(1);
        }

        Assert.Equal(CalendarMessages.AlreadyClosed.Code,
            (await Assert.ThrowsAsync<MessageException>(() => OfficeCalendar.AddAsync(db, newYear, "休み", "clerk", TimeProvider.System))).Text.Code);
        Assert.Equal(CalendarMessages.NameRequired.Code,
            (await Assert.ThrowsAsync<MessageException>(() => OfficeCalendar.AddAsync(db, day, "  ", "clerk", TimeProvider.System))).Text.Code);
        await OfficeCalendar.AddAsync(db, day, "庁舎設備点検", "clerk", TimeProvider.System);
        var twice = await Assert.ThrowsAsync<MessageException>(() => OfficeCalendar.AddAsync(db, day, "もう一度", "clerk", TimeProvider.System));
        Assert.Equal(CalendarMessages.AlreadyClosed.Code, twice.Text.Code);
        Assert.Equal(CalendarMessages.NotMunicipal.Code, (await Assert.ThrowsAsync<MessageException>(() => OfficeCalendar.RemoveAsync(db, newYear))).Text.Code);
        Assert.Equal(CalendarMessages.NotMunicipal.Code, (await Assert.ThrowsAsync<MessageException>(() => OfficeCalendar.RemoveAsync(db, default))).Text.Code);
        Assert.Equal("庁舎設備点検", Assert.Single(await db.MunicipalClosedDays.AsNoTracking().ToListAsync()).Name);
    }

    private static int Days(DateOnly from, DateOnly to) => to.DayNumber - from.DayNumber + 1;
}
