using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Applications;
using Myna.Core.Appointments;
using Myna.Core.Audit;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Core.Issuance;
using Myna.Core.Text.Messages;
using Myna.Municipal.Appointments;
using Myna.Storage;
using Myna.Storage.Audit;

namespace Myna.Municipal.Issuance;

/// <summary>
/// What the resident typed on the PIN pad (§6.6), each PIN twice. The input-assist and resident-register PINs are
/// left empty when the resident keeps one value for the three 4-digit PINs.
/// </summary>
public sealed record PadPins(string FourDigit, string FourDigitAgain, string? Signature, string? SignatureAgain,
    string? InputAssist = null, string? InputAssistAgain = null, string? ResidentRegister = null, string? ResidentRegisterAgain = null)
{
    public FourDigitPins FourDigitPins => new(FourDigit, Or(InputAssist, FourDigit), Or(ResidentRegister, FourDigit));

    /// <summary>The first PIN whose two entries differ, if any.</summary>
    public PinKind? Mismatched(bool signatureNeeded) =>
        FourDigit != FourDigitAgain ? PinKind.UserAuthentication
        : Or(InputAssist, FourDigit) != Or(InputAssistAgain, FourDigitAgain) ? PinKind.InputAssist
        : Or(ResidentRegister, FourDigit) != Or(ResidentRegisterAgain, FourDigitAgain) ? PinKind.ResidentRegister
        : signatureNeeded && Signature?.Trim().ToUpperInvariant() != SignatureAgain?.Trim().ToUpperInvariant() ? PinKind.Signature
        : null;

    private static string Or(string? chosen, string fallback) => string.IsNullOrEmpty(chosen) ? fallback : chosen;
}

/// <summary>Where a hand-over stands, for the clerk's screen (never a PIN).</summary>
/// <remarks><see cref="AddressWithheld"/>: the support-measure rule withholds the holder's address from others (DOMAIN §9).</remarks>
public sealed record WindowCase(WindowIssuance Issuance, CardView Card, AppointmentView? Appointment, string? NameAltFlags, string? AddressAltFlags,
    string Address, bool AddressWithheld = false)
{
    public bool Verified => Issuance.VerifiedAt is not null;
    public bool Checked => Issuance.PhotoMatches && Issuance.FaceChecked && Issuance.RegisterMatchesDocuments;
    /// <summary>The resident-facing PIN pad of this desk is waiting for the PINs.</summary>
    public bool AwaitingPins => Issuance.Outcome == IssuanceOutcome.InProgress && Verified && Checked && Issuance.PinsSetAt is null;
    public bool ReadyToHandOver => Issuance.Outcome == IssuanceOutcome.InProgress && Verified && Checked && Issuance.PinsSetAt is not null;
}

/// <summary>The checks as recorded (all three ticked) or not (<see cref="Unticked"/> names which, and nothing was stored).</summary>
public sealed record ChecksOutcome(WindowCase Case, IReadOnlyList<WindowCheck> Unticked)
{
    public bool Recorded => Unticked.Count == 0;
}

/// <summary>A stopped hand-over and the references of the bookings its stop released.</summary>
public sealed record IssuanceStopped(WindowCase Case, IReadOnlyList<string> ReleasedBookings);

/// <summary>What the resident-facing PIN pad shows: whose card (name only) and which PINs to set; nothing else.</summary>
public sealed record PadRequest(long IssuanceId, string FullName, bool SignaturePin, int Refusals, long? PinRequestId = null);

/// <summary>
/// The issuance window (DOMAIN §6.4): scan the notice (or type the application ID) → identity
/// verification by the §6.5 engine → photo, card-face and register checks → the resident sets the
/// PINs on the desk's PIN pad (the clerk's screen never sees them) → hand-over with alternative
/// characters confirmed and any 住基カード collected. A proxy brings the reason document and the
/// authorisation. The start and end of each hand-over are recorded, so the service time is measured.
/// </summary>
public sealed class WindowDesk(MunicipalityCode municipality, ICardService cards, Lifecycle.CardLifecycleDesk lifecycle, AuditLog audit, TimeProvider time)
{
    /// <summary>
    /// Starts (or resumes) the hand-over of the card a scanned notice number or typed application ID
    /// names. The card must be in the safe, set up; a hand-over already open for it is resumed.
    /// </summary>
    public async Task<WindowCase> StartAsync(MunicipalDb db, string scanned, int desk, string clerk, CancellationToken ct = default)
    {
        var cardId = await ResolveAsync(db, scanned, ct);
        var card = await db.Cards.AsNoTracking().FirstAsync(c => c.Id == cardId, ct);
        if (card.State is not (CardState.Ready or CardState.NoticeSent))
        {
            throw new CardSafeException($"card {card.Serial}: {CardSafe.Describe(card.State)} — " + card.State switch
            {
                CardState.Listed or CardState.InSafe => "finish receipt and pre-issuance setup first",
                CardState.Issued => "it has already been handed over",
                _ => "it cannot be handed over",
            });
        }
        var open = await db.WindowIssuances.FirstOrDefaultAsync(i => i.CardId == cardId && i.Outcome == IssuanceOutcome.InProgress, ct);
        if (open is null)
        {
            var appointment = await AppointmentBook.ActiveForCardAsync(db, cardId, ct);
            open = new WindowIssuance { CardId = cardId, AppointmentId = appointment?.Id, Clerk = clerk, Desk = desk, StartedAt = time.GetUtcNow(),
                Outcome = IssuanceOutcome.InProgress };
            db.WindowIssuances.Add(open);
            await db.SaveChangesAsync(ct);
        }
        else if (open.Desk != desk)
        {
            open.Desk = desk; // moved to another desk: its PIN pad takes over
            await db.SaveChangesAsync(ct);
        }
        return await CaseAsync(db, open.Id, ct);
    }

    private static async Task<long> ResolveAsync(MunicipalDb db, string scanned, CancellationToken ct)
    {
        if (NoticeNumber.Parse(scanned) is { } number)
        {
            return await db.IssuanceNotices.AsNoTracking().Where(n => n.Number == number).Select(n => (long?)n.CardId).FirstOrDefaultAsync(ct)
                ?? throw new CardSafeException(WindowMessages.NoSuchNotice);
        }
        var digits = new string((scanned ?? "").Where(char.IsAsciiDigit).ToArray());
        if (Core.Identifiers.ApplicationId.TryParse(digits, out var applicationId, out _))
        {
            var found = await db.CardApplications.AsNoTracking().Where(a => a.ApplicationId == applicationId.Value)
                .Join(db.Cards, a => a.Id, c => c.CardApplicationId, (a, c) => c)
                .Where(c => c.State != CardState.ReturnedForRemake && c.State != CardState.Destroyed)
                .Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
            return found ?? throw new CardSafeException(WindowMessages.NoCardYet);
        }
        throw new CardSafeException(WindowMessages.ScanNotice);
    }

    /// <summary>Evaluates the documents and measures (DOMAIN §6.5); a verified case is recorded with its method, an unverified one changes nothing.</summary>
    public async Task<VerificationResult> VerifyIdentityAsync(MunicipalDb db, long issuanceId, VerificationCase verification, string caseJson, string? proxyName,
        string? proxyReason, CancellationToken ct = default)
    {
        var issuance = await OpenAsync(db, issuanceId, ct);
        if (verification.ByProxy && (string.IsNullOrWhiteSpace(proxyName) || string.IsNullOrWhiteSpace(proxyReason)))
        {
            return new VerificationResult(false, null, [.. new[]
            {
                string.IsNullOrWhiteSpace(proxyName) ? (Message)IdentityVerificationMessages.ProxyName : null,
                string.IsNullOrWhiteSpace(proxyReason) ? (Message)IdentityVerificationMessages.WhyProxy : null,
            }.OfType<Message>()]);
        }
        var result = IdentityVerification.Evaluate(verification);
        if (result.Verified)
        {
            issuance.ByProxy = verification.ByProxy;
            issuance.ProxyName = verification.ByProxy ? proxyName!.Trim() : null;
            issuance.ProxyReason = verification.ByProxy ? proxyReason!.Trim() : null;
            issuance.VerificationMethod = result.Method;
            issuance.VerificationCase = caseJson;
            issuance.VerifiedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
        return result;
    }

    /// <summary>
    /// The clerk's checks: the photo against the person, the card face for misprints, the register against the documents
    /// (DOMAIN §6.4 steps 2–3). Only all three ticked are recorded; otherwise nothing changes and the answer names the
    /// unticked ones. An unticked box never stops the hand-over: stopping is its own step (<see cref="StopAsync"/>), with a reason.
    /// </summary>
    public static async Task<ChecksOutcome> RecordChecksAsync(MunicipalDb db, long issuanceId, bool photoMatches, bool faceChecked, bool registerMatchesDocuments,
        CancellationToken ct = default)
    {
        var issuance = await OpenAsync(db, issuanceId, ct);
        if (issuance.VerifiedAt is null)
        {
            throw new CardSafeException(WindowMessages.VerifyFirst);
        }
        WindowCheck[] unticked = [.. new[] { (photoMatches, WindowCheck.Photo), (faceChecked, WindowCheck.Face), (registerMatchesDocuments, WindowCheck.Register) }
            .Where(c => !c.Item1).Select(c => c.Item2)];
        if (unticked.Length == 0)
        {
            issuance.PhotoMatches = true;
            issuance.FaceChecked = true;
            issuance.RegisterMatchesDocuments = true;
            await db.SaveChangesAsync(ct);
        }
        return new ChecksOutcome(await CaseAsync(db, issuanceId, ct), unticked);
    }

    /// <summary>The hand-over waiting for PINs on this desk's pad, if any.</summary>
    public static async Task<PadRequest?> PadRequestAsync(MunicipalDb db, int desk, CancellationToken ct = default)
    {
        var waiting = await db.WindowIssuances.AsNoTracking()
            .Where(i => i.Desk == desk && i.Outcome == IssuanceOutcome.InProgress && i.VerifiedAt != null && i.PinsSetAt == null
                && i.PhotoMatches && i.FaceChecked && i.RegisterMatchesDocuments)
            .Join(db.Cards, i => i.CardId, c => c.Id, (i, c) => new { i.Id, i.PinRefusals, c.ResidentId, c.SignatureCertificate })
            .Join(db.Residents, x => x.ResidentId, r => r.Id, (x, r) => new { x.Id, x.PinRefusals, x.SignatureCertificate, r.FamilyName, r.GivenName })
            .OrderBy(x => x.Id).FirstOrDefaultAsync(ct);
        if (waiting is not null)
        {
            return new PadRequest(waiting.Id, waiting.FamilyName + "\u3000" + waiting.GivenName, waiting.SignatureCertificate, waiting.PinRefusals);
        }
        // 申請時来庁方式: an applicant choosing the PINs for the card that will be mailed.
        var applying = await db.PinRequests.AsNoTracking().Where(r => r.Desk == desk && r.EnteredAt == null)
            .Join(db.CardApplications, r => r.CardApplicationId, a => a.Id, (r, a) => new { r.Id, a.ResidentId, a.WantsSignatureCertificate })
            .Join(db.Residents, x => x.ResidentId, p => p.Id, (x, p) => new { x.Id, x.WantsSignatureCertificate, p.FamilyName, p.GivenName, p.BirthDate })
            .OrderByDescending(x => x.Id).FirstOrDefaultAsync(ct);
        return applying is null ? null : new PadRequest(0, applying.FamilyName + "\u3000" + applying.GivenName,
            applying.WantsSignatureCertificate && !ApplicationRules.IsUnder15(applying.BirthDate, Core.Calendar.JapanClock.Today(TimeProvider.System)), 0, applying.Id);
    }

    /// <summary>
    /// The PIN pad sends the resident's PINs (each typed twice). They go to the chip through the
    /// national side and are never stored or logged here; a refusal is explained to the resident
    /// and counted, the clerk sees only that the resident is choosing again. The three 4-digit PINs
    /// are one value unless the resident chose others for the input-assist and resident-register APs (§6.6).
    /// </summary>
    public Task<PinSetting> SubmitPinsAsync(MunicipalDb db, long issuanceId, string fourDigit, string fourDigitAgain, string? signature, string? signatureAgain,
        string actor, CancellationToken ct = default) =>
        SubmitPinsAsync(db, issuanceId, new PadPins(fourDigit, fourDigitAgain, signature, signatureAgain), actor, ct);

    public async Task<PinSetting> SubmitPinsAsync(MunicipalDb db, long issuanceId, PadPins typed, string actor, CancellationToken ct = default)
    {
        var issuance = await OpenAsync(db, issuanceId, ct);
        var state = await CaseAsync(db, issuanceId, ct);
        if (!state.AwaitingPins)
        {
            throw new CardSafeException(WindowMessages.NotAwaitingPins);
        }
        if (typed.Mismatched(state.Card.SignatureCertificate) is { } mismatched)
        {
            issuance.PinRefusals++;
            await db.SaveChangesAsync(ct);
            return new PinSetting(false, state.Card.SignatureCertificate, mismatched, PinPolicy.Mismatch);
        }
        var result = await cards.SetPinsAsync(municipality, state.Card.Serial, typed.FourDigitPins, state.Card.SignatureCertificate ? typed.Signature : null, actor, ct);
        if (result.Accepted)
        {
            issuance.PinsSetAt = time.GetUtcNow();
        }
        else
        {
            issuance.PinRefusals++;
        }
        await db.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>
    /// The hand-over itself: everything before it must be done; the card is issued, the
    /// application and the appointment close, and the hand-over's end is recorded.
    /// </summary>
    public async Task<WindowCase> CompleteAsync(MunicipalDb db, long issuanceId, bool alternativeCharactersConfirmed, bool jukiCardCollected,
        bool notificationCardCollected, string clerk, CancellationToken ct = default)
    {
        var state = await CaseAsync(db, issuanceId, ct);
        if (!state.ReadyToHandOver)
        {
            throw new CardSafeException(!state.Verified ? WindowMessages.NotVerified : !state.Checked ? WindowMessages.NotChecked : WindowMessages.PinsNotSet);
        }
        if ((state.NameAltFlags is { Length: > 0 } || state.AddressAltFlags is { Length: > 0 }) && !alternativeCharactersConfirmed)
        {
            throw new CardSafeException(WindowMessages.ConfirmAlternativeCharacters);
        }
        var now = time.GetUtcNow();
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var issuance = await db.WindowIssuances.FirstAsync(i => i.Id == issuanceId, ct);
        issuance.AlternativeCharactersConfirmed = alternativeCharactersConfirmed;
        issuance.JukiCardCollected = jukiCardCollected;
        issuance.NotificationCardCollected = notificationCardCollected;
        issuance.Outcome = IssuanceOutcome.Issued;
        issuance.EndedAt = now;
        var card = await db.Cards.FirstAsync(c => c.Id == issuance.CardId, ct);
        var notes = new List<Message>
        {
            issuance.ByProxy ? HistoryNotes.IssuedToProxy.With(issuance.VerificationMethod, issuance.ProxyName) : HistoryNotes.IssuedToHolder.With(issuance.VerificationMethod),
        };
        if (jukiCardCollected)
        {
            notes.Add(HistoryNotes.JukiCardCollected);
        }
        if (notificationCardCollected)
        {
            notes.Add(HistoryNotes.NotificationCardCollected);
        }
        var note = HistoryNotes.Joined(notes);
        var stored = StoredMessage.Write(note);
        db.CardEvents.Add(card.MoveTo(CardState.Issued, now, clerk, stored));
        var application = await db.CardApplications.FirstAsync(a => a.Id == card.CardApplicationId, ct);
        db.ApplicationEvents.Add(application.MoveTo(ApplicationStatus.CardIssued, now, clerk, stored));
        if (issuance.AppointmentId is { } appointmentId && await db.Appointments.FirstOrDefaultAsync(a => a.Id == appointmentId, ct) is { State: AppointmentState.Booked } a)
        {
            a.End(AppointmentState.Attended, now, null);
        }
        Lifecycle.CardLifecycleDesk.Hold(db, card, Core.Calendar.JapanClock.Today(time), now, clerk);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, clerk, AuditActions.CardIssued, "card:" + card.Serial,
            detail: string.Create(CultureInfo.InvariantCulture, $"issuance={issuance.Id} proxy={issuance.ByProxy} method={issuance.VerificationMethod}"), ct: ct);
        await tx.CommitAsync(ct);
        await lifecycle.AfterHandOverAsync(db, card.Serial, clerk, ct);
        return await CaseAsync(db, issuanceId, ct);
    }

    /// <summary>
    /// The bookings a stop would release: the card's active ones (DOMAIN §6.3), for the clerk's confirmation screen.
    /// </summary>
    public static Task<List<string>> BookingsToReleaseAsync(MunicipalDb db, long cardId, CancellationToken ct = default) =>
        db.Appointments.AsNoTracking().Where(a => a.CardId == cardId && a.State == AppointmentState.Booked).OrderBy(a => a.Id)
            .Select(a => a.Reference).ToListAsync(ct);

    /// <summary>
    /// Stops a hand-over for a reason of DOMAIN §6.4–§6.5 and an optional note (required for "other"), after the clerk has
    /// confirmed it. In one transaction: the hand-over ends as stopped, every active booking of the card is cancelled and
    /// its seat freed (the resident books again when they can come; the public booking page no longer shows it), and the
    /// stop is audited. The card stays in the safe. Refuses a missing reason with <see cref="Core.Text.Messages.MessageException"/>.
    /// </summary>
    public async Task<IssuanceStopped> StopAsync(MunicipalDb db, long issuanceId, IssuanceStopReason? reason, string? note, string clerk,
        CancellationToken ct = default)
    {
        WindowIssuance.CheckStop(reason, note);
        var now = time.GetUtcNow();
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var issuance = await OpenAsync(db, issuanceId, ct);
        issuance.Stop(reason!.Value, note, now);
        var released = await db.Appointments.AsNoTracking().Where(a => a.CardId == issuance.CardId && a.State == AppointmentState.Booked)
            .OrderBy(a => a.Id).Select(a => new { a.Id, a.Reference }).ToListAsync(ct);
        // The screen says which booking was released: a hand-over started without one takes the booking the stop released.
        issuance.AppointmentId ??= released.Count > 0 ? released[0].Id : null;
        await AppointmentBook.CancelForCardAsync(db, issuance.CardId, "交付中止（" + IssuanceStopMessages.For(reason.Value).Ja + "）", now, ct);
        await db.SaveChangesAsync(ct);
        var serial = await db.Cards.AsNoTracking().Where(c => c.Id == issuance.CardId).Select(c => c.Serial).FirstAsync(ct);
        await audit.AppendAsync(db, clerk, AuditActions.IssuanceStopped, "card:" + serial,
            detail: string.Create(CultureInfo.InvariantCulture, $"issuance={issuance.Id} reason={reason.Value} bookings-released={released.Count}"), ct: ct);
        await tx.CommitAsync(ct);
        return new IssuanceStopped(await CaseAsync(db, issuanceId, ct), [.. released.Select(b => b.Reference)]);
    }

    /// <summary>
    /// The hand-over as the clerk's screen shows it, with the address under the rule of DOMAIN §9. A withheld address is the
    /// placeholder until the holder's own identity is verified (a proxy is not the person, and may be the offender's agent);
    /// from then on the person themself is being served, so the address shows and each read is logged as served. The
    /// support-measure officer sees it as always.
    /// </summary>
    public async Task<WindowCase> ShowAsync(MunicipalDb db, long issuanceId, Residents.Reader reader, CancellationToken ct = default)
    {
        var shown = await CaseAsync(db, issuanceId, ct);
        var rule = new SupportMeasures.AddressRule(audit, time);
        if (!await rule.IsWithheldAsync(db, shown.Card.ResidentId, ct))
        {
            return shown;
        }
        if (shown.Verified && !shown.Issuance.ByProxy)
        {
            await rule.ServedAsync(db, reader.Actor, [shown.Card.ResidentId], "window (identity verified)", ct);
            return shown with { AddressWithheld = true };
        }
        var hidden = await rule.HiddenFromAsync(db, reader, [shown.Card.ResidentId], "window (identity not verified)", ct);
        return shown with { Address = hidden.Count > 0 ? Core.Residents.AddressProtection.Hidden : shown.Address, AddressWithheld = true };
    }

    public static async Task<WindowCase> CaseAsync(MunicipalDb db, long issuanceId, CancellationToken ct = default)
    {
        var issuance = await db.WindowIssuances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == issuanceId, ct)
            ?? throw new CardSafeException(WindowMessages.NoSuchHandOver);
        var card = await CardSafe.ViewAsync(db, issuance.CardId, ct);
        var resident = await db.Residents.AsNoTracking().FirstAsync(r => r.Id == card.ResidentId, ct);
        var appointment = issuance.AppointmentId is { } id ? await AppointmentBook.ViewAsync(db, id, ct) : null;
        return new WindowCase(issuance, card, appointment, resident.NameAltFlags, resident.AddressAltFlags, resident.Address);
    }

    private static async Task<WindowIssuance> OpenAsync(MunicipalDb db, long issuanceId, CancellationToken ct)
    {
        var issuance = await db.WindowIssuances.FirstOrDefaultAsync(i => i.Id == issuanceId, ct) ?? throw new CardSafeException(WindowMessages.NoSuchHandOver);
        return issuance.Outcome == IssuanceOutcome.InProgress ? issuance : throw new CardSafeException(WindowMessages.HandOverEnded);
    }
}
