using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Lifecycle;
using Myna.Core.Notices;
using Myna.Core.Residents;
using Myna.Municipal.Notices;
using Myna.Municipal.SupportMeasures;
using Myna.Storage;
using Myna.Storage.Audit;

namespace Myna.Municipal.Lifecycle;

/// <summary>One expiry notice as printed (有効期限通知書): to whom, what expires when, and from when to renew.</summary>
public sealed record ExpiryNoticeLetter(long Id, string FullName, string? PostalCode, string Address, bool HeldAtOffice, ExpirySubject Subject, DateOnly Expiry,
    DateOnly RenewalFrom, string Serial)
{
    public long ResidentId { get; init; }
}

/// <summary>
/// The monthly expiry-notice batch (DOMAIN §8.2): a notice for every valid card expiring within the
/// next 3 months, and for its certificates when they expire before the card. One notice per card,
/// subject and expiry date: running the batch again (or twice a month) adds nothing. The selection
/// and the insert are one statement, so a million cards never pass through memory.
/// </summary>
public sealed class ExpiryNoticeBatch(AuditLog audit, TimeProvider time, AddressRule rule, string officeAddress)
{
    public static string Month(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public async Task<int> RunAsync(MunicipalDb db, DateOnly day, string actor, CancellationToken ct = default)
    {
        var until = day.AddMonths(LifecycleRules.RenewalMonths);
        var month = Month(day);
        var now = time.GetUtcNow();
        int cards, certificates;
        await using (var tx = await Sql.BeginWriteAsync(db, ct))
        {
            cards = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO expiry_notices (held_card_id, resident_id, subject, expiry, batch_month, created_at, created_by)
                SELECT h.id, h.resident_id, {(int)ExpirySubject.Card}, h.expiry, {month}, {now}, {actor}
                FROM held_cards h JOIN residents r ON r.id = h.resident_id
                WHERE h.state = {(int)HeldCardState.Valid} AND r.status = {(int)ResidentStatus.Active} AND h.expiry >= {day} AND h.expiry <= {until}
                  AND NOT EXISTS (SELECT 1 FROM expiry_notices n WHERE n.held_card_id = h.id AND n.subject = {(int)ExpirySubject.Card} AND n.expiry = h.expiry)
                """, ct);
            // Certificates that expire with the card are announced by the card's notice.
            certificates = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO expiry_notices (held_card_id, resident_id, subject, expiry, batch_month, created_at, created_by)
                SELECT h.id, h.resident_id, {(int)ExpirySubject.Certificates}, h.certificates_expiry, {month}, {now}, {actor}
                FROM held_cards h JOIN residents r ON r.id = h.resident_id
                WHERE h.state = {(int)HeldCardState.Valid} AND r.status = {(int)ResidentStatus.Active} AND h.certificates_expiry IS NOT NULL
                  AND h.certificates_expiry < h.expiry AND h.certificates_expiry >= {day} AND h.certificates_expiry <= {until}
                  AND NOT EXISTS (SELECT 1 FROM expiry_notices n WHERE n.held_card_id = h.id AND n.subject = {(int)ExpirySubject.Certificates} AND n.expiry = h.certificates_expiry)
                """, ct);
            await audit.AppendAsync(db, actor, AuditActions.ExpiryNoticesSent, "expiry-notices:" + month,
                detail: string.Create(CultureInfo.InvariantCulture, $"cards={cards} certificates={certificates} day={day:yyyy-MM-dd}"), ct: ct);
            await tx.CommitAsync(ct);
        }
        return cards + certificates;
    }

    /// <summary>
    /// The letters of a batch month, in postal-code order for the print shop. Each goes to the register's address through
    /// the letter rule (§9): a letter about a protected person never goes to an offender's address or one the person left
    /// — it is held at the office, without an address — and a withheld address printed on the person's own letter is
    /// logged for the officer as served.
    /// </summary>
    public async Task<List<ExpiryNoticeLetter>> LettersAsync(MunicipalDb db, string month, string actor, CancellationToken ct = default)
    {
        var rows = await db.ExpiryNotices.AsNoTracking().Where(n => n.BatchMonth == month)
            .Join(db.HeldCards.AsNoTracking(), n => n.HeldCardId, h => h.Id, (n, h) => new { n, h.Serial })
            .Join(db.Residents.AsNoTracking(), x => x.n.ResidentId, r => r.Id, (x, r) => new { x.n, x.Serial, r })
            .ToListAsync(ct);
        var check = await LetterAddresses.CheckAsync(db, rule, rows.Select(x => x.r.Id), officeAddress, ct);
        var letters = rows.Select(x =>
        {
            var to = check.Destination(x.r.Id, new LetterDestination(DeliveryKind.RegisteredAddress, x.r.PostalCode, x.r.Address));
            var held = to.Kind == DeliveryKind.HeldAtOffice;
            return new ExpiryNoticeLetter(x.n.Id, x.r.FullName, held ? null : to.PostalCode, held ? "" : to.Address, held, x.n.Subject, x.n.Expiry,
                LifecycleRules.RenewalOpens(x.n.Expiry), x.Serial) { ResidentId = x.r.Id };
        }).OrderBy(l => l.PostalCode ?? "~", StringComparer.Ordinal).ThenBy(l => l.Id).ToList();
        await rule.ServedAsync(db, actor, letters.Where(l => !l.HeldAtOffice && check.Withheld.Contains(l.ResidentId)).Select(l => l.ResidentId),
            "expiry notice letters " + month, ct);
        return letters;
    }

    /// <summary>
    /// Print data (UTF-8 CSV with a header): one line per letter. A protected address (§9) is never
    /// printed: the letter is held at the office.
    /// </summary>
    public static string PrintCsv(IEnumerable<ExpiryNoticeLetter> letters)
    {
        var csv = new StringBuilder("notice_id,postal_code,address,name,subject,expiry,renewal_from,held_at_office\n");
        foreach (var l in letters)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{l.Id},{l.PostalCode},{Quote(l.Address)},{Quote(l.FullName)},{(l.Subject == ExpirySubject.Card ? "card" : "certificates")},")
               .Append(CultureInfo.InvariantCulture, $"{l.Expiry:yyyy-MM-dd},{l.RenewalFrom:yyyy-MM-dd},{(l.HeldAtOffice ? 1 : 0)}\n");
        }
        return csv.ToString();
    }

    internal static string Quote(string value) => value.IndexOfAny([',', '"', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
