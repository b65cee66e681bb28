using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Calendar;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Core.Lifecycle;
using Myna.Core.Residents;
using Myna.Core.Text.Messages;
using Myna.Municipal.Residents;
using Myna.Storage;
using Myna.Storage.Audit;

namespace Myna.Municipal.Lifecycle;

/// <summary>
/// A 国外転出届 as the window takes it (DOMAIN §8.6). <see cref="ContinuedUse"/>: the holder asks for continued use abroad
/// (国外継続利用); <see cref="SignatureAbroad"/>: with it, a signature certificate for people abroad.
/// </summary>
public sealed record AbroadMoveNotice(DateOnly MovesOn, DateOnly NotifiedOn, string Country, bool ContinuedUse, bool SignatureAbroad = false);

/// <summary>What the dated processing did on one day: moves carried out, and those that need a person (with why).</summary>
public sealed record AbroadMovesDone(int Completed, IReadOnlyList<string> Problems);

/// <summary>
/// Moves abroad (国外転出, DOMAIN §8.6, rules in force since 2024-05-27). At the window the notification is recorded, with the
/// continued-use request of a Japanese national holding a valid card (at the latest the day before the move date): the card's
/// back is endorsed with the move date (§8.5) and the chip's address record takes the place of the family register. On the move
/// date the dated processing (<see cref="CompleteDueAsync"/>) takes the person off the register and either continues the card
/// abroad — signature certificate revoked (a certificate for people abroad issued when asked), user certificate kept, the card
/// valid to its expiry under the family register's municipality — or lets it lapse (both certificates revoked, the card to be
/// returned; a reissue within 90 days is free, §8.4). Nothing is sent to another municipality: there is no destination.
/// </summary>
public sealed class AbroadMoveDesk(Core.Municipalities.Municipality here, CardLifecycleDesk lifecycle, AuditLog audit, TimeProvider time)
{
    public async Task<AbroadMove> NotifyAsync(MunicipalDb db, long residentId, AbroadMoveNotice notice, string actor, CancellationToken ct = default)
    {
        var today = JapanClock.Today(time);
        if (notice.NotifiedOn > today)
        {
            throw new RegisterRuleException("notificationDate", RegisterMessages.NotificationInFuture);
        }
        var country = (notice.Country ?? "").Trim();
        if (country.Length == 0)
        {
            throw new RegisterRuleException("country", AbroadMoveMessages.Country);
        }
        if (Core.Text.FieldLimits.Check("country", country, Core.Text.FieldLimits.RegisterText) is { } tooLong)
        {
            throw new RegisterRuleException("country", tooLong.Text);
        }
        var resident = await db.Residents.AsNoTracking().FirstOrDefaultAsync(r => r.Id == residentId, ct)
            ?? throw new RegisterRuleException("id", RegisterMessages.NoSuchResident.With(residentId));
        if (resident.Status != ResidentStatus.Active)
        {
            throw new RegisterRuleException("type", LifecycleMessages.NotInRegister);
        }
        if (notice.MovesOn < resident.BirthDate || notice.NotifiedOn < resident.BirthDate)
        {
            throw new RegisterRuleException("movesOn", AbroadMoveMessages.BeforeBirth);
        }
        if (await db.AbroadMoves.AnyAsync(m => m.ResidentId == residentId && m.State == AbroadMoveState.Scheduled, ct))
        {
            throw new RegisterRuleException("type", RegisterMessages.AbroadAlreadyNotified);
        }
        var held = await db.HeldCards.Where(h => h.ResidentId == residentId && h.State == HeldCardState.Valid).OrderByDescending(h => h.Id).FirstOrDefaultAsync(ct);
        MunicipalityCode? responsible = null;
        if (notice.ContinuedUse)
        {
            // §8.6: the request is made today, at the window, with the notification.
            if (AbroadMoveRules.ContinuedUseRefusal(resident, held, today, notice.MovesOn) is { } refusal)
            {
                throw new RegisterRuleException("continuedUse", refusal);
            }
            responsible = MunicipalityCode.Parse(resident.FamilyRegisterMunicipality!);
            if (notice.SignatureAbroad)
            {
                await CheckSignatureAbroadAsync(resident, held!, notice.MovesOn, ct);
            }
        }
        else if (notice.SignatureAbroad)
        {
            throw new RegisterRuleException("signatureAbroad",
                AbroadMoveMessages.SignatureNeedsContinuedUse);
        }
        if (notice.ContinuedUse)
        {
            // §8.6: the chip's address record changes at the window, where the card is: it now says what the attachment says.
            await lifecycle.National.EndorseAsync(here.Code, held!.Serial, Attachment(resident), actor, ct);
        }
        var move = new AbroadMove
        {
            ResidentId = residentId, Country = country, MovesOn = notice.MovesOn, NotifiedOn = notice.NotifiedOn, ContinuedUse = notice.ContinuedUse,
            SignatureAbroad = notice.ContinuedUse && notice.SignatureAbroad, HeldCardId = held?.Id, CardSerial = held?.Serial,
            ResponsibleMunicipality = responsible?.Value, State = AbroadMoveState.Scheduled, ContinuationId = Guid.NewGuid(), CreatedAt = time.GetUtcNow(),
            CreatedBy = actor,
        };
        await using (var tx = await Sql.BeginWriteAsync(db, ct))
        {
            db.AbroadMoves.Add(move);
            await db.SaveChangesAsync(ct);
            if (held is not null && notice.ContinuedUse)
            {
                await lifecycle.RecordAsync(db, held, LifecycleKind.AbroadMoveNotified,
                    (move.SignatureAbroad ? HistoryNotes.AbroadNotifiedContinuedSignature : HistoryNotes.AbroadNotifiedContinued)
                        .With(LifecycleMessages.Day(notice.MovesOn), responsible!.Value.Value), null, actor, ct);
                // §8.5: the move date on the card's back, counted against the endorsement area's capacity.
                await lifecycle.EndorsedAsync(db, held, residentId, [], actor, ct, HistoryNotes.MovedAbroadOn.With(LifecycleMessages.Day(notice.MovesOn)));
            }
            else if (held is not null)
            {
                await lifecycle.RecordAsync(db, held, LifecycleKind.AbroadMoveNotified,
                    HistoryNotes.AbroadNotifiedLapse.With(LifecycleMessages.Day(notice.MovesOn)), null, actor, ct);
            }
            else
            {
                await audit.AppendAsync(db, actor, AuditActions.MoveAbroadNotified, $"resident:{residentId}",
                    detail: $"moves={notice.MovesOn:yyyy-MM-dd} card=none", ct: ct);
            }
            await tx.CommitAsync(ct);
        }
        // A notification made on or after the move date takes effect at once.
        await CompleteDueAsync(db, today, actor, ct);
        await db.Entry(move).ReloadAsync(ct);
        return move;
    }

    /// <summary>§4.4, §7.2: no signature certificate under 15 or for an adult ward; the chip must have a signature PIN to use one.</summary>
    private async Task CheckSignatureAbroadAsync(Resident resident, HeldCard held, DateOnly movesOn, CancellationToken ct)
    {
        if (resident.AdultWard || Core.Applications.ApplicationRules.IsUnder15(resident.BirthDate, movesOn))
        {
            throw new RegisterRuleException("signatureAbroad",
                AbroadMoveMessages.SignatureNotEligible);
        }
        var standing = await lifecycle.National.StandingAsync(here.Code, held.Serial, ct);
        if (!standing.Certificates.Any(c => c.Kind == CertificateKinds.Signature))
        {
            throw new RegisterRuleException("signatureAbroad",
                AbroadMoveMessages.SignatureNoPin);
        }
    }

    /// <summary>
    /// The family-register attachment's data for the chip and the certificate for people abroad (§8.6, §7.2): the name, birth
    /// date and sex of the register, and the place of the family register as the address.
    /// </summary>
    public static HolderData Attachment(Resident r)
    {
        var place = r.FamilyRegisterPlace!;
        var (flags, _) = AlternativeCharacters.Analyse(place);
        return new HolderData(ResidentCode.Parse(r.ResidentCode), r.FullName, r.NameAltFlags, place, flags, r.BirthDate, (int)r.Sex);
    }

    /// <summary>
    /// The dated processing (§8.6): every notified move abroad whose move date is <paramref name="today"/> or earlier is carried
    /// out; later ones wait. One move the national side cannot act on does not stop the others; it is named for a person and
    /// tried again on the next run. Safe to repeat.
    /// </summary>
    public async Task<AbroadMovesDone> CompleteDueAsync(MunicipalDb db, DateOnly today, string actor, CancellationToken ct = default)
    {
        var due = await db.AbroadMoves.AsNoTracking().Where(m => m.State == AbroadMoveState.Scheduled && m.MovesOn <= today)
            .OrderBy(m => m.MovesOn).ThenBy(m => m.Id).Select(m => m.Id).ToListAsync(ct);
        var done = 0;
        var problems = new List<string>();
        foreach (var id in due)
        {
            try
            {
                await CompleteAsync(db, id, actor, ct);
                done++;
            }
            catch (ContractRefusedException e)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"abroad move {id}: {e.Message}"));
            }
            db.ChangeTracker.Clear();
        }
        if (problems.Count > 0)
        {
            await audit.AppendAsync(db, actor, AuditActions.MoveAbroadCompleted, "abroad-moves", detail: string.Join("; ", problems), ct: ct);
        }
        return new AbroadMovesDone(done, problems);
    }

    private async Task CompleteAsync(MunicipalDb db, long id, string actor, CancellationToken ct)
    {
        var move = await db.AbroadMoves.FirstAsync(m => m.Id == id, ct);
        var resident = await db.Residents.Include(r => r.Household).FirstAsync(r => r.Id == move.ResidentId, ct);
        var held = move.HeldCardId is { } heldId ? await db.HeldCards.FirstOrDefaultAsync(h => h.Id == heldId && h.State == HeldCardState.Valid, ct) : null;
        Message? outcome = null;
        CardContinuation? continuation = null;
        // The national side first (each step there is safe to repeat); the register and the card's record here in one transaction.
        if (held is not null && move.ContinuedUse)
        {
            continuation = await lifecycle.National.ContinueAbroadAsync(here.Code, held.Serial, MunicipalityCode.Parse(move.ResponsibleMunicipality!),
                Attachment(resident), move.SignatureAbroad, move.MovesOn, actor, move.ContinuationId, ct);
        }
        else if (held is not null)
        {
            await lifecycle.National.AbolishAsync(here.Code, held.Serial, $"国外転出により失効（転出日 {JapaneseDate.Format(move.MovesOn)}）", superseded: false, actor, ct);
        }
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        if (held is not null && continuation is { Continued: true } c)
        {
            held.CertificatesExpiry = c.CertificatesExpiry;
            outcome = (move.SignatureAbroad ? HistoryNotes.AbroadContinuedSignature : HistoryNotes.AbroadContinued)
                .With(LifecycleMessages.Day(move.MovesOn), LifecycleMessages.Day(held.Expiry), move.ResponsibleMunicipality);
            if (move.ResponsibleMunicipality == here.Code.Value)
            {
                await lifecycle.RecordAsync(db, held, LifecycleKind.ContinuedAbroad, outcome, null, actor, ct);
            }
            else
            {
                await lifecycle.EndAsync(db, held, HeldCardState.MovedAway, LifecycleKind.ContinuedAbroad, outcome, null, actor, ct);
            }
        }
        else if (held is not null)
        {
            Message why = continuation is { Refusal: { } refusal } ? HistoryNotes.AbroadRefused.With(refusal) : HistoryNotes.AbroadNotAsked;
            outcome = HistoryNotes.AbroadLapsed.With(LifecycleMessages.Day(move.MovesOn), why, LifecycleMessages.Day(AbroadMoveRules.FreeReissueUntil(move.MovesOn)));
            await lifecycle.EndAsync(db, held, HeldCardState.Invalidated, LifecycleKind.Invalidated, outcome, null, actor, ct);
        }
        else if (move.CardSerial is not null)
        {
            outcome = HistoryNotes.AbroadNoValidCard;
        }
        // §8.6: the person leaves the register on the move date; the register row and its history stay (§0.3 principle 4).
        resident.Status = ResidentStatus.MovedOutAbroad;
        resident.UpdatedAt = time.GetUtcNow();
        db.ResidentEvents.Add(new ResidentEvent
        {
            ResidentId = resident.Id, Type = ResidentEventType.MoveOutAbroad, EffectiveDate = move.MovesOn, NotificationDate = move.NotifiedOn,
            RecordedAt = resident.UpdatedAt, RecordedBy = actor,
            Note = "Status — " + StoredMessage.Write((move.ContinuedUse ? HistoryNotes.MovedAbroadContinued : HistoryNotes.MovedAbroad).With(move.Country)),
            Snapshot = ResidentSnapshot.Of(resident, resident.Household!.HouseholdCode).ToJson(),
        });
        move.State = AbroadMoveState.Completed;
        move.CompletedAt = resident.UpdatedAt;
        move.CardOutcome = outcome is null ? null : StoredMessage.Write(outcome);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, AuditActions.MoveAbroadCompleted, $"resident:{resident.Id}",
            detail: $"moved={move.MovesOn:yyyy-MM-dd} continued={(continuation?.Continued == true ? "yes" : "no")} card={(move.CardSerial is null ? "none" : "yes")}", ct: ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>返納 (§8.6): the lapsed card handed back at the window after the move abroad. Recorded once.</summary>
    public async Task<AbroadMove> RecordReturnAsync(MunicipalDb db, long abroadMoveId, DateOnly returnedOn, string actor, CancellationToken ct = default)
    {
        var move = await db.AbroadMoves.FirstOrDefaultAsync(m => m.Id == abroadMoveId, ct)
            ?? throw new LifecycleException(AbroadMoveMessages.NoSuchMove.With(abroadMoveId));
        if (move.State != AbroadMoveState.Completed || move.ContinuedUse || move.CardSerial is null)
        {
            throw new LifecycleException(AbroadMoveMessages.ReturnNotLapsed);
        }
        if (move.CardReturnedOn is not null)
        {
            throw new LifecycleException(AbroadMoveMessages.AlreadyReturned.With(LifecycleMessages.Day(move.CardReturnedOn!.Value)));
        }
        if (returnedOn > JapanClock.Today(time))
        {
            throw new LifecycleException(AbroadMoveMessages.ReturnInFuture);
        }
        var held = await db.HeldCards.FirstAsync(h => h.Id == move.HeldCardId, ct);
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        move.CardReturnedOn = returnedOn;
        await lifecycle.RecordAsync(db, held, LifecycleKind.Returned, HistoryNotes.AbroadCardReturned.With(LifecycleMessages.Day(returnedOn)), null, actor, ct);
        await tx.CommitAsync(ct);
        return move;
    }

    /// <summary>The moves abroad of one resident, newest first.</summary>
    public static Task<List<AbroadMove>> OfResidentAsync(MunicipalDb db, long residentId, CancellationToken ct = default) =>
        db.AbroadMoves.AsNoTracking().Where(m => m.ResidentId == residentId).OrderByDescending(m => m.Id).ToListAsync(ct);

    /// <summary>Notified moves waiting for their move date, soonest first.</summary>
    public static Task<List<AbroadMove>> ScheduledAsync(MunicipalDb db, CancellationToken ct = default) =>
        db.AbroadMoves.AsNoTracking().Where(m => m.State == AbroadMoveState.Scheduled).OrderBy(m => m.MovesOn).ThenBy(m => m.Id).ToListAsync(ct);
}
