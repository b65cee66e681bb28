using Microsoft.EntityFrameworkCore;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Core.Lifecycle;
using Myna.Core.Text.Messages;
using Myna.Storage.Outbox;

namespace Myna.Municipal.Lifecycle;

/// <summary>
/// A card to continue after a move-in (継続利用, DOMAIN §8.6), as it waits in the destination's outbox: which
/// move-in, which card, from where. No personal data: the holder's data is read from the register when it is sent.
/// </summary>
public sealed record CardContinuationRequest(long IncomingId, long ResidentId, string Origin, string Serial, DateOnly MovedInOn, DateOnly NotifiedOn,
    string Actor);

/// <summary>
/// Destination → national side: the card's continuation after a move-in. The national side continues it once per
/// message ID and answers the same to a repeat. With the acknowledgement, in one transaction, the destination
/// records the card as held here (or why it did not continue) and the 転入通知 to the origin, which says which —
/// so a crash anywhere between the two sides ends with the card continued once and the origin told once.
/// </summary>
public sealed class CardContinuationMessages(MunicipalityCode here, ICardLifecycle national, CardLifecycleDesk lifecycle, TimeProvider time) : IOutboxHandler
{
    public const string Kind = ICardLifecycle.ContinuationKind;

    string IOutboxHandler.Kind => Kind;

    public async Task<object?> SendAsync(DbContext store, OutboxMessage message, CancellationToken ct)
    {
        var p = Storage.Outbox.Outbox.Read<CardContinuationRequest>(message);
        var resident = await ((MunicipalDb)store).Residents.AsNoTracking().FirstAsync(r => r.Id == p.ResidentId, ct);
        return await national.ContinueAsync(MunicipalityCode.Parse(p.Origin), here, p.Serial, CardLifecycleDesk.Holder(resident), p.Actor,
            message.MessageId, ct);
    }

    public async Task AcknowledgedAsync(DbContext store, OutboxMessage message, object? answer, CancellationToken ct)
    {
        var db = (MunicipalDb)store;
        var p = Storage.Outbox.Outbox.Read<CardContinuationRequest>(message);
        var continuation = (CardContinuation)answer!;
        var incoming = await db.IncomingMoveOuts.FirstAsync(i => i.Id == p.IncomingId, ct);
        if (continuation.Continued)
        {
            var held = await db.HeldCards.FirstOrDefaultAsync(h => h.Serial == p.Serial, ct);
            if (held is null)
            {
                held = new HeldCard { Serial = p.Serial, ResidentId = p.ResidentId, Expiry = incoming.CardExpiry ?? p.MovedInOn, HeldSince = p.MovedInOn,
                    State = HeldCardState.Valid };
                db.HeldCards.Add(held);
            }
            held.ResidentId = p.ResidentId;
            held.State = HeldCardState.Valid;
            held.EndReason = null;
            held.ContinuedFrom = p.Origin;
            held.HeldSince = p.MovedInOn;
            held.Endorsements = incoming.CardEndorsements;
            held.CertificatesExpiry = continuation.CertificatesExpiry;
            await db.SaveChangesAsync(ct);
            await lifecycle.RecordAsync(db, held, LifecycleKind.ContinuedAfterMoveIn,
                HistoryNotes.ContinuedAfterMoveIn.With(p.Origin, LifecycleMessages.Day(p.MovedInOn), LifecycleMessages.Day(p.NotifiedOn)), null, p.Actor, ct);
            // §8.5: the new address goes on the card's back; the chip already took it with the continuation.
            await lifecycle.EndorsedAsync(db, held, p.ResidentId, ["Town"], p.Actor, ct);
        }
        else
        {
            incoming.CardOutcome = $"カードは転出元で既に有効ではありません（{continuation.Refusal}）。再交付の申請が必要です。";
        }
        incoming.CardContinued = continuation.Continued;
        await db.SaveChangesAsync(ct);
        await MoveDesk.RecordMoveInNotifiedAsync(db, incoming, here, continuation.Continued, time, ct);
    }

    /// <summary>A card the national side will not continue is an answer, not a refusal; everything else is retried.</summary>
    public bool IsRefusal(Exception e) => false;
}
