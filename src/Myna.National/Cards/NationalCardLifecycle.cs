using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Core.Issuance;
using Myna.Core.Lifecycle;
using Myna.Core.Text.Messages;
using Myna.National.Jpki;
using Myna.National.Production;
using Myna.Pki.Authorities;
using Myna.Pki.Card;
using Myna.Pki.Profiles;
using Myna.Storage;
using Myna.Storage.Audit;

namespace Myna.National.Cards;

/// <summary>
/// The national side of <see cref="ICardLifecycle"/> (DOMAIN §8): what a municipality may do to a
/// card it holds — only cards of that municipality, only through this contract.
/// </summary>
public sealed class NationalCardLifecycle(NationalStore stores, CardChipStore chips, CertificateIssuance issuance, CertificateStatusService status,
    AuditLog audit, TimeProvider time) : ICardLifecycle
{
    public async Task<CardStanding> StandingAsync(MunicipalityCode municipality, string serial, CancellationToken ct = default)
    {
        await using var db = stores.OpenNational();
        var card = await OwnedAsync(db, municipality, serial, ct, anyState: true);
        var certificates = await db.Certificates.AsNoTracking().Where(c => c.CardSerial == card.Serial && c.Status != CertificateStatus.Pending)
            .OrderByDescending(c => c.Id).ToListAsync(ct);
        return new CardStanding(card.Serial, card.State.ToString(), card.SuspensionReference, card.SuspendedAt, card.Expiry,
            certificates.Select(c => new CertificateStanding(CaKinds.Slug((CaKind)c.Ca), c.Serial, c.Status.ToString(), c.NotAfter)).ToList());
    }

    public async Task<IReadOnlyList<NationalCardEvent>> HistoryAsync(MunicipalityCode municipality, string serial, CancellationToken ct = default)
    {
        await using var db = stores.OpenNational();
        var card = await OwnedAsync(db, municipality, serial, ct, anyState: true);
        var cases = await db.CallCentreCases.AsNoTracking().Where(c => c.Serial == card.Serial).OrderBy(c => c.Id).ToListAsync(ct);
        return cases.Select(c => new NationalCardEvent(c.ReportedAt, "suspended", c.Reference,
            StoredMessage.Write(HistoryNotes.CallCentreSuspension.With(c.Theft ? HistoryNotes.Stolen : HistoryNotes.Lost, c.Caller, c.CertificatesSuspended)))).ToList();
    }

    public async Task LiftSuspensionAsync(MunicipalityCode municipality, string serial, string verification, string actor, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(verification))
        {
            throw new CardException(LifecycleMessages.LiftNeedsVerification);
        }
        await using var db = stores.OpenNational();
        var card = await OwnedAsync(db, municipality, serial, ct);
        if (card.SuspensionReference is not { } reference)
        {
            throw new CardException(LifecycleMessages.NotSuspended.With(card.Serial));
        }
        var suspended = await db.Certificates.AsNoTracking().Where(c => c.CardSerial == card.Serial && c.Status == CertificateStatus.Suspended)
            .Select(c => new { c.Ca, c.Serial }).ToListAsync(ct);
        foreach (var c in suspended)
        {
            await status.ReleaseAsync(db, (CaKind)c.Ca, c.Serial, actor, $"一時停止解除: {reference}", ct);
        }
        await CloseCaseAsync(db, card.Serial, CallCentreOutcome.Lifted, "identity verified: " + verification.Trim(), actor, AuditActions.CardSuspensionLifted, ct);
    }

    public async Task AbolishAsync(MunicipalityCode municipality, string serial, string reason, bool superseded, string actor, CancellationToken ct = default)
    {
        await using var db = stores.OpenNational();
        var card = await OwnedAsync(db, municipality, serial, ct, anyState: true);
        if (card.State is ProducedCardState.Abolished or ProducedCardState.Voided)
        {
            return;
        }
        var live = await db.Certificates.AsNoTracking().Where(c => c.CardSerial == card.Serial && c.Status != CertificateStatus.Revoked)
            .Select(c => new { c.Ca, c.Serial }).ToListAsync(ct);
        foreach (var c in live)
        {
            await status.RevokeAsync(db, (CaKind)c.Ca, c.Serial, superseded ? RevocationReason.Superseded : RevocationReason.CessationOfOperation, actor,
                "廃止: " + reason, ct);
        }
        if (card.SuspensionReference is not null)
        {
            await CloseCaseAsync(db, card.Serial, CallCentreOutcome.Abolished, reason, actor, null, ct);
        }
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var row = await db.ProducedCards.FirstAsync(c => c.Serial == card.Serial, ct);
        row.State = ProducedCardState.Abolished;
        row.VoidReason = reason;
        row.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, AuditActions.CardAbolished, "card:" + card.Serial, detail: reason, ct: ct);
        await tx.CommitAsync(ct);
    }

    public async Task EndorseAsync(MunicipalityCode municipality, string serial, HolderData holder, string actor, CancellationToken ct = default)
    {
        await using var db = stores.OpenNational();
        var card = await OwnedAsync(db, municipality, serial, ct);
        await WriteHolderAsync(db, card.Serial, holder, actor, AuditActions.CardEndorsed, "input-assist data", ct);
        // §8.1, §8.5: the expiry as production computed it, with the period of stay the register holds now — an extension
        // moves the card's expiry (up to the birthday rule), recorded on the card as an endorsement by the municipality.
        var request = await db.ProductionRequests.AsNoTracking().FirstAsync(r => r.Id == card.RequestId, ct);
        var made = DateOnly.FromDateTime(card.MadeAt.ToOffset(Core.Calendar.JapanClock.Offset).DateTime);
        var applied = DateOnly.FromDateTime(request.QueuedAt.ToOffset(Core.Calendar.JapanClock.Offset).DateTime);
        var expiry = Core.Issuance.CardValidity.Expiry(holder.BirthDate, made, applied <= made ? applied : made, holder.StayUntil);
        if (expiry != card.Expiry)
        {
            await using var tx = await Sql.BeginWriteAsync(db, ct);
            var row = await db.ProducedCards.FirstAsync(c => c.Serial == card.Serial, ct);
            var before = row.Expiry;
            row.Expiry = expiry;
            row.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(db, actor, AuditActions.CardEndorsed, "card:" + card.Serial,
                detail: $"expiry {before:yyyy-MM-dd} → {expiry:yyyy-MM-dd} (period of stay)", ct: ct);
            await tx.CommitAsync(ct);
        }
    }

    public async Task<bool> RenewCertificatesAsync(MunicipalityCode municipality, string serial, HolderData holder, bool signature, string actor,
        CancellationToken ct = default)
    {
        await using var db = stores.OpenNational();
        var card = await OwnedAsync(db, municipality, serial, ct);
        if (card.SuspensionReference is not null)
        {
            throw new CardException(LifecycleMessages.SuspendedLiftFirst.With(card.Serial, card.SuspensionReference));
        }
        var today = Core.Calendar.JapanClock.Today(time);
        if (card.Expiry < today)
        {
            throw new CardException(LifecycleMessages.ExpiredNeedsNewCard.With(card.Serial, LifecycleMessages.Day(card.Expiry)));
        }
        signature &= !Core.Applications.ApplicationRules.IsUnder15(holder.BirthDate, today);
        var old = await db.Certificates.AsNoTracking().Where(c => c.CardSerial == card.Serial && c.Status != CertificateStatus.Revoked)
            .Select(c => new { c.Ca, c.Serial }).ToListAsync(ct);
        var chip = await chips.LoadAsync(db, card.Serial, ct);
        var holderRecord = new Holder(municipality, holder.ResidentCode, holder.BirthDate, card.Expiry, card.Serial);
        var info = new FourInformation(holder.Name, holder.NameAltFlags, holder.Sex, holder.BirthDate, holder.Address, holder.AddressAltFlags);
        // New keys on the chip, new certificates for them; the old certificates are revoked as superseded afterwards.
        foreach (var kind in signature ? new[] { CaKind.UserAuthentication, CaKind.Signature } : [CaKind.UserAuthentication])
        {
            var isSignature = kind == CaKind.Signature;
            ChipLayout.RenewKey(chip, isSignature);
            var (_, certificate) = await issuance.IssueAsync(db, kind, ChipLayout.CertificateRequest(chip, isSignature ? CardFiles.SignatureKey : CardFiles.UserKey),
                holderRecord, isSignature ? info : null, actor, ct);
            using (certificate)
            {
                ChipLayout.WriteCertificates(chip, isSignature, certificate.RawData, issuance.AuthorityCertificate(kind));
            }
            await chips.SaveAsync(db, card.Serial, chip, ct);
        }
        if (!signature && ChipLayout.HasCertificate(chip, signature: true))
        {
            ChipLayout.DestroySignature(chip);
            await chips.SaveAsync(db, card.Serial, chip, ct);
        }
        foreach (var c in old)
        {
            await status.RevokeAsync(db, (CaKind)c.Ca, c.Serial, RevocationReason.Superseded, actor, "窓口での電子証明書の更新", ct);
        }
        await audit.AppendAsync(db, actor, AuditActions.CardCertificatesRenewed, "card:" + card.Serial,
            detail: signature ? "user, signature" : "user", ct: ct);
        return signature && !ChipLayout.PinIsSet(chip, CardApplications.Jpki, CardFiles.SignaturePin);
    }

    public async Task<PinSetting> ResetPinAsync(MunicipalityCode municipality, string serial, PinKind kind, string pin, string verification, string actor,
        CancellationToken ct = default)
    {
        await using var db = stores.OpenNational();
        var card = await OwnedAsync(db, municipality, serial, ct);
        var chip = await chips.LoadAsync(db, card.Serial, ct);
        var (_, _, birth, _) = ChipLayout.ReadFourInformation(chip.Application(CardApplications.InputAssist).Binaries[CardFiles.FourInformation].Content);
        var securityCode = ChipLayout.SecurityCode(chip);
        // §6.6: checked here, where the security code is known; the refusal says why, never the PIN.
        if (PinPolicy.Check(kind, pin, birth, securityCode).Refusal is { } refusal)
        {
            return new PinSetting(false, kind == PinKind.Signature, kind, refusal);
        }
        await chips.ResetPinAsync(db, card.Serial, kind, pin, birth, securityCode, verification, actor, ct);
        return new PinSetting(true, kind == PinKind.Signature);
    }

    /// <summary>The inbox kind of a card's continuation (the destination's outbox message of the same kind).</summary>
    public const string ContinuationKind = ICardLifecycle.ContinuationKind;

    public async Task<CardContinuation> ContinueAsync(MunicipalityCode origin, MunicipalityCode destination, string serial, HolderData holder, string actor,
        Guid messageId, CancellationToken ct = default)
    {
        await using var db = stores.OpenNational();
        // ARCHITECTURE principle 3: delivered again after an interruption, the continuation answers what it answered then.
        if (await Storage.Outbox.Inbox.LookUpAsync(db, messageId, ct) is { Seen: true } seen)
        {
            return Answer(seen.Result);
        }
        ProducedCard card;
        try
        {
            card = await OwnedAsync(db, origin, serial, ct);
        }
        catch (Exception e) when (e is CardException or KeyNotFoundException)
        {
            // §8.6: a card already abolished (the origin's 90-day batch) or no longer the origin's is not continued; said once, kept.
            return await AnsweredAsync(db, messageId, new CardContinuation(false, e.Message, null), null, ct);
        }
        var newHash = issuance.HolderHash(destination, holder.ResidentCode);
        // §7.4: the address changed, so the signature certificate goes; the user certificate follows the holder.
        // Each revocation commits on its own and a repeat skips the revoked ones, so an interruption here is finished by the next delivery.
        await RevokeSignatureCertificatesAsync(db, card.Serial, $"転入: {origin.Value} → {destination.Value}", actor, ct);
        var continued = new CardContinuation(true, null, await GoodExpiryAsync(db, card.Serial, ct));
        // The card's new owner, its chip's input-assist data and the message ID: one transaction, so a repeat finds either all or nothing.
        var chip = await chips.LoadAsync(db, card.Serial, ct);
        ChipLayout.Endorse(chip, holder.Name, holder.Address);
        return await AnsweredAsync(db, messageId, continued, async () =>
        {
            var row = await TransferAsync(db, card.Serial, destination, newHash, ct);
            row.IdentityHash = issuance.IdentityHash(holder.Name, holder.BirthDate);
            await db.SaveChangesAsync(ct);
            await chips.SaveAsync(db, card.Serial, chip, ct);
            await audit.AppendAsync(db, actor, AuditActions.CardContinued, "card:" + card.Serial, detail: $"{origin.Value} → {destination.Value}", ct: ct);
            await audit.AppendAsync(db, actor, AuditActions.CardEndorsed, "card:" + card.Serial, detail: "input-assist data (move-in)", ct: ct);
        }, ct);
    }

    /// <summary>The inbox kind of a card's continuation abroad.</summary>
    public const string AbroadKind = "card.continue-abroad";

    public async Task<CardContinuation> ContinueAbroadAsync(MunicipalityCode municipality, string serial, MunicipalityCode responsible, HolderData attachment,
        bool signatureAbroad, DateOnly movedOn, string actor, Guid messageId, CancellationToken ct = default)
    {
        await using var db = stores.OpenNational();
        var wanted = (serial ?? "").Trim().ToUpperInvariant();
        var card = await db.ProducedCards.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Serial == wanted && (c.MunicipalityCode == municipality.Value || c.MunicipalityCode == responsible.Value), ct)
            ?? throw new CardNotFoundException(LifecycleMessages.NotOurCard.With(wanted, municipality.Value));
        var seen = await Storage.Outbox.Inbox.LookUpAsync(db, messageId, ct);
        if (!seen.Seen)
        {
            if (card.State is not (ProducedCardState.Made or ProducedCardState.Listed))
            {
                return await AnsweredAsync(db, messageId, AbroadKind, new CardContinuation(false, $"card {wanted} is {card.State}: {card.VoidReason}", null), null, ct);
            }
            // §7.4, §8.6: the holder left the register, so the signature certificate goes on the move date; the user certificate stays.
            await RevokeSignatureCertificatesAsync(db, card.Serial, $"国外転出（転出日 {Core.Calendar.JapaneseDate.Format(movedOn)}）・国外継続利用", actor, ct);
            var expiry = await GoodExpiryAsync(db, card.Serial, ct);
            // The card's new owner and the message ID in one transaction: a repeat finds either both or neither.
            var recorded = await AnsweredAsync(db, messageId, AbroadKind, new CardContinuation(true, null, expiry), async () =>
            {
                await TransferAsync(db, card.Serial, responsible, issuance.HolderHash(responsible, attachment.ResidentCode), ct);
                await db.SaveChangesAsync(ct);
                await audit.AppendAsync(db, actor, AuditActions.CardContinued, "card:" + card.Serial,
                    detail: $"abroad: {municipality.Value} → family register {responsible.Value}", ct: ct);
            }, ct);
            seen = (true, JsonSerializer.Serialize(recorded, AnswerJson));
        }
        var answer = Answer(seen.Result);
        if (answer.Continued && signatureAbroad
            && !await db.Certificates.AnyAsync(c => c.CardSerial == card.Serial && c.Ca == (int)CaKind.Signature && c.Status == CertificateStatus.Good, ct))
        {
            // §8.6, §7.2: the signature certificate for people abroad, on the attachment's data, with a new key made on the chip.
            var owned = await db.ProducedCards.AsNoTracking().FirstAsync(c => c.Serial == card.Serial, ct);
            var chip = await chips.LoadAsync(db, card.Serial, ct);
            ChipLayout.RenewKey(chip, signature: true);
            var (_, certificate) = await issuance.IssueAsync(db, CaKind.Signature, ChipLayout.CertificateRequest(chip, CardFiles.SignatureKey),
                new Holder(responsible, attachment.ResidentCode, attachment.BirthDate, owned.Expiry, card.Serial),
                new FourInformation(attachment.Name, attachment.NameAltFlags, attachment.Sex, attachment.BirthDate, attachment.Address,
                    attachment.AddressAltFlags), actor, ct);
            using (certificate)
            {
                ChipLayout.WriteCertificates(chip, true, certificate.RawData, issuance.AuthorityCertificate(CaKind.Signature));
            }
            await chips.SaveAsync(db, card.Serial, chip, ct);
            await audit.AppendAsync(db, actor, AuditActions.CardCertificatesRenewed, "card:" + card.Serial, detail: "signature (abroad)", ct: ct);
            answer = answer with { CertificatesExpiry = await GoodExpiryAsync(db, card.Serial, ct) };
        }
        return answer;
    }

    /// <summary>§7.4: the holder's 4 information changed (a move in, or off the register abroad): every live signature certificate of the card is revoked.
    /// Each revocation commits on its own and a repeat skips the revoked ones.</summary>
    private async Task RevokeSignatureCertificatesAsync(NationalDb db, string cardSerial, string note, string actor, CancellationToken ct)
    {
        var signatures = await db.Certificates.AsNoTracking()
            .Where(c => c.CardSerial == cardSerial && c.Ca == (int)CaKind.Signature && c.Status != CertificateStatus.Revoked).Select(c => c.Serial).ToListAsync(ct);
        foreach (var s in signatures)
        {
            await status.RevokeAsync(db, CaKind.Signature, s, RevocationReason.AffiliationChanged, actor, note, ct);
        }
    }

    /// <summary>The card, its chip and its certificates now belong to <paramref name="to"/> under <paramref name="holderHash"/>; the caller saves.</summary>
    private async Task<ProducedCard> TransferAsync(NationalDb db, string cardSerial, MunicipalityCode to, byte[] holderHash, CancellationToken ct)
    {
        var row = await db.ProducedCards.FirstAsync(c => c.Serial == cardSerial, ct);
        row.MunicipalityCode = to.Value;
        row.UpdatedAt = time.GetUtcNow();
        var chipRow = await db.CardChips.FirstAsync(c => c.Serial == cardSerial, ct);
        chipRow.MunicipalityCode = to.Value;
        chipRow.HolderHash = holderHash;
        foreach (var c in await db.Certificates.Where(c => c.CardSerial == cardSerial).ToListAsync(ct))
        {
            c.MunicipalityCode = to.Value;
            c.HolderHash = holderHash;
        }
        return row;
    }

    private static async Task<DateOnly?> GoodExpiryAsync(NationalDb db, string cardSerial, CancellationToken ct)
    {
        var good = await db.Certificates.AsNoTracking().Where(c => c.CardSerial == cardSerial && c.Status == CertificateStatus.Good).Select(c => c.NotAfter)
            .ToListAsync(ct);
        return good.Count == 0 ? null : DateOnly.FromDateTime(good.Min().ToOffset(Core.Calendar.JapanClock.Offset).DateTime);
    }

    /// <summary>
    /// Records the message ID with its answer and runs <paramref name="effect"/> in one transaction; when another delivery of the
    /// same message got there first, nothing is done and its answer is returned.
    /// </summary>
    private Task<CardContinuation> AnsweredAsync(NationalDb db, Guid messageId, CardContinuation answer, Func<Task>? effect, CancellationToken ct) =>
        AnsweredAsync(db, messageId, ContinuationKind, answer, effect, ct);

    private async Task<CardContinuation> AnsweredAsync(NationalDb db, Guid messageId, string kind, CardContinuation answer, Func<Task>? effect, CancellationToken ct)
    {
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        if (!await Storage.Outbox.Inbox.RecordAsync(db, messageId, kind, JsonSerializer.Serialize(answer, AnswerJson), time, ct))
        {
            await tx.RollbackAsync(ct);
            return Answer((await Storage.Outbox.Inbox.LookUpAsync(db, messageId, ct)).Result);
        }
        if (effect is not null)
        {
            await effect();
        }
        await tx.CommitAsync(ct);
        return answer;
    }

    private static readonly JsonSerializerOptions AnswerJson = new(JsonSerializerDefaults.Web);

    private static CardContinuation Answer(string? stored) =>
        (stored is null ? null : JsonSerializer.Deserialize<CardContinuation>(stored, AnswerJson))
        ?? throw new InvalidOperationException("a card continuation in the inbox has no answer");

    public async Task<IReadOnlyList<Revocation>> RevocationsSinceAsync(MunicipalityCode municipality, DateTimeOffset since, CancellationToken ct = default)
    {
        await using var db = stores.OpenNational();
        var rows = await db.CertificateEvents.AsNoTracking().Where(e => e.Status == CertificateStatus.Revoked)
            .Join(db.Certificates.AsNoTracking().Where(c => c.MunicipalityCode == municipality.Value), e => e.CertificateId, c => c.Id,
                (e, c) => new { e.At, c.Ca, c.Serial, c.CardSerial, e.Reason, e.Note })
            .ToListAsync(ct);
        // Compared here: SQLite keeps times as text.
        return rows.Where(r => r.At >= since).OrderByDescending(r => r.At)
            .Select(r => new Revocation(r.At, CaKinds.Slug((CaKind)r.Ca), r.Serial, r.CardSerial, r.Reason?.ToString() ?? "", r.Note)).ToList();
    }

    /// <summary>The chip's input-assist data and the call centre's lookup key follow the register.</summary>
    private async Task WriteHolderAsync(NationalDb db, string serial, HolderData holder, string actor, string action, string detail, CancellationToken ct)
    {
        var chip = await chips.LoadAsync(db, serial, ct);
        ChipLayout.Endorse(chip, holder.Name, holder.Address);
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        await chips.SaveAsync(db, serial, chip, ct);
        var row = await db.ProducedCards.FirstAsync(c => c.Serial == serial, ct);
        row.IdentityHash = issuance.IdentityHash(holder.Name, holder.BirthDate);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, action, "card:" + serial, detail: detail, ct: ct);
        await tx.CommitAsync(ct);
    }

    private async Task CloseCaseAsync(NationalDb db, string serial, CallCentreOutcome outcome, string note, string actor, string? action, CancellationToken ct)
    {
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var row = await db.ProducedCards.FirstAsync(c => c.Serial == serial, ct);
        var reference = row.SuspensionReference;
        var open = await db.CallCentreCases.FirstOrDefaultAsync(c => c.Reference == reference, ct);
        if (open is not null)
        {
            open.Outcome = outcome;
            open.ClosedAt = time.GetUtcNow();
            open.ClosedBy = actor;
            open.ClosingNote = note;
        }
        row.SuspensionReference = null;
        row.SuspendedAt = null;
        row.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        if (action is not null)
        {
            await audit.AppendAsync(db, actor, action, "card:" + serial, detail: reference, ct: ct);
        }
        await tx.CommitAsync(ct);
    }

    private static async Task<ProducedCard> OwnedAsync(NationalDb db, MunicipalityCode municipality, string serial, CancellationToken ct,
        bool anyState = false)
    {
        var wanted = (serial ?? "").Trim().ToUpperInvariant();
        var card = await db.ProducedCards.AsNoTracking().FirstOrDefaultAsync(c => c.Serial == wanted && c.MunicipalityCode == municipality.Value, ct)
            ?? throw new CardNotFoundException(LifecycleMessages.NotOurCard.With(wanted, municipality.Value));
        return card.State is ProducedCardState.Made or ProducedCardState.Listed || anyState
            ? card
            : throw new CardException($"card {wanted} is {card.State}: {card.VoidReason}");
    }
}
