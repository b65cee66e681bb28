using Microsoft.EntityFrameworkCore;
using Myna.Core.Applications;
using Myna.Core.Appointments;
using Myna.Core.Calendar;
using Myna.Core.Identifiers;
using Myna.Municipal;
using Myna.Municipal.Applications;
using Myna.Municipal.Appointments;

namespace Myna.Hosting.Demo;

/// <summary>A notice a demo user can try the booking page and the window with.</summary>
public sealed record DemoNotice(string Number, DateOnly BirthDate, string FullName);

/// <summary>
/// The card business of the demo municipality (DOMAIN §5, §6): applications made and produced,
/// the delivery list imported, the cards scanned in and set up, a first wave of issuance notices,
/// a window with weekday, evening and weekend sessions, and two bookings. Runs only when the
/// municipality has no cards yet; the photos come from the caller (the document library draws them).
/// </summary>
public static class DemoIssuance
{
    public static async Task<IReadOnlyList<DemoNotice>> EnsureAsync(MynaRuntime runtime, MunicipalityCode code, Func<int, byte[]> photo, TextWriter log,
        int cards = 12, CancellationToken ct = default)
    {
        await using var db = runtime.Stores.OpenMunicipal(code);
        if (!await db.Cards.AnyAsync(ct))
        {
            await MakeCardsAsync(runtime, code, db, photo, cards, log, ct);
        }
        return await db.IssuanceNotices.AsNoTracking().OrderBy(n => n.Id)
            .Join(db.Cards.Where(c => c.State == Core.Issuance.CardState.NoticeSent), n => n.CardId, c => c.Id, (n, c) => new { n.Number, c.ResidentId })
            .Join(db.Residents, x => x.ResidentId, r => r.Id, (x, r) => new DemoNotice(x.Number, r.BirthDate, r.FamilyName + "\u3000" + r.GivenName))
            .Take(3).ToListAsync(ct);
    }

    private static async Task MakeCardsAsync(MynaRuntime runtime, MunicipalityCode code, MunicipalDb db, Func<int, byte[]> photo, int cards, TextWriter log,
        CancellationToken ct)
    {
        var today = JapanClock.Today(runtime.Time);
        var desk = runtime.ApplicationDesk(code);
        var forms = await db.Notices.AsNoTracking().Where(n => !db.CardApplications.Any(a => a.ApplicationId == n.ApplicationId))
            .Join(db.Residents.AsNoTracking(), n => n.ResidentId, r => r.Id, (n, r) => new { n.ApplicationId, r.BirthDate }).Take(cards * 3).ToListAsync(ct);
        var chosen = forms.Where(f => !ApplicationRules.IsUnder15(f.BirthDate, today)).Take(cards).ToList();
        for (var i = 0; i < chosen.Count; i++)
        {
            var receipt = await desk.SubmitAsync(db, code, new ApplicationInput(chosen[i].ApplicationId, ApplicationChannel.Mail, photo(i),
                Phone: "090-0000-" + (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), WantsSignatureCertificate: i % 4 != 3, Consent: true), "demo", ct);
            await desk.ReviewAsync(db, code, receipt.Id, pass: true, [], null, "demo", ct);
        }
        var run = await runtime.CardProductionBatch().RunAsync("demo", ct: ct);
        var safe = runtime.CardSafe(code);
        foreach (var list in run.Lists.Where(l => l.MunicipalityCode == code.Value))
        {
            await safe.ImportListAsync(db, list.ToCsv(), "demo", ct);
            // Two cards stay unscanned, so the receipt desk has something to do.
            foreach (var entry in list.Entries.SkipLast(2))
            {
                await safe.ReceiveAsync(db, entry.Serial, "demo", ct);
                await safe.SetUpAsync(db, entry.Serial, "demo", ct: ct);
            }
        }
        var letters = await runtime.IssuanceNotices(code).SendWaveAsync(db, today, "demo", size: Math.Max(1, chosen.Count - 4), ct: ct);

        var book = runtime.AppointmentBook();
        var window = await AppointmentBook.AddWindowAsync(db, "本庁舎 市民課 交付窓口", "本庁舎1階 3番・4番窓口", ct);
        var weekdays = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
        await book.AddSessionsAsync(db, window.Id, SessionKind.Weekday, today, today.AddDays(27), weekdays, new TimeOnly(8, 30), new TimeOnly(17, 0), 30, 2, ct: ct);
        await book.AddSessionsAsync(db, window.Id, SessionKind.Evening, today, today.AddDays(27), [DayOfWeek.Thursday], new TimeOnly(17, 15), new TimeOnly(19, 15), 30, 1, ct: ct);
        var temporary = await AppointmentBook.AddWindowAsync(db, "臨時交付窓口", "イオンモール石巻 2階イベントスペース", ct);
        await book.AddSessionsAsync(db, temporary.Id, SessionKind.Weekend, today, today.AddDays(27), [DayOfWeek.Saturday, DayOfWeek.Sunday], new TimeOnly(10, 0),
            new TimeOnly(16, 0), 20, 3, ct: ct);
        var open = await book.OpenSlotsAsync(db, today.AddDays(27), forResidents: false, ct);
        foreach (var (letter, slot) in letters.Skip(1).Take(2).Zip(open.Skip(2).Take(2)))
        {
            await book.BookAsync(db, letter.CardId, slot.SlotId, AppointmentChannel.Phone, "demo", ct);
        }
        await log.WriteLineAsync($"{code.Value}: {run.Produced} demo cards made and delivered, {letters.Count} issuance notices sent, windows open for 4 weeks");
    }
}
