using Microsoft.EntityFrameworkCore;
using Myna.Core.Applications;
using Myna.Core.Appointments;
using Myna.Core.Issuance;
using Myna.Core.Text.Messages;
using Myna.Municipal.Appointments;
using Myna.Municipal.Issuance;
using Myna.Pki.Authorities;
using Myna.Pki.Ocsp;
using Myna.Testing;
using static Myna.Testing.CardScenarios;

namespace Myna.Municipal.Tests.Issuance;

/// <summary>Issuance notices in waves, one reminder, and the destruction of uncollected cards (DOMAIN §6.2).</summary>
public sealed class IssuanceNoticeTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Waves_ThenOneReminder_ThenUncollectedCardsAreDestroyedAndTheirCertificatesRevoked(string provider)
    {
        await using var stores = await ReadyCardsAsync(provider);
        var desk = stores.Runtime.IssuanceNotices(TestStores.Ishinomaki);
        await using var db = stores.OpenMunicipal();
        var day = new DateOnly(2026, 12, 1);

        var first = await desk.SendWaveAsync(db, day, "clerk", size: 3);
        var again = await desk.SendWaveAsync(db, day, "clerk", size: 3);
        var next = await desk.SendWaveAsync(db, day.AddDays(1), "clerk", size: 3);

        Assert.Equal(3, first.Count);
        Assert.Empty(again); // the day's wave is full: nothing is sent twice
        Assert.Single(next);
        Assert.All(first, l => Assert.Equal((day, new DateOnly(2027, 3, 1)), (l.SentOn, l.Deadline)));
        Assert.All(first.Concat(next), l => Assert.Equal(l.Number, NoticeNumber.Parse(l.Number)));
        Assert.Equal(4, (await CardSafe.InventoryAsync(db))[CardState.NoticeSent]);

        Assert.Empty(await desk.SendRemindersAsync(db, new DateOnly(2027, 3, 1), "clerk")); // on the deadline itself: not yet
        var reminders = await desk.SendRemindersAsync(db, new DateOnly(2027, 3, 2), "clerk");
        Assert.Equal(3, reminders.Count);
        Assert.All(reminders, r => Assert.True(r.Reminder));
        Assert.Single(await desk.SendRemindersAsync(db, new DateOnly(2027, 3, 3), "clerk")); // the second wave's card, once
        Assert.Empty(await desk.SendRemindersAsync(db, new DateOnly(2027, 3, 4), "clerk"));

        Assert.Empty(await desk.DestroyUncollectedAsync(db, new DateOnly(2027, 6, 1), "clerk")); // 3 months after the deadline: not yet
        var destroyed = await desk.DestroyUncollectedAsync(db, new DateOnly(2027, 6, 2), "clerk");
        Assert.Equal(3, destroyed.Count);
        Assert.Equal((3, 1), ((await CardSafe.InventoryAsync(db))[CardState.Destroyed], (await CardSafe.InventoryAsync(db))[CardState.NoticeSent]));
        await using var national = stores.Runtime.Stores.OpenNational();
        foreach (var serial in destroyed)
        {
            var certificates = await national.Certificates.AsNoTracking().Where(c => c.CardSerial == serial).ToListAsync();
            Assert.NotEmpty(certificates);
            foreach (var c in certificates)
            {
                Assert.Equal(OcspCertStatus.Revoked, await CardScenarios.OcspStatusAsync(stores, (CaKind)c.Ca, c.Serial));
            }
        }
        var ended = await db.Cards.Where(c => destroyed.Contains(c.Serial)).Join(db.CardApplications, c => c.CardApplicationId, a => a.Id, (c, a) => a).ToListAsync();
        Assert.All(ended, a => Assert.Equal((ApplicationStatus.Cancelled, "カード未受領のため廃棄（再申請は無料）"), (a.Status, StoredMessage.Show(a.EndReason, english: false))));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AMisprintFoundAfterTheNotice_GoesBackForRemaking_AndItsBookingIsCancelled(string provider)
    {
        await using var stores = await ReadyCardsAsync(provider, adults: 1);
        await using var db = stores.OpenMunicipal();
        var today = Core.Calendar.JapanClock.Today(TimeProvider.System);
        var letter = (await stores.Runtime.IssuanceNotices(TestStores.Ishinomaki).SendWaveAsync(db, today, "clerk"))[0];
        var book = stores.Runtime.AppointmentBook();
        var window = await AppointmentBook.AddWindowAsync(db, "市民課", null);
        await book.AddSessionsAsync(db, window.Id, SessionKind.Weekday, today.AddDays(1), today.AddDays(14), Enum.GetValues<DayOfWeek>(),
            new TimeOnly(9, 0), new TimeOnly(12, 0), 30, 2, onClosedDays: true);
        var slot = (await db.AppointmentSlots.AsNoTracking().ToListAsync()).OrderBy(x => x.StartsAt).First();
        var booking = await book.BookAsync(db, letter.CardId, slot.Id, AppointmentChannel.Phone, "clerk");

        var card = await db.Cards.AsNoTracking().SingleAsync(c => c.Id == letter.CardId);
        var returned = await stores.Runtime.CardSafe(TestStores.Ishinomaki).ReturnForRemakeAsync(db, card.Serial, CardProblem.Misprint, "氏名の誤字", "clerk");

        Assert.Equal(CardState.ReturnedForRemake, returned.State);
        var cancelled = await db.Appointments.AsNoTracking().SingleAsync(a => a.Reference == booking.Reference);
        Assert.Equal(AppointmentState.Cancelled, cancelled.State);
        Assert.Equal(0, (await db.AppointmentSlots.AsNoTracking().SingleAsync(x => x.Id == slot.Id)).Booked);
    }
}
