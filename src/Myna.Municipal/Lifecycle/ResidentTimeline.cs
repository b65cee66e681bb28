using Microsoft.EntityFrameworkCore;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Core.Lifecycle;
using Myna.Core.Residents;
using Myna.Core.Text.Messages;
using Myna.Municipal.Residents;
using Myna.Municipal.SupportMeasures;

namespace Myna.Municipal.Lifecycle;

/// <summary>
/// One line of a resident's timeline (DOMAIN §2, §8): <see cref="Kind"/> is a key the pages translate
/// (<c>event.*</c>, <c>app.status.*</c>, <c>cards.state.*</c>, <c>lifecycle.*</c>, <c>national.*</c>); <see cref="Detail"/> is a
/// <see cref="StoredMessage"/> the pages show in the reader's language, or a clerk's own words as typed.
/// </summary>
public sealed record TimelineEntry(DateTimeOffset At, string Source, string Kind, string? Detail, string? Reference);

/// <summary>
/// Every recorded step of a resident's register entry, applications and cards, in time order. A move-out destination is
/// an address (§9): it is kept in the move-out's own column, never in an entry's text; entries written before that rule
/// (<c>転出先 …（address）</c>) stay in the store as history and are redacted on reading when the person's address is
/// withheld from the reader.
/// </summary>
public static partial class ResidentTimeline
{
    /// <summary>The timeline as <paramref name="reader"/> may see it: the officer sees everything; a redaction for anyone else is logged.</summary>
    public static async Task<IReadOnlyList<TimelineEntry>> ForAsync(MunicipalDb db, long residentId, ICardLifecycle national, MunicipalityCode municipality,
        Reader reader, AddressRule rule, CancellationToken ct = default)
    {
        var entries = await EntriesAsync(db, residentId, national, municipality, ct);
        if (!entries.Any(e => e.Detail is { } d && HasDestination(d)))
        {
            return entries;
        }
        var hidden = (await rule.HiddenFromAsync(db, reader, [residentId], "resident timeline", ct)).Count > 0;
        return hidden ? entries.Select(e => e.Detail is { } d && HasDestination(d) ? e with { Detail = Redact(d) } : e).ToList() : entries;
    }

    /// <summary>The address inside an old move-out line (<c>転出先 042145（…）</c>) replaced by the placeholder.</summary>
    public static string Redact(string detail) => Destination().Replace(detail, m => m.Groups[1].Value + AddressProtection.Hidden);

    private static bool HasDestination(string detail) => Destination().IsMatch(detail);

    [System.Text.RegularExpressions.GeneratedRegex(@"(転出先\s*\d{6})（[^）]*）")]
    private static partial System.Text.RegularExpressions.Regex Destination();

    private static async Task<IReadOnlyList<TimelineEntry>> EntriesAsync(MunicipalDb db, long residentId, ICardLifecycle national, MunicipalityCode municipality,
        CancellationToken ct)
    {
        var entries = new List<TimelineEntry>();
        entries.AddRange((await db.ResidentEvents.AsNoTracking().Where(e => e.ResidentId == residentId).ToListAsync(ct))
            .Select(e => new TimelineEntry(e.RecordedAt, "register", "event." + e.Type, e.Note, e.EffectiveDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
        entries.AddRange((await db.ApplicationEvents.AsNoTracking()
                .Join(db.CardApplications.AsNoTracking().Where(a => a.ResidentId == residentId), e => e.CardApplicationId, a => a.Id, (e, a) => new { e, a.ApplicationId })
                .ToListAsync(ct))
            .Select(x => new TimelineEntry(x.e.At, "application", "app.status." + x.e.Status, x.e.Note, x.ApplicationId)));
        entries.AddRange((await db.CardEvents.AsNoTracking()
                .Join(db.Cards.AsNoTracking().Where(c => c.ResidentId == residentId), e => e.CardId, c => c.Id, (e, c) => new { e, c.Serial })
                .ToListAsync(ct))
            .Select(x => new TimelineEntry(x.e.At, "card", "cards.state." + x.e.State, x.e.Note, x.Serial)));
        entries.AddRange((await db.LifecycleEvents.AsNoTracking().Where(e => e.ResidentId == residentId).ToListAsync(ct))
            .Select(e => new TimelineEntry(e.At, "lifecycle", "lifecycle." + e.Kind, e.Detail, e.Reference)));
        entries.AddRange((await db.ExpiryNotices.AsNoTracking().Where(n => n.ResidentId == residentId).ToListAsync(ct))
            .Select(n => new TimelineEntry(n.CreatedAt, "lifecycle", "lifecycle.ExpiryNotice", ExpiryNote(n.Subject, n.Expiry), n.BatchMonth)));
        foreach (var serial in await db.HeldCards.AsNoTracking().Where(h => h.ResidentId == residentId).Select(h => h.Serial).ToListAsync(ct))
        {
            try
            {
                entries.AddRange((await national.HistoryAsync(municipality, serial, ct)).Select(e => new TimelineEntry(e.At, "national", "national." + e.Kind, e.Detail, e.Reference)));
            }
            catch (ContractRefusedException e) when (e.NotFound)
            {
                // The card now belongs to another municipality: its national history is theirs to show.
            }
        }
        return entries.OrderBy(e => e.At).ToList();
    }

    private static string ExpiryNote(ExpirySubject subject, DateOnly expiry) =>
        StoredMessage.Write((subject == ExpirySubject.Card ? HistoryNotes.ExpiryNotice : HistoryNotes.CertificatesExpiryNotice).With(LifecycleMessages.Day(expiry)));
}
