using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Applications;
using Myna.Core.Audit;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Core.Issuance;
using Myna.Core.Production;
using Myna.Core.Residents;
using Myna.Core.Text;
using Myna.Core.Text.Messages;
using Myna.Storage;
using Myna.Storage.Audit;

namespace Myna.Municipal.Issuance;

/// <summary>A card operation that cannot be done, with the reason.</summary>
public sealed class CardSafeException(string message) : InvalidOperationException(message), Core.Text.Messages.IMessageCarrier
{
    /// <summary>A refusal from the message catalogue, shown in the reader's language (ARCHITECTURE 6).</summary>
    public CardSafeException(Core.Text.Messages.Message text) : this(text.En) => Text = text;

    /// <summary>The catalogue message, when the refusal has one; pages show it in the reader's language.</summary>
    public Core.Text.Messages.Message? Text { get; }
}

/// <summary>The result of importing a delivery list.</summary>
public sealed record DeliveryImport(string ListId, int Cards, bool AlreadyImported);

/// <summary>A card as the clerk sees it on scanning: who it is for and where it stands.</summary>
public sealed record CardView(long Id, string Serial, string ApplicationId, long ResidentId, string FullName, string FullNameKana, DateOnly BirthDate,
    CardState State, string DeliveryListId, int Line, DateOnly Expiry, bool SignatureCertificate, bool UserCertificate, CardProblem? Problem,
    string? ProblemNote, DateTimeOffset UpdatedAt);

/// <summary>How far a delivery list is reconciled: every line, and the count by state.</summary>
public sealed record ListReconciliation(string ListId, int Cards, IReadOnlyDictionary<CardState, int> ByState, IReadOnlyList<CardView> NotYetScanned);

/// <summary>One difference between the register and the card found at pre-issuance setup.</summary>
public sealed record SetupDifference(string Field, string Register, string Card);

public sealed record SetupOutcome(CardView Card, IReadOnlyList<SetupDifference> Differences, CertificateSetup? Certificates);

/// <summary>
/// The municipality's side of delivery (DOMAIN §5, §6.1): delivery lists are imported whole or not
/// at all; each card is scanned in and so reconciled one to one with its list line and its
/// application; damaged, misprinted or mismatching cards go back for remaking; pre-issuance setup
/// compares the register with the card and applies the certificate wishes. The safe's inventory
/// (cards by state) is a query, never a counter.
/// </summary>
public sealed class CardSafe(MunicipalityCode municipality, Storage.Outbox.OutboxDispatcher outbox, ICardService cards, AuditLog audit, TimeProvider time, byte[] pinSealKey,
    Lifecycle.CardLifecycleDesk lifecycle)
{
    public async Task<DeliveryImport> ImportListAsync(MunicipalDb db, string content, string actor, CancellationToken ct = default)
    {
        DeliveryList list;
        try
        {
            list = DeliveryList.Parse(content);
        }
        catch (CsvFormatException e)
        {
            throw new CardSafeException(CardSafeMessages.ListUnreadable.With(e.Line, e.Reason));
        }
        if (list.MunicipalityCode != municipality.Value)
        {
            throw new CardSafeException(CardSafeMessages.ListOtherMunicipality.With(list.Id, list.MunicipalityCode, municipality.Value));
        }
        if (await db.DeliveryLists.AsNoTracking().FirstOrDefaultAsync(l => l.Id == list.Id, ct) is { } existing)
        {
            return existing.Content == content || DeliveryList.Parse(existing.Content).Entries.SequenceEqual(list.Entries)
                ? new DeliveryImport(list.Id, existing.CardCount, AlreadyImported: true)
                : throw new CardSafeException(CardSafeMessages.ListDiffers.With(list.Id));
        }
        var ids = list.Entries.Select(e => e.ApplicationId).ToList();
        var applications = await db.CardApplications.AsNoTracking().Where(a => ids.Contains(a.ApplicationId))
            .Join(db.Residents, a => a.ResidentId, r => r.Id, (a, r) => new { a.Id, a.ApplicationId, a.Status, a.ResidentId, r.BirthDate })
            .ToDictionaryAsync(a => a.ApplicationId, ct);
        var serials = list.Entries.Select(e => e.Serial).ToList();
        var known = await db.Cards.AsNoTracking().Where(c => serials.Contains(c.Serial)).Select(c => c.Serial).ToListAsync(ct);
        var open = await db.Cards.AsNoTracking().Where(c => c.State != CardState.ReturnedForRemake && c.State != CardState.Destroyed)
            .Where(c => applications.Values.Select(a => a.Id).Contains(c.CardApplicationId)).Select(c => c.CardApplicationId).ToListAsync(ct);
        var problems = new List<Core.Text.Messages.Message>();
        foreach (var e in list.Entries)
        {
            if (!applications.TryGetValue(e.ApplicationId, out var a))
            {
                problems.Add(CardSafeMessages.LineNotOurs.With(e.Line, e.Serial, e.ApplicationId));
            }
            else if (a.Status is not (ApplicationStatus.QueuedForProduction or ApplicationStatus.CardDelivered) || open.Contains(a.Id))
            {
                problems.Add(CardSafeMessages.LineNotWaiting.With(e.Line, e.Serial, e.ApplicationId));
            }
            else if (a.BirthDate != e.BirthDate)
            {
                problems.Add(CardSafeMessages.LineBirthDate.With(e.Line, e.Serial));
            }
            if (known.Contains(e.Serial))
            {
                problems.Add(CardSafeMessages.LineKnownCard.With(e.Line, e.Serial));
            }
        }
        if (problems.Count > 0)
        {
            throw new CardSafeException(CardSafeMessages.ListRefused.With(list.Id, problems));
        }
        var now = time.GetUtcNow();
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        db.DeliveryLists.Add(new ImportedDeliveryList { Id = list.Id, CardCount = list.Entries.Count, Content = content, ImportedAt = now, ImportedBy = actor });
        await db.SaveChangesAsync(ct); // the list before its cards (they refer to it)
        var added = list.Entries.Select(e => new MunicipalCard
        {
            Serial = e.Serial, CardApplicationId = applications[e.ApplicationId].Id, ResidentId = applications[e.ApplicationId].ResidentId,
            DeliveryListId = list.Id, Line = e.Line, Expiry = e.Expiry, Braille = e.Braille,
            SignatureCertificate = e.SignatureCertificate, UserCertificate = e.UserCertificate, UpdatedAt = now,
        }).ToList();
        db.Cards.AddRange(added);
        await db.SaveChangesAsync(ct);
        db.CardEvents.AddRange(added.Select(c => c.Recorded(now, actor, list.Id)));
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, AuditActions.DeliveryListImported, "delivery-list:" + list.Id,
            detail: string.Create(CultureInfo.InvariantCulture, $"cards={added.Count}"), ct: ct);
        await tx.CommitAsync(ct);
        return new DeliveryImport(list.Id, added.Count, AlreadyImported: false);
    }

    /// <summary>
    /// A card is scanned in (its serial): it must be on an imported list and not yet received; it goes
    /// into the safe and its application shows the card as delivered. Scanning it again only reports.
    /// </summary>
    public async Task<(CardView Card, bool AlreadyReceived)> ReceiveAsync(MunicipalDb db, string scanned, string actor, CancellationToken ct = default)
    {
        var card = await FindAsync(db, scanned, ct);
        if (card.State != CardState.Listed)
        {
            return (await ViewAsync(db, card.Id, ct), true);
        }
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        card.ReceivedAt = time.GetUtcNow();
        Move(db, card, CardState.InSafe, actor, HistoryNotes.Received.With(card.DeliveryListId));
        var application = await db.CardApplications.FirstAsync(a => a.Id == card.CardApplicationId, ct);
        db.ApplicationEvents.Add(application.MoveTo(ApplicationStatus.CardDelivered, card.UpdatedAt, actor,
            StoredMessage.Write(HistoryNotes.CardScanned.With(card.Serial))));
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, AuditActions.CardReceived, "card:" + card.Serial, ct: ct);
        await tx.CommitAsync(ct);
        return (await ViewAsync(db, card.Id, ct), false);
    }

    /// <summary>
    /// A card goes back for remaking (§5, no fee): the national side voids it and makes the
    /// application again; here the card is kept as returned with the problem, and the application
    /// waits for its new card. The national side is asked first, so a refusal leaves nothing changed.
    /// </summary>
    public async Task<CardView> ReturnForRemakeAsync(MunicipalDb db, string scanned, CardProblem problem, string? note, string actor,
        CancellationToken ct = default)
    {
        var card = await FindAsync(db, scanned, ct);
        // A misprint may also be found at the window (§6.4), after the notice went out: the card goes back all the same,
        // unless a hand-over is open on it (that is ended first).
        if (card.State is not (CardState.Listed or CardState.InSafe or CardState.Ready or CardState.NoticeSent))
        {
            throw new CardSafeException(CardSafeMessages.CannotGoBack.With(card.Serial, CardSafeMessages.State(card.State)));
        }
        if (await db.WindowIssuances.AnyAsync(i => i.CardId == card.Id && i.EndedAt == null, ct))
        {
            throw new CardSafeException(CardSafeMessages.HandOverOpen.With(card.Serial));
        }
        if (problem == CardProblem.Mismatch && string.IsNullOrWhiteSpace(note))
        {
            throw new CardSafeException(CardSafeMessages.SayWhatDiffers);
        }
        var reason = problem + (string.IsNullOrWhiteSpace(note) ? "" : ": " + note.Trim());
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        card.Problem = problem;
        card.ProblemNote = note?.Trim();
        var returned = string.IsNullOrWhiteSpace(note) ? (Message)CardProblems.Of(problem) : HistoryNotes.CardProblemNoted.With(CardProblems.Of(problem), note.Trim());
        Move(db, card, CardState.ReturnedForRemake, actor, returned);
        await Appointments.AppointmentBook.CancelForCardAsync(db, card.Id, "カード再作成のため取消し（新しいカードの交付通知書で再予約）", card.UpdatedAt, ct);
        var application = await db.CardApplications.FirstAsync(a => a.Id == card.CardApplicationId, ct);
        db.ApplicationEvents.Add(application.MoveTo(ApplicationStatus.QueuedForProduction, card.UpdatedAt, actor,
            StoredMessage.Write(HistoryNotes.ReturnedForRemake.With(card.Serial, returned))));
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, AuditActions.CardReturned, "card:" + card.Serial, detail: reason, ct: ct);
        await Storage.Outbox.Outbox.RecordAsync(db, RemakeMessages.Kind, Storage.Outbox.Outbox.National, new RemakeRequest(card.Serial, reason, actor), time, ct);
        await tx.CommitAsync(ct);
        await outbox.AfterCommitAsync(ct);
        return await ViewAsync(db, card.Id, ct);
    }

    /// <summary>
    /// Pre-issuance setup (§6.1): the register's four information is compared with the card's
    /// face and chip; when they match, the certificate wishes are applied (a declined signature
    /// certificate destroyed, a declined user certificate revoked) and the card is ready. A
    /// difference changes nothing and is returned, so the clerk can send the card back.
    /// <paramref name="signature"/> and <paramref name="user"/> override the application's wishes
    /// when the resident changed their mind.
    /// </summary>
    public async Task<SetupOutcome> SetUpAsync(MunicipalDb db, string scanned, string actor, bool? signature = null, bool? user = null,
        CancellationToken ct = default)
    {
        var card = await FindAsync(db, scanned, ct);
        if (card.State != CardState.InSafe)
        {
            throw new CardSafeException(card.State == CardState.Listed
                ? CardSafeMessages.NotReceived.With(card.Serial)
                : CardSafeMessages.NotInSafe.With(card.Serial, CardSafeMessages.State(card.State)));
        }
        var resident = await db.Residents.AsNoTracking().FirstAsync(r => r.Id == card.ResidentId, ct);
        var face = await cards.ReadFaceAsync(municipality, card.Serial, ct);
        var differences = new List<SetupDifference>();
        void Compare(string field, string register, string onCard)
        {
            var same = field == "address" ? RegisterAddress.SameAs(register, onCard) : string.Equals(register, onCard, StringComparison.Ordinal);
            if (!same)
            {
                differences.Add(new SetupDifference(field, register, onCard));
            }
        }
        Compare("name", resident.FullName, face.Name);
        Compare("address", resident.Address, face.Address);
        Compare("birth date", resident.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), face.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Compare("sex", ((int)resident.Sex).ToString(CultureInfo.InvariantCulture), face.Sex.ToString(CultureInfo.InvariantCulture));
        if (differences.Count > 0)
        {
            return new SetupOutcome(await ViewAsync(db, card.Id, ct), differences, null);
        }
        var application = await db.CardApplications.AsNoTracking().FirstAsync(a => a.Id == card.CardApplicationId, ct);
        var applied = await cards.ApplyCertificateWishesAsync(municipality, card.Serial, signature ?? application.WantsSignatureCertificate,
            user ?? application.WantsUserCertificate, actor, ct);
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        card.SignatureCertificate = applied.SignatureKept;
        card.UserCertificate = applied.UserKept;
        card.SetUpAt = time.GetUtcNow();
        Message note = HistoryNotes.SetUp.With(
            applied.SignatureKept ? HistoryNotes.CertificateKept : applied.DestroyedSignatureSerial is null ? HistoryNotes.CertificateNone : HistoryNotes.CertificateDestroyed,
            applied.UserKept ? HistoryNotes.CertificateKept : applied.RevokedUserSerial is null ? HistoryNotes.CertificateNone : HistoryNotes.CertificateRevoked);
        if (application.MailCard)
        {
            note = HistoryNotes.Joined([note, await ApplyApplicationPinsAsync(db, card, application.Id, actor, ct)]);
        }
        Move(db, card, CardState.Ready, actor, note);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, AuditActions.CardSetUp, "card:" + card.Serial, detail: note.En, ct: ct);
        await tx.CommitAsync(ct);
        return new SetupOutcome(await ViewAsync(db, card.Id, ct), [], applied);
    }

    /// <summary>
    /// 申請時来庁方式: the PINs chosen at application go to the chip now that it is set up, and the
    /// sealed copy is erased whatever the chip says. PINs the chip refuses (the card's security code)
    /// send the card the ordinary way: notice and window.
    /// </summary>
    private async Task<MessageText> ApplyApplicationPinsAsync(MunicipalDb db, MunicipalCard card, long applicationRowId, string actor, CancellationToken ct)
    {
        var request = await db.PinRequests.Where(r => r.CardApplicationId == applicationRowId && r.Sealed != null).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        var application = await db.CardApplications.FirstAsync(a => a.Id == applicationRowId, ct);
        if (request is null)
        {
            application.MailCard = false;
            await db.SaveChangesAsync(ct);
            return HistoryNotes.NoPinRequest;
        }
        var (four, signature) = PinSeal.Open(pinSealKey, applicationRowId, request.Sealed!);
        var set = await cards.SetPinsAsync(municipality, card.Serial, FourDigitPins.Same(four), signature, actor, ct);
        request.Sealed = null;
        request.AppliedAt = time.GetUtcNow();
        request.Outcome = set.Accepted ? "set" : $"refused: {set.Refused} {set.Reason?.English}";
        if (!set.Accepted)
        {
            application.MailCard = false;
        }
        await db.SaveChangesAsync(ct);
        return set.Accepted ? HistoryNotes.ApplicationPinsSet : HistoryNotes.ApplicationPinsRefused;
    }

    /// <summary>申請時来庁方式: a set-up card goes out by restricted-delivery mail with its registered-mail number.</summary>
    public async Task<CardView> MailAsync(MunicipalDb db, string scanned, string? mailNumber, string actor, CancellationToken ct = default)
    {
        var card = await FindAsync(db, scanned, ct);
        var application = await db.CardApplications.FirstAsync(a => a.Id == card.CardApplicationId, ct);
        if (card.State != CardState.Ready || !application.MailCard)
        {
            throw new CardSafeException(CardSafeMessages.NotToMail.With(card.Serial, CardSafeMessages.State(card.State)));
        }
        var number = new string((mailNumber ?? "").Where(char.IsAsciiDigit).ToArray());
        if (number.Length is < 11 or > 13)
        {
            throw new CardSafeException(CardSafeMessages.MailNumber);
        }
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        card.MailNumber = number;
        Move(db, card, CardState.Mailed, actor, HistoryNotes.Mailed.With(number));
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, AuditActions.CardMailed, "card:" + card.Serial, detail: "restricted delivery " + number, ct: ct);
        await tx.CommitAsync(ct);
        return await ViewAsync(db, card.Id, ct);
    }

    /// <summary>The post office reports the restricted-delivery mail: delivered (the card is issued) or returned (it goes by notice and window).</summary>
    public async Task<CardView> MailOutcomeAsync(MunicipalDb db, string scanned, bool delivered, string actor, CancellationToken ct = default)
    {
        var card = await db.Cards.FirstOrDefaultAsync(c => c.MailNumber == new string((scanned ?? "").Where(char.IsAsciiDigit).ToArray()), ct)
            ?? await FindAsync(db, scanned ?? "", ct);
        if (card.State != CardState.Mailed)
        {
            throw new CardSafeException(CardSafeMessages.NotInMail.With(card.Serial, CardSafeMessages.State(card.State)));
        }
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var application = await db.CardApplications.FirstAsync(a => a.Id == card.CardApplicationId, ct);
        if (delivered)
        {
            Move(db, card, CardState.Issued, actor, HistoryNotes.DeliveredByMail);
            db.ApplicationEvents.Add(application.MoveTo(ApplicationStatus.CardIssued, card.UpdatedAt, actor,
                StoredMessage.Write(HistoryNotes.HandedOverByMail.With(card.MailNumber))));
            await audit.AppendAsync(db, actor, AuditActions.CardIssued, "card:" + card.Serial, detail: "restricted delivery " + card.MailNumber, ct: ct);
            Lifecycle.CardLifecycleDesk.Hold(db, card, Core.Calendar.JapanClock.Today(time), card.UpdatedAt, actor);
        }
        else
        {
            application.MailCard = false; // the notice and the window take over
            Move(db, card, CardState.Ready, actor, HistoryNotes.MailReturned);
        }
        application.UpdatedAt = card.UpdatedAt;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (delivered)
        {
            await lifecycle.AfterHandOverAsync(db, card.Serial, actor, ct);
        }
        return await ViewAsync(db, card.Id, ct);
    }

    /// <summary>The safe's inventory: every card by state (a query, so it is always right).</summary>
    public static async Task<IReadOnlyDictionary<CardState, int>> InventoryAsync(MunicipalDb db, CancellationToken ct = default)
    {
        var counts = await db.Cards.AsNoTracking().GroupBy(c => c.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return Enum.GetValues<CardState>().ToDictionary(s => s, s => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0);
    }

    public static async Task<ListReconciliation> ReconcileAsync(MunicipalDb db, string listId, CancellationToken ct = default)
    {
        var list = await db.DeliveryLists.AsNoTracking().FirstOrDefaultAsync(l => l.Id == listId, ct)
            ?? throw new CardSafeException(CardSafeMessages.NoList.With(listId));
        var views = (await Views(db, c => c.DeliveryListId == listId).ToListAsync(ct)).OrderBy(v => v.Line).ToList();
        return new ListReconciliation(list.Id, list.CardCount, views.GroupBy(v => v.State).ToDictionary(g => g.Key, g => g.Count()),
            views.Where(v => v.State == CardState.Listed).ToList());
    }

    /// <summary>Cards with their application and holder; <paramref name="which"/> filters the cards first (a filter on the view cannot be translated).</summary>
    public static IQueryable<CardView> Views(MunicipalDb db, System.Linq.Expressions.Expression<Func<MunicipalCard, bool>> which) =>
        db.Cards.AsNoTracking().Where(which)
            .Join(db.CardApplications, c => c.CardApplicationId, a => a.Id, (c, a) => new { c, a.ApplicationId })
            .Join(db.Residents, x => x.c.ResidentId, r => r.Id, (x, r) => new CardView(x.c.Id, x.c.Serial, x.ApplicationId, r.Id,
                r.FamilyName + "\u3000" + r.GivenName, r.FamilyNameKana + "\u3000" + r.GivenNameKana, r.BirthDate, x.c.State, x.c.DeliveryListId,
                x.c.Line, x.c.Expiry, x.c.SignatureCertificate, x.c.UserCertificate, x.c.Problem, x.c.ProblemNote, x.c.UpdatedAt));

    public static Task<CardView> ViewAsync(MunicipalDb db, long id, CancellationToken ct = default) => Views(db, c => c.Id == id).FirstAsync(ct);

    /// <summary>Japanese label of a state, as the staff pages show it.</summary>
    public static string Describe(CardState state) => state switch
    {
        CardState.Listed => "未着（一覧表のみ）",
        CardState.InSafe => "保管中（交付前設定待ち）",
        CardState.Ready => "交付前設定済",
        CardState.NoticeSent => "交付通知書送付済",
        CardState.Issued => "交付済",
        CardState.ReturnedForRemake => "再作製依頼",
        CardState.Mailed => "本人限定受取郵便で送付中",
        _ => "廃棄",
    };

    /// <summary>A scanned value: the card serial as printed (spaces and hyphens ignored, any case).</summary>
    public static string NormalizeSerial(string scanned) =>
        new string(scanned.Where(ch => !char.IsWhiteSpace(ch) && ch != '-').ToArray()).ToUpperInvariant();

    private static async Task<MunicipalCard> FindAsync(MunicipalDb db, string scanned, CancellationToken ct)
    {
        var serial = NormalizeSerial(scanned ?? "");
        if (serial.Length != 16 || !serial.All(Uri.IsHexDigit))
        {
            throw new CardSafeException(CardSafeMessages.SerialFormat);
        }
        return await db.Cards.FirstOrDefaultAsync(c => c.Serial == serial, ct)
            ?? throw new CardSafeException(CardSafeMessages.SerialUnknown.With(serial));
    }

    private void Move(MunicipalDb db, MunicipalCard card, CardState to, string actor, Message note)
    {
        db.CardEvents.Add(card.MoveTo(to, time.GetUtcNow(), actor, StoredMessage.Write(note)));
    }
}
