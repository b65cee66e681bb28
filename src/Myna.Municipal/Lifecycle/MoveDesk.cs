using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Calendar;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Core.Lifecycle;
using Myna.Core.Numbering;
using Myna.Core.Protection;
using Myna.Core.Residents;
using Myna.Core.Text.Messages;
using Myna.Municipal.Residents;
using Myna.Storage;
using Myna.Storage.Audit;

namespace Myna.Municipal.Lifecycle;

/// <summary>The new address at the destination, entered at the move-in window.</summary>
public sealed record MoveInAddress(string? PostalCode, string Town, string Block, string? Building, string? HouseholdCode = null, string Relationship = "世帯主");

/// <summary>
/// What a move-in did: the new resident, and whether the card continued (and why not). <see cref="CardPending"/>: the
/// national side was not reached yet; the continuation waits in the outbox and completes on delivery.
/// </summary>
public sealed record MoveInOutcome(long ResidentId, bool HadCard, bool CardContinued, string? Reason, bool CardPending = false);

/// <summary>
/// Moves between municipalities (DOMAIN §8.6). At the origin: the move-out of a card holder sends the
/// advance move-out information to the destination through <see cref="IMunicipalExchange"/>, and a daily
/// batch invalidates cards whose holder notified no move-in within 90 days of the planned date. At the
/// destination: the information is kept (the number sealed under this municipality's key) until the
/// move-in, which registers the person and continues the card when notified within 14 days.
/// </summary>
public sealed class MoveDesk(Core.Municipalities.Municipality here, Storage.Outbox.OutboxDispatcher outbox, CardLifecycleDesk lifecycle, NumberProtector protector,
    byte[] sealKey, AuditLog audit, TimeProvider time)
{
    /// <summary>
    /// Origin, after the move-out is in the register: sends the advance information (§8.6). An
    /// unreachable destination is recorded on the move-out (the register event stands either way).
    /// </summary>
    public async Task<MoveOutRecord> SendAdvanceAsync(MunicipalDb db, long residentId, MunicipalityCode destination, string destinationAddress,
        DateOnly plannedOn, string actor, CancellationToken ct = default)
    {
        if (destination == here.Code)
        {
            throw new RegisterRuleException("destination", MoveMessages.WithinMunicipality);
        }
        if (string.IsNullOrWhiteSpace(destinationAddress))
        {
            throw new RegisterRuleException("destinationAddress", RegisterMessages.DestinationAddress);
        }
        var resident = await db.Residents.AsNoTracking().FirstAsync(r => r.Id == residentId, ct);
        var held = await db.HeldCards.FirstOrDefaultAsync(h => h.ResidentId == residentId && h.State == HeldCardState.Valid, ct);
        // §8.6: the number travels in advance only for card holders (their card continues at the destination).
        var numberRow = held is null ? null : await db.ResidentNumbers.AsNoTracking().FirstOrDefaultAsync(n => n.ResidentId == residentId && n.IsCurrent, ct);
        var record = new MoveOutRecord
        {
            ResidentId = residentId, Destination = destination.Value, DestinationAddress = destinationAddress.Trim(), PlannedOn = plannedOn,
            HeldCardId = held?.Id, CreatedAt = time.GetUtcNow(),
        };
        // §9: the person's support measures travel with the information, so the destination applies them before the person arrives.
        var measures = await SupportMeasures.SupportMeasureForwarding.CarriedByAsync(db, resident.ResidentCode, JapanClock.Today(time), ct);
        // §3.1: whether the number was notified travels too, so the destination notifies only those whose letter never reached them.
        var notification = await Notices.NumberNotifications.StatusAsync(db, here.Code.Value, residentId, ct);
        Guid messageId;
        await using (var tx = await Sql.BeginWriteAsync(db, ct))
        {
            db.MoveOuts.Add(record);
            await db.SaveChangesAsync(ct);
            // ARCHITECTURE principle 3: the information leaves with the move-out record, or not at all; the number in it is sealed.
            messageId = await Storage.Outbox.Outbox.RecordAsync(db, AdvanceMoveOutMessages.Kind, destination.Value, new AdvanceMoveOutPayload(record.Id, actor,
                here.Code.Value, destination.Value, resident.ResidentCode, resident.FamilyName, resident.GivenName, resident.FamilyNameKana, resident.GivenNameKana,
                resident.BirthDate, (int)resident.Sex, resident.Relationship,
                numberRow is null ? null : Storage.Outbox.OutboxPayload.SealNumber(sealKey, protector.Unprotect(numberRow.Cipher, residentId), AdvanceMoveOutMessages.Bound(record.Id)),
                record.DestinationAddress, plannedOn, held?.Serial, held?.Expiry, held?.Endorsements ?? 0,
                measures.Count == 0 ? null : measures.Select(SupportMeasures.SupportMeasureForwarding.Describe).ToList(), notification), time, ct);
            foreach (var measure in measures)
            {
                // The destination is now a place the measure went: its extensions and lifting follow it there.
                await SupportMeasures.SupportMeasureForwarding.RecordSentAsync(db, measure, destination.Value, Core.SupportMeasures.ForwardReason.MoveOut,
                    messageId, actor, audit, time, ct);
            }
            if (held is not null)
            {
                // §9: the destination address is an address — it stays in its column (shown through the address rule), never in
                // the event's text, the history or the audit record.
                await lifecycle.RecordAsync(db, held, LifecycleKind.AdvanceMoveOutSent,
                    HistoryNotes.AdvanceMoveOut.With(destination.Value, LifecycleMessages.Day(plannedOn)), null, actor, ct);
            }
            else
            {
                // Without a card there is no card event to carry the audit record.
                await audit.AppendAsync(db, actor, AuditActions.MoveOutSent, $"resident:{residentId}",
                    detail: $"to={destination.Value} planned={plannedOn:yyyy-MM-dd} card=none", ct: ct);
            }
            await tx.CommitAsync(ct);
        }
        await outbox.AfterCommitAsync(ct);
        await db.Entry(record).ReloadAsync(ct);
        if (record.SentAt is null && await Storage.Outbox.Outbox.FindAsync(db, messageId, ct) is { AcknowledgedAt: null } waiting)
        {
            // Still in the outbox (the destination unreachable): said on the move-out, delivered by the next round.
            record.SendProblem = waiting.LastError ?? "waiting for delivery";
            await db.SaveChangesAsync(ct);
        }
        return record;
    }

    /// <summary>Destination: keeps the advance information; the number is sealed under this municipality's own key. The same information twice is kept once.</summary>
    public async Task ReceiveAsync(MunicipalDb db, AdvanceMoveOut information, Guid messageId, CancellationToken ct = default)
    {
        var code = information.ResidentCode.Value;
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        if (!await Storage.Outbox.Inbox.RecordAsync(db, messageId, AdvanceMoveOutMessages.Kind, null, time, ct))
        {
            await tx.CommitAsync(ct);
            return;
        }
        foreach (var measure in information.SupportMeasures ?? [])
        {
            // §9: kept and applied by resident code with the information, so the person arrives protected.
            await SupportMeasures.SupportMeasureForwarding.ApplyAsync(db, information.Origin, measure, audit, time, ct);
        }
        if (await db.IncomingMoveOuts.AnyAsync(i => i.ResidentCode == code && i.Origin == information.Origin.Value && i.PlannedOn == information.PlannedOn
            && i.MovedInResidentId == null, ct))
        {
            await tx.CommitAsync(ct);
            return;
        }
        db.IncomingMoveOuts.Add(new IncomingMoveOut
        {
            Origin = information.Origin.Value, ResidentCode = code, FamilyName = information.FamilyName, GivenName = information.GivenName,
            FamilyNameKana = information.FamilyNameKana, GivenNameKana = information.GivenNameKana, BirthDate = information.BirthDate, Sex = information.Sex,
            Relationship = information.Relationship,
            NumberSealed = information.Number is { } n ? Sealing.Seal(sealKey, Encoding.ASCII.GetBytes(n.Value), Bound(code)) : null,
            DestinationAddress = information.DestinationAddress, PlannedOn = information.PlannedOn, CardSerial = information.CardSerial,
            CardExpiry = information.CardExpiry, CardEndorsements = information.CardEndorsements, ReceivedAt = time.GetUtcNow(),
            // Information from an origin that does not say is taken as never notified: a letter too many rather than none.
            NumberNotification = information.Notification?.Status ?? Core.Notices.NotificationStatus.NeverNotified,
            NumberNotifiedBy = information.Notification?.NotifiedBy, NumberNotifiedOn = information.Notification?.NotifiedOn,
        });
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, "exchange:" + information.Origin.Value, AuditActions.MoveOutReceived, "resident-code:" + code[^4..],
            detail: $"from={information.Origin.Value} planned={information.PlannedOn:yyyy-MM-dd} card={(information.CardSerial is null ? "none" : "yes")}", ct: ct);
        await tx.CommitAsync(ct);
    }

    private static byte[] Bound(string residentCode) => Encoding.ASCII.GetBytes("move-in:" + residentCode);

    /// <summary>Advance information waiting for a move-in, newest first.</summary>
    public static Task<List<IncomingMoveOut>> WaitingAsync(MunicipalDb db, CancellationToken ct = default) =>
        db.IncomingMoveOuts.AsNoTracking().Where(i => i.MovedInResidentId == null).OrderByDescending(i => i.Id).ToListAsync(ct);

    /// <summary>
    /// Destination, at the window (転入届): the person enters this register with the same resident code
    /// and number; a card continues (継続利用) when the move-in is notified within 14 days of moving in —
    /// otherwise it loses validity (§8.6). The origin is told either way.
    /// </summary>
    public async Task<MoveInOutcome> MoveInAsync(MunicipalDb db, long incomingId, MoveInAddress address, DateOnly movedInOn, DateOnly notifiedOn, string actor,
        CancellationToken ct = default)
    {
        var today = JapanClock.Today(time);
        if (notifiedOn > today || movedInOn > notifiedOn)
        {
            throw new RegisterRuleException("movedInOn", MoveMessages.MoveInDates);
        }
        if (string.IsNullOrWhiteSpace(address.Town) || string.IsNullOrWhiteSpace(address.Block))
        {
            throw new RegisterRuleException("town", MoveMessages.NewAddress);
        }
        var incoming = await db.IncomingMoveOuts.FirstOrDefaultAsync(i => i.Id == incomingId, ct)
            ?? throw new RegisterRuleException("id", MoveMessages.NoAdvance.With(incomingId));
        if (incoming.MovedInResidentId is not null)
        {
            throw new RegisterRuleException("id", MoveMessages.AlreadyMovedIn);
        }
        if (await db.Residents.AnyAsync(r => r.ResidentCode == incoming.ResidentCode && r.Status == ResidentStatus.Active, ct))
        {
            throw new RegisterRuleException("id", MoveMessages.AlreadyInRegister);
        }
        var now = time.GetUtcNow();
        Resident resident;
        await using (var tx = await Sql.BeginWriteAsync(db, ct))
        {
            var householdCode = string.IsNullOrWhiteSpace(address.HouseholdCode)
                ? string.Create(CultureInfo.InvariantCulture, $"MI-{today:yyyyMMdd}-{incoming.Id:D6}") : address.HouseholdCode.Trim();
            var household = await db.Households.FirstOrDefaultAsync(h => h.HouseholdCode == householdCode, ct);
            if (household is null)
            {
                household = new Household { HouseholdCode = householdCode, CreatedAt = now };
                db.Households.Add(household);
                await db.SaveChangesAsync(ct);
            }
            resident = new Resident
            {
                ResidentCode = incoming.ResidentCode, HouseholdId = household.Id, Household = household, Relationship = address.Relationship.Trim(),
                FamilyName = incoming.FamilyName, GivenName = incoming.GivenName, FamilyNameKana = incoming.FamilyNameKana, GivenNameKana = incoming.GivenNameKana,
                BirthDate = incoming.BirthDate, Sex = (Sex)incoming.Sex,
                PostalCode = string.IsNullOrWhiteSpace(address.PostalCode) ? null
                    : PostalCode.Normalize(address.PostalCode) ?? throw new RegisterRuleException("postalCode", RegisterMessages.PostalCode),
                Prefecture = here.Prefecture, City = here.Name, Town = address.Town.Trim(), Block = address.Block.Trim(),
                Building = string.IsNullOrWhiteSpace(address.Building) ? null : address.Building.Trim(),
                Status = ResidentStatus.Active, RegisteredOn = movedInOn, UpdatedAt = now,
            };
            resident.RefreshDerived();
            var existing = await db.Residents.FirstOrDefaultAsync(r => r.ResidentCode == incoming.ResidentCode, ct);
            if (existing is not null)
            {
                // Back after living elsewhere: the same register row is reactivated, never a second one.
                Copy(resident, existing);
                resident = existing;
            }
            else
            {
                db.Residents.Add(resident);
            }
            await db.SaveChangesAsync(ct);
            db.ResidentEvents.Add(new ResidentEvent
            {
                ResidentId = resident.Id, Type = ResidentEventType.MoveInFromMunicipality, EffectiveDate = movedInOn, NotificationDate = notifiedOn, RecordedAt = now,
                RecordedBy = actor, Note = StoredMessage.Write(HistoryNotes.MovedInFrom.With(incoming.Origin)), Snapshot = ResidentSnapshot.Of(resident, householdCode).ToJson(),
            });
            if (incoming.NumberSealed is { } sealedNumber)
            {
                var number = IndividualNumber.Parse(Encoding.ASCII.GetString(Sealing.Open(sealKey, sealedNumber, Bound(incoming.ResidentCode))));
                await db.ResidentNumbers.Where(n => n.ResidentId == resident.Id && n.IsCurrent)
                    .ExecuteUpdateAsync(s => s.SetProperty(n => n.IsCurrent, false).SetProperty(n => n.RetiredAt, now).SetProperty(n => n.RetiredReason, "moved away and back"), ct);
                var p = protector.Protect(number, resident.Id);
                db.ResidentNumbers.Add(new ResidentNumber
                {
                    ResidentId = resident.Id, Cipher = p.Cipher, LookupHash = p.LookupHash, Last4 = p.Last4, IsCurrent = true, AssignedAt = now,
                    // §3.1: notified by the numbering municipality — this one's notification batch leaves the number out.
                    NotifiedBy = incoming.NumberNotification == Core.Notices.NotificationStatus.Notified ? incoming.NumberNotifiedBy ?? incoming.Origin : null,
                    NotifiedOn = incoming.NumberNotification == Core.Notices.NotificationStatus.Notified ? incoming.NumberNotifiedOn : null,
                });
                incoming.NumberSealed = null; // kept only until the register holds it
            }
            incoming.MovedInResidentId = resident.Id;
            incoming.MovedInOn = movedInOn;
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(db, actor, AuditActions.MoveIn, $"resident:{resident.Id}", detail: $"from={incoming.Origin} on={movedInOn:yyyy-MM-dd}", ct: ct);
            // §1.2: the national side learns that the resident code now belongs here, with the register entry.
            await Storage.Outbox.Outbox.RecordAsync(db, Numbering.ResidentMovedMessages.Kind, Storage.Outbox.Outbox.National,
                new Numbering.ResidentMoved(incoming.Origin, incoming.ResidentCode), time, ct);
            if (incoming.CardSerial is { } serial && CardRefusal(incoming, movedInOn, notifiedOn) is null)
            {
                // ARCHITECTURE principle 3: the card's continuation leaves with the move-in; what it answers, and the 転入通知
                // that depends on it, are recorded with its acknowledgement (CardContinuationMessages).
                await Storage.Outbox.Outbox.RecordAsync(db, CardContinuationMessages.Kind, Storage.Outbox.Outbox.National,
                    new CardContinuationRequest(incoming.Id, resident.Id, incoming.Origin, serial, movedInOn, notifiedOn, actor), time, ct);
            }
            else
            {
                // No card, or one that cannot continue: the origin is told now, with the move-in.
                incoming.CardContinued = incoming.CardSerial is null ? null : false;
                incoming.CardOutcome = CardRefusal(incoming, movedInOn, notifiedOn);
                await db.SaveChangesAsync(ct);
                await RecordMoveInNotifiedAsync(db, incoming, here.Code, false, time, ct);
            }
            await tx.CommitAsync(ct);
        }
        await outbox.AfterCommitAsync(ct);
        await db.Entry(incoming).ReloadAsync(ct);
        if (incoming.CardSerial is not null && incoming.CardContinued is null)
        {
            // The national side not reached yet: the continuation waits in the outbox and completes by itself.
            return new MoveInOutcome(resident.Id, true, false, "カードの継続利用は全国側への送信待ちです（届出は受理済み。送信後に自動で完了します）。", CardPending: true);
        }
        return new MoveInOutcome(resident.Id, incoming.CardSerial is not null, incoming.CardContinued == true, incoming.CardOutcome);
    }

    /// <summary>
    /// §8.6: the card continues only when the move-in is notified within 14 days of moving in, and before the card lost
    /// validity — 90 days after the planned move-out date (the origin's daily batch may already have abolished it). The
    /// register entry stands either way; only the card's outcome differs. Null when the card may continue.
    /// </summary>
    private static string? CardRefusal(IncomingMoveOut incoming, DateOnly movedInOn, DateOnly notifiedOn) =>
        notifiedOn >= LifecycleRules.InvalidFrom(incoming.PlannedOn)
            ? $"転出予定日（{incoming.PlannedOn:yyyy-MM-dd}）から{LifecycleRules.MoveInDays}日を過ぎた届出のため、カードは失効しています（再交付の申請が必要です）。"
            : !LifecycleRules.ContinuesCard(movedInOn, notifiedOn)
                ? $"転入日から {notifiedOn.DayNumber - movedInOn.DayNumber} 日後の届出で、{LifecycleRules.ContinuationDays}日を超えています。カードは失効しました（再交付の申請が必要です）。"
                : null;

    /// <summary>The 転入通知 to the origin (§8.6), recorded in the caller's transaction with the card's outcome it reports.</summary>
    internal static Task RecordMoveInNotifiedAsync(MunicipalDb db, IncomingMoveOut incoming, MunicipalityCode here, bool cardContinued, TimeProvider time,
        CancellationToken ct) =>
        Storage.Outbox.Outbox.RecordAsync(db, MoveInNotifiedMessages.Kind, incoming.Origin,
            new MoveInNotified(incoming.Origin, here.Value, incoming.ResidentCode, incoming.MovedInOn!.Value, cardContinued), time, ct);

    private static void Copy(Resident from, Resident to)
    {
        to.HouseholdId = from.HouseholdId;
        to.Relationship = from.Relationship;
        to.PostalCode = from.PostalCode;
        to.Prefecture = from.Prefecture;
        to.City = from.City;
        to.Town = from.Town;
        to.Block = from.Block;
        to.Building = from.Building;
        to.Status = ResidentStatus.Active;
        to.RegisteredOn = from.RegisteredOn;
        to.UpdatedAt = from.UpdatedAt;
        to.RefreshDerived();
    }

    /// <summary>
    /// Origin: the destination's 転入通知. A continued card now belongs to the destination; a card not
    /// continued (the move-in came too late) is invalidated here, its certificates revoked.
    /// </summary>
    public async Task MoveInNotifiedAsync(MunicipalDb db, ResidentCode code, MunicipalityCode destination, DateOnly movedInOn, bool cardContinued,
        Guid messageId, CancellationToken ct = default)
    {
        // Once per message ID, in the transaction of its effect (ARCHITECTURE principle 3).
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        if (!await Storage.Outbox.Inbox.RecordAsync(db, messageId, MoveInNotifiedMessages.Kind, null, time, ct))
        {
            return;
        }
        var resident = await db.Residents.AsNoTracking().FirstOrDefaultAsync(r => r.ResidentCode == code.Value, ct);
        var record = resident is null ? null : await db.MoveOuts.Where(o => o.ResidentId == resident.Id && o.Destination == destination.Value && o.MovedInOn == null)
            .OrderByDescending(o => o.Id).FirstOrDefaultAsync(ct);
        if (record is null)
        {
            await tx.CommitAsync(ct);
            return;
        }
        record.MovedInOn = movedInOn;
        record.CardContinued = record.HeldCardId is null ? null : cardContinued;
        await db.SaveChangesAsync(ct);
        if (record.HeldCardId is { } heldId && await db.HeldCards.FirstOrDefaultAsync(h => h.Id == heldId && h.State == HeldCardState.Valid, ct) is { } held)
        {
            var actor = "exchange:" + destination.Value;
            if (cardContinued)
            {
                await lifecycle.EndAsync(db, held, HeldCardState.MovedAway, LifecycleKind.MovedAway, HistoryNotes.ContinuedAt.With(destination.Value, LifecycleMessages.Day(movedInOn)), null, actor, ct);
            }
            else
            {
                await lifecycle.National.AbolishAsync(here.Code, held.Serial, "転入先での継続利用の期限を過ぎたため失効", superseded: false, actor, ct);
                await lifecycle.EndAsync(db, held, HeldCardState.Invalidated, LifecycleKind.Invalidated,
                    HistoryNotes.LateMoveIn.With(destination.Value), null, actor, ct);
            }
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Origin, daily (§8.6): cards of holders who moved out and notified no move-in within 90 days after
    /// the planned move-out date lose validity — invalidated here and on the national side. Safe to repeat.
    /// </summary>
    public async Task<int> InvalidateOverdueAsync(MunicipalDb db, DateOnly today, string actor, CancellationToken ct = default)
    {
        var lastPlanned = today.AddDays(-(LifecycleRules.MoveInDays + 1));
        var overdue = await db.MoveOuts.AsNoTracking()
            .Where(o => o.HeldCardId != null && o.MovedInOn == null && o.InvalidatedAt == null && o.PlannedOn <= lastPlanned)
            .Join(db.HeldCards.Where(h => h.State == HeldCardState.Valid), o => o.HeldCardId, h => h.Id, (o, h) => new { MoveOut = o.Id, Held = h.Id, h.Serial })
            .ToListAsync(ct);
        var invalidated = 0;
        var skipped = new List<string>();
        foreach (var o in overdue)
        {
            // One card the national side cannot abolish must not stop the others: a card already void there is
            // invalidated here all the same; one that belongs to another municipality (continued there, its
            // 転入通知 lost) is left for a person and named in the audit record.
            try
            {
                await lifecycle.National.AbolishAsync(here.Code, o.Serial, "転出予定日から90日以内に転入届なし", superseded: false, actor, ct);
            }
            catch (ContractRefusedException e) when (!e.NotFound)
            {
            }
            catch (ContractRefusedException)
            {
                skipped.Add(o.Serial);
                continue;
            }
            invalidated++;
            var held = await db.HeldCards.FirstAsync(h => h.Id == o.Held, ct);
            var record = await db.MoveOuts.FirstAsync(m => m.Id == o.MoveOut, ct);
            record.InvalidatedAt = time.GetUtcNow();
            await lifecycle.EndAsync(db, held, HeldCardState.Invalidated, LifecycleKind.Invalidated,
                HistoryNotes.NoMoveIn.With(LifecycleMessages.Day(record.PlannedOn), LifecycleRules.MoveInDays), null, actor, ct);
            db.ChangeTracker.Clear();
        }
        if (overdue.Count > 0)
        {
            var detail = string.Create(CultureInfo.InvariantCulture, $"{invalidated} cards")
                + (skipped.Count == 0 ? "" : "; not held by this municipality on the national side: " + string.Join(' ', skipped));
            await audit.AppendAsync(db, actor, AuditActions.MoveCardsInvalidated, "move-outs", detail: detail, ct: ct);
        }
        return invalidated;
    }
}
