using Microsoft.EntityFrameworkCore;
using Myna.Core.Notices;

namespace Myna.Municipal.Notices;

/// <summary>
/// Whether a resident's current number has been notified (DOMAIN §3.1), for the advance move-out information (§8.6): the
/// notification status travels with the move so that the destination notifies only people whose letter never reached
/// them (<see cref="NotificationStatus"/>).
/// </summary>
public static class NumberNotifications
{
    public static async Task<NumberNotification> StatusAsync(MunicipalDb db, string here, long residentId, CancellationToken ct = default)
    {
        var number = await db.ResidentNumbers.AsNoTracking().FirstOrDefaultAsync(n => n.ResidentId == residentId && n.IsCurrent, ct);
        if (number is null)
        {
            return NumberNotification.Never;
        }
        // A card in the holder's hands carries the number on its back, handed over after identity verification (§6.4): the
        // number has reached the person whatever became of the letter, and the destination must not send one.
        var card = await db.HeldCards.AsNoTracking().Where(h => h.ResidentId == residentId && h.State == Core.Lifecycle.HeldCardState.Valid)
            .Select(h => (DateOnly?)h.HeldSince).FirstOrDefaultAsync(ct);
        var notice = await db.Notices.AsNoTracking().Where(n => n.ResidentNumberId == number.Id)
            .Select(n => new { n.EnvelopeId, n.BatchId }).FirstOrDefaultAsync(ct);
        if (notice is null && card is not null)
        {
            return new NumberNotification(NotificationStatus.Notified, number.NotifiedBy ?? here, number.NotifiedOn ?? card);
        }
        if (notice is null)
        {
            // Carried from an earlier move: the municipality that notified stays the one named.
            return number.NotifiedBy is null ? NumberNotification.Never
                : new NumberNotification(NotificationStatus.Notified, number.NotifiedBy, number.NotifiedOn);
        }
        // A re-sent letter (§3.3) carries on in the newest envelope made from the first one.
        var state = await db.NoticeEnvelopes.AsNoTracking().Where(e => e.Id == notice.EnvelopeId || e.ResendOfId == notice.EnvelopeId)
            .OrderByDescending(e => e.Id).Select(e => e.State).FirstAsync(ct);
        var status = NumberNotification.FromMail(state);
        if (status != NotificationStatus.Notified)
        {
            return card is null ? new NumberNotification(status, null, null) : new NumberNotification(NotificationStatus.Notified, here, card);
        }
        var on = await db.NoticeBatches.AsNoTracking().Where(b => b.Id == notice.BatchId).Select(b => b.NoticeDate).FirstAsync(ct);
        return new NumberNotification(NotificationStatus.Notified, here, on);
    }
}
