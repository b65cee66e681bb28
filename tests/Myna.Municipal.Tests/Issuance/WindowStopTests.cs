using Microsoft.EntityFrameworkCore;
using Myna.Core.Appointments;
using Myna.Core.Audit;
using Myna.Core.Issuance;
using Myna.Core.Text.Messages;
using Myna.Municipal.Appointments;
using Myna.Municipal.Issuance;
using Myna.Testing;

namespace Myna.Municipal.Tests.Issuance;

/// <summary>
/// An unticked check only says which (DOMAIN §6.4 steps 2–3); stopping a hand-over is its own step with a reason of
/// §6.4–§6.5, and it releases the resident's booking (§6.3) together with the stop.
/// </summary>
public sealed class WindowStopTests
{
    private static readonly DateOnly Today = Core.Calendar.JapanClock.Today(TimeProvider.System);

    /// <summary>A card whose notice was sent, booked for tomorrow, with its hand-over started and the identity verified.</summary>
    private static async Task<(TestStores Stores, WindowCase Case, AppointmentView Booking)> VerifiedWithBookingAsync(string provider)
    {
        var stores = await CardScenarios.ReadyCardsAsync(provider);
        await using var db = stores.OpenMunicipal();
        var letters = await stores.Runtime.IssuanceNotices(TestStores.Ishinomaki).SendWaveAsync(db, Today, "clerk", size: 10);
        var book = stores.Runtime.AppointmentBook();
        var window = await AppointmentBook.AddWindowAsync(db, "市民課 交付窓口", "本庁舎1階");
        await book.AddSessionsAsync(db, window.Id, SessionKind.Weekday, Today.AddDays(1), Today.AddDays(1), Enum.GetValues<DayOfWeek>(),
            new TimeOnly(9, 0), new TimeOnly(9, 30), 30, 2);
        var slot = (await book.OpenSlotsAsync(db, Today.AddDays(1), forResidents: true)).Single();
        var booking = await book.BookAsync(db, letters[0].CardId, slot.SlotId, AppointmentChannel.Web, "public");
        var desk = stores.Runtime.WindowDesk(TestStores.Ishinomaki);
        var started = await desk.StartAsync(db, letters[0].Number, desk: 1, "clerk");
        await desk.VerifyIdentityAsync(db, started.Issuance.Id, new VerificationCase(false,
            [new PresentedDocument("drivers-license"), new PresentedDocument("passport")], Today), "{}", null, null);
        return (stores, await WindowDesk.CaseAsync(db, started.Issuance.Id), booking);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task RecordChecks_PhotoUnticked_StoresNothingAndNamesTheUntickedCheck(string provider)
    {
        var (stores, started, booking) = await VerifiedWithBookingAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal();
        var auditBefore = await db.AuditRecords.CountAsync();

        var outcome = await WindowDesk.RecordChecksAsync(db, started.Issuance.Id, photoMatches: false, faceChecked: true, registerMatchesDocuments: false);

        Assert.False(outcome.Recorded);
        Assert.Equal([WindowCheck.Photo, WindowCheck.Register], outcome.Unticked);
        db.ChangeTracker.Clear();
        var stored = await db.WindowIssuances.AsNoTracking().SingleAsync(i => i.Id == started.Issuance.Id);
        Assert.Equal((IssuanceOutcome.InProgress, null, null), (stored.Outcome, stored.StopReason, stored.EndedAt));
        Assert.False(stored.PhotoMatches || stored.FaceChecked || stored.RegisterMatchesDocuments); // the ticked one is not kept half-way either
        Assert.Equal(AppointmentState.Booked, (await AppointmentBook.ViewAsync(db, booking.Id)).State);
        Assert.Equal(auditBefore, await db.AuditRecords.CountAsync());
        Assert.Null(await WindowDesk.PadRequestAsync(db, 1)); // the PIN pad does not start

        var ticked = await WindowDesk.RecordChecksAsync(db, started.Issuance.Id, true, true, true);
        Assert.True(ticked.Recorded);
        Assert.True(ticked.Case.AwaitingPins);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Stop_WithAReason_EndsTheHandOverAndReleasesTheBooking(string provider)
    {
        var (stores, started, booking) = await VerifiedWithBookingAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal();
        var desk = stores.Runtime.WindowDesk(TestStores.Ishinomaki);
        Assert.Equal(booking.Id, started.Issuance.AppointmentId);
        Assert.Equal([booking.Reference], await WindowDesk.BookingsToReleaseAsync(db, started.Card.Id));

        var stopped = await desk.StopAsync(db, started.Issuance.Id, IssuanceStopReason.PhotoDiffers, "  髪型が大きく異なり本人と判断できない ", "clerk");

        Assert.Equal([booking.Reference], stopped.ReleasedBookings);
        db.ChangeTracker.Clear();
        var stored = await db.WindowIssuances.AsNoTracking().SingleAsync(i => i.Id == started.Issuance.Id);
        Assert.Equal((IssuanceOutcome.Stopped, IssuanceStopReason.PhotoDiffers, "髪型が大きく異なり本人と判断できない"),
            (stored.Outcome, stored.StopReason, stored.OutcomeNote));
        Assert.NotNull(stored.EndedAt);
        var released = await AppointmentBook.ViewAsync(db, booking.Id);
        Assert.Equal(AppointmentState.Cancelled, released.State);
        Assert.Null(await AppointmentBook.ActiveForCardAsync(db, started.Card.Id)); // the public booking page finds no booking
        Assert.Equal(0, (await db.AppointmentSlots.AsNoTracking().SingleAsync(s => s.Id == booking.SlotId)).Booked); // the seat is free again
        Assert.Equal(Core.Issuance.CardState.NoticeSent, (await db.Cards.AsNoTracking().SingleAsync(c => c.Id == started.Card.Id)).State); // still in the safe
        var audit = await db.AuditRecords.AsNoTracking().OrderByDescending(a => a.Sequence).FirstAsync();
        Assert.Equal((AuditActions.IssuanceStopped, "clerk"), (audit.Action, audit.Actor));
        Assert.Contains("reason=PhotoDiffers", audit.Detail, StringComparison.Ordinal);
        Assert.Contains("bookings-released=1", audit.Detail, StringComparison.Ordinal);

        // The card can be booked again and a new hand-over started.
        var again = await stores.Runtime.AppointmentBook().BookAsync(db, started.Card.Id, booking.SlotId, AppointmentChannel.Phone, "clerk");
        Assert.Equal(AppointmentState.Booked, again.State);
        var ended = await Assert.ThrowsAsync<CardSafeException>(() => desk.StopAsync(db, started.Issuance.Id, IssuanceStopReason.Other, "二度目", "clerk"));
        Assert.Contains("ended", ended.Message, StringComparison.Ordinal);
        Assert.Equal(AppointmentState.Booked, (await AppointmentBook.ViewAsync(db, again.Id)).State); // a refused stop releases nothing
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Stop_WithoutAReasonOrOtherWithoutANote_IsRefusedByFieldAndChangesNothing(string provider)
    {
        var (stores, started, booking) = await VerifiedWithBookingAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal();
        var desk = stores.Runtime.WindowDesk(TestStores.Ishinomaki);

        var none = await Assert.ThrowsAsync<MessageException>(() => desk.StopAsync(db, started.Issuance.Id, null, "理由なし", "clerk"));
        Assert.Equal((IssuanceStopMessages.ReasonRequired.Code, "reason"), (none.Text.Code, none.Field));
        var unknown = await Assert.ThrowsAsync<MessageException>(() => desk.StopAsync(db, started.Issuance.Id, (IssuanceStopReason)42, null, "clerk"));
        Assert.Equal("reason", unknown.Field);
        var other = await Assert.ThrowsAsync<MessageException>(() => desk.StopAsync(db, started.Issuance.Id, IssuanceStopReason.Other, "  ", "clerk"));
        Assert.Equal((IssuanceStopMessages.NoteRequired.Code, "note"), (other.Text.Code, other.Field));
        Assert.Contains("その他", other.Text.Ja, StringComparison.Ordinal);
        var tooLong = await Assert.ThrowsAsync<MessageException>(() =>
            desk.StopAsync(db, started.Issuance.Id, IssuanceStopReason.Other, new string('あ', WindowIssuance.MaxStopNote + 1), "clerk"));
        Assert.Equal("note", tooLong.Field);

        db.ChangeTracker.Clear();
        Assert.Equal(IssuanceOutcome.InProgress, (await db.WindowIssuances.AsNoTracking().SingleAsync(i => i.Id == started.Issuance.Id)).Outcome);
        Assert.Equal(AppointmentState.Booked, (await AppointmentBook.ViewAsync(db, booking.Id)).State);
    }
}
