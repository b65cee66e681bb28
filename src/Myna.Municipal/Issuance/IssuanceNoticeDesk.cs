using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Applications;
using Myna.Core.Audit;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Core.Issuance;
using Myna.Core.Notices;
using Myna.Core.Text.Messages;
using Myna.Municipal.Notices;
using Myna.Municipal.SupportMeasures;
using Myna.Storage;
using Myna.Storage.Audit;

namespace Myna.Municipal.Issuance;

/// <summary>What one issuance notice or reminder prints (the PDF is drawn by Myna.Documents).</summary>
public sealed record IssuanceLetter(long NoticeId, long CardId, string Number, string FullName, string? PostalCode, string Address, DateOnly SentOn,
    DateOnly Deadline, bool Reminder, bool SignatureCertificate);

/// <summary>The configured rhythm of notices (DOMAIN §6.2).</summary>
public sealed record NoticePolicy(int WaveSize, int DeadlineMonths, int DestroyAfterMonths);

/// <summary>
/// Issuance notices (DOMAIN §6.2): sent in waves of a configured size per day, oldest ready cards
/// first, so window demand stays within capacity; one reminder after the deadline; a card still
/// uncollected the configured months after its deadline is destroyed and its certificates revoked,
/// and its application ends so the resident can apply again free of charge. Each step is safe to
/// run again: a day's wave is topped up to its size, never sent twice.
/// </summary>
public sealed class IssuanceNoticeDesk(MunicipalityCode municipality, ICardService cards, AuditLog audit, TimeProvider time, NoticePolicy policy,
    AddressRule rule, string officeAddress)
{
    public async Task<IReadOnlyList<IssuanceLetter>> SendWaveAsync(MunicipalDb db, DateOnly day, string actor, int? size = null, CancellationToken ct = default)
    {
        var wave = size ?? policy.WaveSize;
        if (wave < 1)
        {
            throw new CardSafeException(WindowMessages.WaveSize);
        }
        var sentToday = await db.IssuanceNotices.CountAsync(n => n.SentOn == day, ct);
        var room = wave - sentToday;
        if (room <= 0)
        {
            return [];
        }
        // Longest waiting first (ordered here: SQLite cannot order by a DateTimeOffset).
        // Cards going by restricted-delivery mail (申請時来庁方式) get no notice.
        var waiting = await db.Cards.AsNoTracking().Where(c => c.State == CardState.Ready)
            .Join(db.CardApplications.Where(a => !a.MailCard), c => c.CardApplicationId, a => a.Id, (c, a) => new { c.Id, c.SetUpAt }).ToListAsync(ct);
        var first = waiting.OrderBy(c => c.SetUpAt).ThenBy(c => c.Id).Take(room).Select(c => c.Id).ToList();
        var ready = (await db.Cards.Where(c => first.Contains(c.Id)).ToListAsync(ct)).OrderBy(c => first.IndexOf(c.Id)).ToList();
        if (ready.Count == 0)
        {
            return [];
        }
        var now = time.GetUtcNow();
        var notices = new List<IssuanceNotice>();
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        foreach (var card in ready)
        {
            var notice = new IssuanceNotice
            {
                CardId = card.Id, Number = NoticeNumber.New(), SentOn = day, Deadline = day.AddMonths(policy.DeadlineMonths), CreatedAt = now, CreatedBy = actor,
            };
            notices.Add(notice);
            db.IssuanceNotices.Add(notice);
            db.CardEvents.Add(card.MoveTo(CardState.NoticeSent, now, actor,
                StoredMessage.Write(HistoryNotes.NoticeSent.With(notice.Number, Core.Lifecycle.LifecycleMessages.Day(notice.Deadline)))));
        }
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, AuditActions.IssuanceNoticesSent, "issuance-notices:" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            detail: string.Create(CultureInfo.InvariantCulture, $"notices={notices.Count}"), ct: ct);
        await tx.CommitAsync(ct);
        return await LettersAsync(db, notices.Select(n => n.Id).ToList(), reminder: false, actor, ct);
    }

    /// <summary>One reminder per notice whose deadline passed with the card still waiting.</summary>
    public async Task<IReadOnlyList<IssuanceLetter>> SendRemindersAsync(MunicipalDb db, DateOnly today, string actor, CancellationToken ct = default)
    {
        var due = await db.IssuanceNotices.Where(n => n.Deadline < today && n.ReminderSentOn == null)
            .Join(db.Cards.Where(c => c.State == CardState.NoticeSent), n => n.CardId, c => c.Id, (n, c) => n).ToListAsync(ct);
        if (due.Count == 0)
        {
            return [];
        }
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        foreach (var n in due)
        {
            n.ReminderSentOn = today;
        }
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, AuditActions.IssuanceRemindersSent, "issuance-reminders:" + today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            detail: string.Create(CultureInfo.InvariantCulture, $"reminders={due.Count}"), ct: ct);
        await tx.CommitAsync(ct);
        return await LettersAsync(db, due.Select(n => n.Id).ToList(), reminder: true, actor, ct);
    }

    /// <summary>
    /// Destroys the cards still uncollected <see cref="NoticePolicy.DestroyAfterMonths"/> after their
    /// deadline: the national side voids each (certificates revoked) before it is marked here, so an
    /// interruption leaves a card that the next run destroys again harmlessly. Returns the serials destroyed.
    /// </summary>
    public async Task<IReadOnlyList<string>> DestroyUncollectedAsync(MunicipalDb db, DateOnly today, string actor, CancellationToken ct = default)
    {
        var notices = await db.IssuanceNotices.AsNoTracking()
            .Join(db.Cards.Where(c => c.State == CardState.NoticeSent), n => n.CardId, c => c.Id, (n, c) => new { n.Deadline, c.Id, c.Serial })
            .ToListAsync(ct);
        var due = notices.Where(n => n.Deadline.AddMonths(policy.DestroyAfterMonths) < today).ToList();
        var destroyed = new List<string>();
        foreach (var d in due)
        {
            await cards.DestroyAsync(municipality, d.Serial, "uncollected after the issuance deadline", actor, ct);
            await using var tx = await Sql.BeginWriteAsync(db, ct);
            var card = await db.Cards.FirstAsync(c => c.Id == d.Id, ct);
            db.CardEvents.Add(card.MoveTo(CardState.Destroyed, time.GetUtcNow(), actor,
                StoredMessage.Write(HistoryNotes.NoticeDestroyed.With(Core.Lifecycle.LifecycleMessages.Day(d.Deadline), policy.DestroyAfterMonths))));
            await Appointments.AppointmentBook.CancelForCardAsync(db, card.Id, "カード廃棄のため取消し", card.UpdatedAt, ct);
            var application = await db.CardApplications.FirstAsync(a => a.Id == card.CardApplicationId, ct);
            application.EndReason = StoredMessage.Write(HistoryNotes.DestroyedUncollected);
            db.ApplicationEvents.Add(application.MoveTo(ApplicationStatus.Cancelled, card.UpdatedAt, actor, application.EndReason));
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(db, actor, AuditActions.CardDestroyed, "card:" + card.Serial, detail: "uncollected", ct: ct);
            await tx.CommitAsync(ct);
            destroyed.Add(card.Serial);
        }
        return destroyed;
    }

    /// <summary>
    /// The letters of notices already sent (to print a wave again, or one notice), addressed through the letter rule
    /// (§9): never to an offender's address or one a protected person left — such a letter is held at the office and
    /// carries the office's address; a withheld address printed on the person's own letter is logged as served.
    /// </summary>
    public async Task<IReadOnlyList<IssuanceLetter>> LettersAsync(MunicipalDb db, IReadOnlyList<long> noticeIds, bool reminder, string actor,
        CancellationToken ct = default)
    {
        var rows = await db.IssuanceNotices.AsNoTracking().Where(n => noticeIds.Contains(n.Id))
            .Join(db.Cards, n => n.CardId, c => c.Id, (n, c) => new { n, c })
            .Join(db.Residents, x => x.c.ResidentId, r => r.Id, (x, r) => new { x.n, x.c.SignatureCertificate, r })
            .ToListAsync(ct);
        var check = await LetterAddresses.CheckAsync(db, rule, rows.Select(x => x.r.Id), officeAddress, ct);
        var letters = rows.OrderBy(x => x.n.Id).Select(x => (x.r.Id, To: check.Destination(x.r.Id,
                new LetterDestination(DeliveryKind.RegisteredAddress, x.r.PostalCode, x.r.Address)), x))
            .Select(l => (l.Id, l.To.Kind, Letter: new IssuanceLetter(l.x.n.Id, l.x.n.CardId, l.x.n.Number, l.x.r.FullName, l.To.PostalCode, l.To.Address,
                l.x.n.SentOn, l.x.n.Deadline, reminder, l.x.SignatureCertificate))).ToList();
        await rule.ServedAsync(db, actor, letters.Where(l => l.Kind != DeliveryKind.HeldAtOffice && check.Withheld.Contains(l.Id)).Select(l => l.Id),
            reminder ? "issuance reminder letters" : "issuance notice letters", ct);
        return letters.Select(l => l.Letter).ToList();
    }
}
