using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Calendar;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Core.Issuance;
using Myna.Core.Lifecycle;
using Myna.Core.Residents;
using Myna.Core.Text.Messages;
using Myna.Storage;
using Myna.Storage.Audit;

namespace Myna.Municipal.Lifecycle;

/// <summary>A lifecycle step that cannot be taken, with the reason; <see cref="Missing"/> lists what identity verification still lacks.</summary>
public sealed class LifecycleException(string message, IReadOnlyList<Message>? missing = null) : InvalidOperationException(message), Core.Text.Messages.IMessageCarrier
{
    /// <summary>A refusal from the message catalogue, shown in the reader's language (ARCHITECTURE 6).</summary>
    public LifecycleException(Message text, IReadOnlyList<Message>? missing = null) : this(text.En, missing) => Text = text;

    /// <summary>The catalogue message, when the refusal has one; the pages show it in the reader's language.</summary>
    public Message? Text { get; }

    /// <summary>What identity verification still lacks (DOMAIN §6.5), one line per method.</summary>
    public IReadOnlyList<Message> Missing { get; } = missing ?? [];
}

/// <summary>[project] settings of the lifecycle: the endorsement area's capacity (§8.5).</summary>
public sealed record LifecyclePolicy(int EndorsementCapacity = LifecycleRules.DefaultEndorsementCapacity);

/// <summary>
/// The card lifecycle at the municipality (DOMAIN §8): holding a handed-over card, loss cases closed at
/// the window (§8.3), reissues and renewals with their fees (§8.2, §8.4), endorsements (§8.5), death,
/// PIN resets (§6.6) and certificate renewal. The national side is reached only through
/// <see cref="ICardLifecycle"/>.
/// </summary>
public sealed class CardLifecycleDesk(MunicipalityCode municipality, ICardLifecycle national, AuditLog audit, TimeProvider time, LifecyclePolicy policy)
{
    public ICardLifecycle National => national;

    /// <summary>
    /// A card handed over (window or restricted-delivery mail) is now in the holder's hands: recorded
    /// in the caller's unit of work, so the hand-over and the holding are saved together.
    /// </summary>
    public static HeldCard Hold(MunicipalDb db, MunicipalCard card, DateOnly today, DateTimeOffset now, string actor)
    {
        var held = new HeldCard
        {
            Serial = card.Serial, ResidentId = card.ResidentId, CardId = card.Id, HeldSince = today, Expiry = card.Expiry, State = HeldCardState.Valid,
            UpdatedAt = now,
        };
        db.HeldCards.Add(held);
        db.LifecycleEvents.Add(new CardLifecycleEvent { ResidentId = card.ResidentId, Kind = LifecycleKind.Issued, At = now, Actor = actor, Detail = card.Serial });
        return held;
    }

    /// <summary>
    /// After a hand-over: the certificates' expiry is read from the national side (for the expiry
    /// notices), and an older card of the same holder still valid (a renewal, or a reissue for a damaged
    /// card) is abolished with its certificates revoked as superseded. Safe to repeat.
    /// </summary>
    public async Task<int> AfterHandOverAsync(MunicipalDb db, string newSerial, string actor, CancellationToken ct = default)
    {
        var held = await db.HeldCards.FirstAsync(h => h.Serial == newSerial, ct);
        held.CertificatesExpiry = CertificatesExpiry(await national.StandingAsync(municipality, newSerial, ct));
        await db.SaveChangesAsync(ct);
        var residentId = held.ResidentId;
        var older = await db.HeldCards.Where(h => h.ResidentId == residentId && h.State == HeldCardState.Valid && h.Serial != newSerial).ToListAsync(ct);
        foreach (var old in older)
        {
            var replaced = HistoryNotes.ReplacedBy.With(newSerial);
            await national.AbolishAsync(municipality, old.Serial, replaced.Ja, superseded: true, actor, ct);
            await EndAsync(db, old, HeldCardState.Abolished, LifecycleKind.Replaced, replaced, null, actor, ct);
        }
        return older.Count;
    }

    /// <summary>The earliest expiry among the card's good certificates (§7.2), as a Japanese date; null when it has none.</summary>
    public static DateOnly? CertificatesExpiry(CardStanding standing) =>
        standing.Certificates.Where(c => c.Status == "Good").Select(c => (DateOnly?)DateOnly.FromDateTime(c.NotAfter.ToOffset(JapanClock.Offset).DateTime)).Min();

    public static Task<HeldCard?> CurrentAsync(MunicipalDb db, long residentId, CancellationToken ct = default) =>
        db.HeldCards.AsNoTracking().Where(h => h.ResidentId == residentId && h.State == HeldCardState.Valid).OrderByDescending(h => h.Id).FirstOrDefaultAsync(ct);

    private static async Task<HeldCard> HeldAsync(MunicipalDb db, long heldCardId, CancellationToken ct)
    {
        var held = await db.HeldCards.FirstOrDefaultAsync(h => h.Id == heldCardId, ct) ?? throw new LifecycleException(LifecycleMessages.NoHeldCard.With(heldCardId));
        return held.State == HeldCardState.Valid ? held : throw new LifecycleException(LifecycleMessages.CardEnded.With(held.Serial, LifecycleMessages.State(held.State), held.EndReason));
    }

    private static VerificationResult Verify(VerificationCase verification)
    {
        if (verification.ByProxy)
        {
            throw new LifecycleException(LifecycleMessages.InPersonOnly);
        }
        var result = IdentityVerification.Evaluate(verification);
        return result.Verified ? result : throw new LifecycleException(LifecycleMessages.NotVerified, result.Missing);
    }

    /// <summary>Found after a loss report (§8.3): identity verified by the §6.5 engine, then the suspension is lifted on the national side.</summary>
    public async Task LiftSuspensionAsync(MunicipalDb db, long heldCardId, VerificationCase verification, string actor, CancellationToken ct = default)
    {
        var held = await HeldAsync(db, heldCardId, ct);
        var method = Verify(verification).Method!;
        var standing = await national.StandingAsync(municipality, held.Serial, ct);
        if (!standing.Suspended)
        {
            throw new LifecycleException(LifecycleMessages.NotSuspended.With(held.Serial));
        }
        await national.LiftSuspensionAsync(municipality, held.Serial, "method " + method, actor, ct);
        await RecordAsync(db, held, LifecycleKind.SuspensionLifted, HistoryNotes.SuspensionLifted.With(method), standing.SuspensionReference, actor, ct);
    }

    /// <summary>
    /// Not found (§8.3): the card is abolished with the police report number (遺失届・盗難届 受理番号) and a
    /// reissue is started with its fee (§8.4).
    /// </summary>
    public async Task<Replacement> AbolishLostAsync(MunicipalDb db, long heldCardId, string policeReport, ReissueCause cause, string actor,
        CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(policeReport))
        {
            throw new LifecycleException(LifecycleMessages.PoliceReport);
        }
        if (cause is not (ReissueCause.Loss or ReissueCause.IssuerError or ReissueCause.WrongfulIssuance))
        {
            throw new LifecycleException(LifecycleMessages.LostCause);
        }
        var held = await HeldAsync(db, heldCardId, ct);
        // The reissue must be possible before the card is abolished: never an abolished card without its reissue and fee.
        await EnsureReplacementPossibleAsync(db, held.ResidentId, ct);
        var standing = await national.StandingAsync(municipality, held.Serial, ct);
        var report = policeReport.Trim();
        await national.AbolishAsync(municipality, held.Serial, "紛失（発見されず）遺失届 " + report, superseded: false, actor, ct);
        await EndAsync(db, held, HeldCardState.Abolished, LifecycleKind.Abolished, HistoryNotes.LostNotFound.With(report),
            standing.SuspensionReference ?? report, actor, ct);
        return await StartReplacementAsync(db, held.ResidentId, ReplacementKind.Reissue, cause, actor, StoredMessage.Write(HistoryNotes.PoliceReport.With(report)), held.Serial, ct);
    }

    /// <summary>
    /// A new form can be started: the person is in the register and has no form open. A person who moved abroad may apply
    /// for the free reissue after the card lapsed (§8.4, §8.6: since 2024-05-27 a card can be applied for from abroad).
    /// </summary>
    private static async Task EnsureReplacementPossibleAsync(MunicipalDb db, long residentId, CancellationToken ct, bool fromAbroad = false)
    {
        var resident = await db.Residents.AsNoTracking().FirstOrDefaultAsync(r => r.Id == residentId, ct)
            ?? throw new LifecycleException(LifecycleMessages.NoSuchResident.With(residentId));
        if (resident.Status != ResidentStatus.Active && !(fromAbroad && resident.Status == ResidentStatus.MovedOutAbroad))
        {
            throw new LifecycleException(LifecycleMessages.NotInRegister);
        }
        var open = await db.Replacements.AsNoTracking().FirstOrDefaultAsync(r => r.ResidentId == residentId && r.State == ReplacementState.Open, ct);
        if (open is not null)
        {
            throw new LifecycleException(LifecycleMessages.FormOpen.With(LifecycleMessages.Kind(open.Kind), open.ApplicationId, open.ReceiptNumber));
        }
    }

    /// <summary>
    /// §8.4, §8.6: the free reissue "after return on moving abroad" is for a card that lapsed on a move abroad, applied for
    /// within 90 days after the move date; later (or without such a card) the holder's own cause and its fee apply.
    /// </summary>
    private static async Task EnsureLapsedAbroadAsync(MunicipalDb db, long residentId, DateOnly today, CancellationToken ct)
    {
        var lapsed = await db.AbroadMoves.AsNoTracking()
            .Where(m => m.ResidentId == residentId && m.State == AbroadMoveState.Completed && !m.ContinuedUse && m.CardSerial != null)
            .OrderByDescending(m => m.MovesOn).FirstOrDefaultAsync(ct)
            ?? throw new LifecycleException(LifecycleMessages.NoLapsedAbroad);
        if (today > AbroadMoveRules.FreeReissueUntil(lapsed.MovesOn))
        {
            throw new LifecycleException(LifecycleMessages.AbroadFreeExpired.With(LifecycleMessages.Day(lapsed.MovesOn), AbroadMoveRules.FreeReissueDays,
                LifecycleMessages.Day(AbroadMoveRules.FreeReissueUntil(lapsed.MovesOn))));
        }
    }

    /// <summary>返納 at the holder's request, with the holder's reason as the clerk wrote it: abolished, certificates revoked.</summary>
    public async Task ReturnAsync(MunicipalDb db, long heldCardId, string holdersReason, string actor, CancellationToken ct = default)
    {
        var held = await HeldAsync(db, heldCardId, ct);
        var returned = HistoryNotes.Returned.With(holdersReason.Trim());
        await national.AbolishAsync(municipality, held.Serial, returned.Ja, superseded: false, actor, ct);
        await EndAsync(db, held, HeldCardState.Abolished, LifecycleKind.Abolished, returned, null, actor, ct);
    }

    /// <summary>
    /// A reissue (§8.4) or a renewal (§8.2): a new application form for the resident, the fee of the
    /// cause with a receipt number, and the subsidy eligibility. A renewal opens 3 months before expiry.
    /// </summary>
    public async Task<Replacement> StartReplacementAsync(MunicipalDb db, long residentId, ReplacementKind kind, ReissueCause cause, string actor,
        string? note = null, string? oldSerial = null, CancellationToken ct = default)
    {
        // A form posts numbers: an undefined kind or cause is the clerk's input, refused by name.
        if (!Enum.IsDefined(kind) || (kind == ReplacementKind.Reissue && !Enum.IsDefined(cause)))
        {
            throw new LifecycleException(!Enum.IsDefined(kind) ? LifecycleMessages.ChooseKind : LifecycleMessages.ChooseCause);
        }
        await EnsureReplacementPossibleAsync(db, residentId, ct, fromAbroad: kind == ReplacementKind.Reissue && cause == ReissueCause.ReturnedOnMovingAbroad);
        var today = JapanClock.Today(time);
        var current = await CurrentAsync(db, residentId, ct);
        if (kind == ReplacementKind.Reissue && cause == ReissueCause.ReturnedOnMovingAbroad)
        {
            await EnsureLapsedAbroadAsync(db, residentId, today, ct);
        }
        if (kind == ReplacementKind.Reissue && cause == ReissueCause.Loss && current is not null)
        {
            // §8.3: a lost card is suspended at once and abolished with the police report number, then reissued.
            throw new LifecycleException(LifecycleMessages.LossWithValidCard.With(current.Serial));
        }
        if (kind == ReplacementKind.Renewal)
        {
            if (current is null)
            {
                throw new LifecycleException(LifecycleMessages.NothingToRenew);
            }
            if (today < LifecycleRules.RenewalOpens(current.Expiry))
            {
                throw new LifecycleException(LifecycleMessages.RenewalNotOpen.With(LifecycleMessages.Day(LifecycleRules.RenewalOpens(current.Expiry)), LifecycleMessages.Day(current.Expiry)));
            }
            cause = ReissueCause.RenewalAtExpiry;
        }
        else if (cause == ReissueCause.RenewalAtExpiry)
        {
            throw new LifecycleException(LifecycleMessages.RenewalIsItsOwnKind);
        }
        var fee = ReissueFees.For(cause);
        // Joins the caller's transaction when there is one (a full endorsement area met while a continued card is acknowledged).
        await using var tx = db.Database.CurrentTransaction is null ? await Sql.BeginWriteAsync(db, ct) : null;
        var year = today.Year.ToString(CultureInfo.InvariantCulture);
        var issuedThisYear = await db.Replacements.CountAsync(r => r.ReceiptNumber.StartsWith("R" + year + "-"), ct);
        var now = time.GetUtcNow();
        var replacement = new Replacement
        {
            ResidentId = residentId, Kind = kind, Cause = cause, ApplicationId = Core.Identifiers.ApplicationId.New(municipality).Value,
            OldSerial = oldSerial ?? current?.Serial, CardFeeYen = fee.CardYen, CertificateFeeYen = fee.CertificateYen, SubsidyEligible = fee.SubsidyEligible,
            ReceiptNumber = string.Create(CultureInfo.InvariantCulture, $"R{year}-{issuedThisYear + 1:D6}"), State = ReplacementState.Open,
            ChargedOn = today, CreatedAt = now, CreatedBy = actor, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        };
        db.Replacements.Add(replacement);
        db.LifecycleEvents.Add(new CardLifecycleEvent
        {
            ResidentId = residentId, HeldCardId = current?.Id, Kind = kind == ReplacementKind.Renewal ? LifecycleKind.RenewalStarted : LifecycleKind.ReissueStarted,
            At = now, Actor = actor, Detail = StoredMessage.Write(HistoryNotes.Reissue.With(ReissueCauses.Of(cause), replacement.ApplicationId)), Reference = replacement.ApplicationId,
        });
        db.LifecycleEvents.Add(new CardLifecycleEvent
        {
            ResidentId = residentId, HeldCardId = current?.Id, Kind = LifecycleKind.FeeCharged, At = now, Actor = actor,
            Detail = StoredMessage.Write((fee.SubsidyEligible ? HistoryNotes.FeeSubsidised : HistoryNotes.Fee)
                .With(replacement.TotalYen.ToString("N0", CultureInfo.InvariantCulture), fee.CardYen, fee.CertificateYen)),
            Reference = replacement.ReceiptNumber,
        });
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, AuditActions.ReplacementStarted, $"resident:{residentId}",
            detail: string.Create(CultureInfo.InvariantCulture, $"{kind} {cause} fee={replacement.TotalYen} receipt={replacement.ReceiptNumber}"), ct: ct);
        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }
        return replacement;
    }

    /// <summary>
    /// A register event of a card holder (§8.5, §8.6, §7.4): an address or name change is endorsed
    /// (the chip's input-assist data follows; a full endorsement area starts a free reissue); death or
    /// deletion abolishes the card. Returns what was done, for the clerk.
    /// </summary>
    public async Task<string?> RegisterChangedAsync(MunicipalDb db, Resident resident, ResidentEventType type, IReadOnlyCollection<string> changedFields,
        string actor, CancellationToken ct = default)
    {
        var held = await db.HeldCards.Where(h => h.ResidentId == resident.Id && h.State == HeldCardState.Valid).OrderByDescending(h => h.Id).FirstOrDefaultAsync(ct);
        if (held is null)
        {
            return null;
        }
        if (type is ResidentEventType.Death or ResidentEventType.DeletionExOfficio)
        {
            Message reason = type == ResidentEventType.Death ? HistoryNotes.Death : HistoryNotes.DeletedExOfficio;
            await national.AbolishAsync(municipality, held.Serial, reason.Ja, superseded: false, actor, ct);
            await EndAsync(db, held, HeldCardState.Abolished, LifecycleKind.Abolished, reason, null, actor, ct);
            return "card abolished, certificates revoked";
        }
        var nameOrAddress = changedFields.Any(f => f is "FamilyName" or "GivenName" or "Prefecture" or "City" or "Town" or "Block" or "Building");
        var stay = changedFields.Contains("StayUntil");
        if (type == ResidentEventType.MoveOut || !nameOrAddress && !stay)
        {
            return null;
        }
        await national.EndorseAsync(municipality, held.Serial, Holder(resident), actor, ct);
        // §8.1, §8.5: a changed period of stay may move the card's expiry (an extension lifts the cap up to the birthday rule);
        // the new expiry is written on the card's back like any endorsement.
        var expiry = (await national.StandingAsync(municipality, held.Serial, ct)).Expiry;
        var expiryMoved = expiry != held.Expiry;
        if (!nameOrAddress && !expiryMoved)
        {
            return null;
        }
        var fields = changedFields;
        if (expiryMoved)
        {
            held.Expiry = expiry;
            fields = [.. changedFields, "CardExpiry"];
        }
        return await EndorsedAsync(db, held, resident.Id, fields, actor, ct);
    }

    /// <summary>
    /// The municipality's part of an endorsement (§8.5), once the chip says what the register says: the line on
    /// the card's back, or — the area full — a free reissue. Joins the caller's transaction when there is one.
    /// </summary>
    internal async Task<string> EndorsedAsync(MunicipalDb db, HeldCard held, long residentId, IReadOnlyCollection<string> changedFields, string actor,
        CancellationToken ct, Message? endorsement = null)
    {
        var renamed = changedFields.Any(f => f is "FamilyName" or "GivenName");
        var moved = changedFields.Any(f => f is "Prefecture" or "City" or "Town" or "Block" or "Building");
        var changes = new List<Message>();
        if (renamed || moved)
        {
            changes.Add(renamed && moved ? HistoryNotes.NameAndAddressChange : renamed ? HistoryNotes.NameChange : HistoryNotes.AddressChange);
        }
        if (changedFields.Contains("CardExpiry"))
        {
            changes.Add(HistoryNotes.ExpiryChange);
        }
        // Several changes on one line: the catalogue's list joining (「、」 / "; ").
        var what = endorsement ?? HistoryNotes.Joined(changes);
        if (held.Endorsements >= policy.EndorsementCapacity)
        {
            await RecordAsync(db, held, LifecycleKind.EndorsementAreaFull, HistoryNotes.EndorsementAreaFull.With(what, policy.EndorsementCapacity), null, actor, ct);
            if (!await db.Replacements.AnyAsync(r => r.ResidentId == residentId && r.State == ReplacementState.Open, ct))
            {
                await StartReplacementAsync(db, residentId, ReplacementKind.Reissue, ReissueCause.EndorsementAreaFull, actor, StoredMessage.Write(ReissueCauses.EndorsementAreaFull), held.Serial, ct);
            }
            return "endorsement area full: a free reissue was started";
        }
        held.Endorsements++;
        await RecordAsync(db, held, LifecycleKind.Endorsed, HistoryNotes.Endorsed.With(what, held.Endorsements, policy.EndorsementCapacity), null, actor, ct);
        return string.Create(CultureInfo.InvariantCulture, $"endorse the card's back (line {held.Endorsements} of {policy.EndorsementCapacity})");
    }

    /// <summary>The register's current data for the chip and new certificates.</summary>
    public static HolderData Holder(Resident r) =>
        new(ResidentCode.Parse(r.ResidentCode), r.FullName, r.NameAltFlags, r.Address, r.AddressAltFlags, r.BirthDate, (int)r.Sex, r.StayUntil);

    /// <summary>
    /// Certificate renewal at the window (§8.2): identity verified, new keys on the chip, new certificates,
    /// the old ones revoked as superseded. Returns whether a signature PIN must now be set (PIN reset).
    /// </summary>
    public async Task<bool> RenewCertificatesAsync(MunicipalDb db, long heldCardId, VerificationCase verification, bool signature, string actor,
        CancellationToken ct = default)
    {
        var held = await HeldAsync(db, heldCardId, ct);
        var method = Verify(verification).Method!;
        var today = JapanClock.Today(time);
        if (held.CertificatesExpiry is { } expiry && today < LifecycleRules.RenewalOpens(expiry))
        {
            throw new LifecycleException(LifecycleMessages.CertificatesNotOpen.With(LifecycleMessages.Day(LifecycleRules.RenewalOpens(expiry))));
        }
        var resident = await db.Residents.AsNoTracking().FirstAsync(r => r.Id == held.ResidentId, ct);
        var needsPin = await national.RenewCertificatesAsync(municipality, held.Serial, Holder(resident), signature, actor, ct);
        var standing = await national.StandingAsync(municipality, held.Serial, ct);
        held.CertificatesExpiry = CertificatesExpiry(standing);
        await RecordAsync(db, held, LifecycleKind.CertificatesRenewed,
            (signature ? HistoryNotes.CertificatesRenewed : HistoryNotes.UserCertificateRenewed).With(method,
                held.CertificatesExpiry is { } until ? LifecycleMessages.Day(until) : ""), null, actor, ct);
        return needsPin;
    }

    /// <summary>
    /// A PIN reset (§6.6), step 1: identity verified by the clerk; the desk's PIN pad then asks the holder
    /// for the new PIN. An earlier request waiting at the same desk is cancelled.
    /// </summary>
    public async Task<PinReset> RequestPinResetAsync(MunicipalDb db, long heldCardId, PinKind kind, int desk, VerificationCase verification, string actor,
        CancellationToken ct = default)
    {
        var held = await HeldAsync(db, heldCardId, ct);
        var method = Verify(verification).Method!;
        if (desk is < 1 or > 99)
        {
            throw new LifecycleException(LifecycleMessages.ChooseDesk);
        }
        await db.PinResets.Where(r => r.Desk == desk && r.DoneAt == null && !r.Cancelled).ExecuteUpdateAsync(s => s.SetProperty(r => r.Cancelled, true), ct);
        var reset = new PinReset
        {
            HeldCardId = held.Id, Desk = desk, Kind = kind, VerificationMethod = method, RequestedAt = time.GetUtcNow(), RequestedBy = actor,
        };
        db.PinResets.Add(reset);
        await db.SaveChangesAsync(ct);
        return reset;
    }

    /// <summary>What the desk's PIN pad shows for a reset: whose card (name only) and which PIN.</summary>
    public static async Task<(PinReset Reset, string FullName)?> PadResetAsync(MunicipalDb db, int desk, CancellationToken ct = default)
    {
        var waiting = await db.PinResets.AsNoTracking().Where(r => r.Desk == desk && r.DoneAt == null && !r.Cancelled).OrderByDescending(r => r.Id)
            .Join(db.HeldCards.AsNoTracking(), r => r.HeldCardId, h => h.Id, (r, h) => new { r, h.ResidentId }).FirstOrDefaultAsync(ct);
        if (waiting is null)
        {
            return null;
        }
        var resident = await db.Residents.AsNoTracking().FirstAsync(x => x.Id == waiting.ResidentId, ct);
        return (waiting.r, resident.FullName);
    }

    /// <summary>
    /// Step 2, on the pad: the new PIN typed twice, checked against §6.6 on the national side (which
    /// knows the birth date and security code), written to the chip with its full try count.
    /// </summary>
    public async Task<PinSetting> SubmitPinResetAsync(MunicipalDb db, long resetId, string pin, string pinAgain, string actor, CancellationToken ct = default)
    {
        var reset = await db.PinResets.FirstOrDefaultAsync(r => r.Id == resetId, ct) ?? throw new LifecycleException(LifecycleMessages.NoPinReset);
        if (reset.DoneAt is not null || reset.Cancelled)
        {
            throw new LifecycleException(LifecycleMessages.PinResetClosed);
        }
        var signature = reset.Kind == PinKind.Signature;
        var normalized = signature ? (pin ?? "").Trim().ToUpperInvariant() : (pin ?? "").Trim();
        var again = signature ? (pinAgain ?? "").Trim().ToUpperInvariant() : (pinAgain ?? "").Trim();
        if (normalized != again)
        {
            reset.Refusals++;
            await db.SaveChangesAsync(ct);
            return new PinSetting(false, signature, reset.Kind, PinPolicy.Mismatch);
        }
        var held = await db.HeldCards.FirstAsync(h => h.Id == reset.HeldCardId, ct);
        var outcome = await national.ResetPinAsync(municipality, held.Serial, reset.Kind, normalized, reset.VerificationMethod, actor, ct);
        if (!outcome.Accepted)
        {
            reset.Refusals++;
            await db.SaveChangesAsync(ct);
            return outcome;
        }
        reset.DoneAt = time.GetUtcNow();
        await RecordAsync(db, held, LifecycleKind.PinReset, HistoryNotes.PinReset.With(PinName(reset.Kind), reset.VerificationMethod), null, reset.RequestedBy, ct);
        return new PinSetting(true, signature);
    }

    private static MessageText PinName(PinKind kind) => kind switch
    {
        PinKind.Signature => HistoryNotes.SignaturePin,
        PinKind.UserAuthentication => HistoryNotes.UserPin,
        PinKind.ResidentRegister => HistoryNotes.RegisterPin,
        _ => HistoryNotes.FormPin,
    };

    /// <summary>The pad's outcome for the clerk's screen: done, waiting, or how many refusals (never the PIN).</summary>
    public static Task<PinReset?> ResetAsync(MunicipalDb db, long resetId, CancellationToken ct = default) =>
        db.PinResets.AsNoTracking().FirstOrDefaultAsync(r => r.Id == resetId, ct);

    internal async Task EndAsync(MunicipalDb db, HeldCard held, HeldCardState state, LifecycleKind kind, Message reason, string? reference, string actor,
        CancellationToken ct)
    {
        held.State = state;
        held.EndReason = StoredMessage.Write(reason);
        await RecordAsync(db, held, kind, reason, reference, actor, ct);
    }

    /// <summary>A line of the card's history; its words are a catalogue message (<see cref="StoredMessage"/>), shown in the reader's language.</summary>
    internal async Task RecordAsync(MunicipalDb db, HeldCard held, LifecycleKind kind, Message detail, string? reference, string actor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        held.UpdatedAt = now;
        db.LifecycleEvents.Add(new CardLifecycleEvent { ResidentId = held.ResidentId, HeldCardId = held.Id, Kind = kind, At = now, Actor = actor, Detail = StoredMessage.Write(detail), Reference = reference });
        // Joins the caller's transaction when there is one (a move-out recorded with its outbox message).
        await using var tx = db.Database.CurrentTransaction is null ? await Sql.BeginWriteAsync(db, ct) : null;
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, kind switch
        {
            LifecycleKind.Endorsed or LifecycleKind.EndorsementAreaFull => AuditActions.CardEndorsed,
            LifecycleKind.SuspensionLifted => AuditActions.CardSuspensionLifted,
            LifecycleKind.CertificatesRenewed => AuditActions.CardCertificatesRenewed,
            LifecycleKind.PinReset => AuditActions.CardPinReset,
            LifecycleKind.ContinuedAfterMoveIn or LifecycleKind.MovedAway => AuditActions.CardContinued,
            LifecycleKind.AdvanceMoveOutSent => AuditActions.MoveOutSent,
            LifecycleKind.Invalidated => AuditActions.MoveCardsInvalidated,
            LifecycleKind.AbroadMoveNotified => AuditActions.MoveAbroadNotified,
            LifecycleKind.ContinuedAbroad => AuditActions.CardContinued,
            LifecycleKind.Returned => AuditActions.CardAbolished,
            LifecycleKind.Abolished or LifecycleKind.Replaced => AuditActions.CardAbolished,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a step recorded on a held card"),
        }, "card:" + held.Serial, detail: kind + ": " + detail, ct: ct);
        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }
    }
}
