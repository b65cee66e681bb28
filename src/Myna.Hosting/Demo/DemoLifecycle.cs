using Microsoft.EntityFrameworkCore;
using Myna.Core.Calendar;
using Myna.Core.Identifiers;
using Myna.Core.Issuance;

namespace Myna.Hosting.Demo;

/// <summary>A demo card holder, with the four information a caller gives the call centre.</summary>
public sealed record DemoHolder(long ResidentId, string FullName, DateOnly BirthDate, string Address);

/// <summary>
/// The card lifecycle of the demo (DOMAIN §8): two cards of the first wave handed over at the window,
/// so the call centre, the card page and a move to the neighbouring municipality can be tried at once.
/// Runs only while nobody holds a card.
/// </summary>
public static class DemoLifecycle
{
    public const string DemoPin = "2580";
    public const string DemoSignaturePin = "MYNA2026";

    /// <summary>How long the demo's hand-overs took at the window, in minutes.</summary>
    private static readonly double[] DemoServiceMinutes = [14, 18];

    public static async Task<IReadOnlyList<DemoHolder>> EnsureAsync(MynaRuntime runtime, MunicipalityCode code, TextWriter log, int holders = 2,
        CancellationToken ct = default)
    {
        await using var db = runtime.Stores.OpenMunicipal(code);
        if (!await db.HeldCards.AnyAsync(ct))
        {
            var today = JapanClock.Today(runtime.Time);
            var window = runtime.WindowDesk(code);
            // The last notices of the wave: the first ones stay for trying the booking page and the window.
            var numbers = await db.IssuanceNotices.AsNoTracking().Join(db.Cards.Where(c => c.State == CardState.NoticeSent), n => n.CardId, c => c.Id, (n, c) => n)
                .OrderByDescending(n => n.Id).Take(holders).Select(n => n.Number).ToListAsync(ct);
            foreach (var number in numbers)
            {
                var started = await window.StartAsync(db, number, desk: 9, "demo", ct);
                await window.VerifyIdentityAsync(db, started.Issuance.Id,
                    new VerificationCase(false, [new PresentedDocument("drivers-license"), new PresentedDocument("passport")], today), "{}", null, null, ct);
                await Myna.Municipal.Issuance.WindowDesk.RecordChecksAsync(db, started.Issuance.Id, true, true, true, ct);
                await window.SubmitPinsAsync(db, started.Issuance.Id, DemoPin, DemoPin, DemoSignaturePin, DemoSignaturePin, "demo", ct);
                await window.CompleteAsync(db, started.Issuance.Id, true, false, false, "demo", ct);
                // A real hand-over takes minutes (explanations, the PIN pad): the demo's are recorded as such, so the
                // planner on 統計・報告 starts from a measured service time (§11.3) as the tour describes.
                var issuance = await db.WindowIssuances.SingleAsync(i => i.Id == started.Issuance.Id, ct);
                issuance.StartedAt = issuance.EndedAt!.Value.AddMinutes(-DemoServiceMinutes[numbers.IndexOf(number) % DemoServiceMinutes.Length]);
                await db.SaveChangesAsync(ct);
            }
            await log.WriteLineAsync($"{code.Value}: {numbers.Count} demo cards handed over (PINs {DemoPin} / {DemoSignaturePin})");
        }
        var people = await db.HeldCards.AsNoTracking().Where(h => h.State == Core.Lifecycle.HeldCardState.Valid)
            .Join(db.Residents.AsNoTracking(), h => h.ResidentId, r => r.Id, (h, r) => r).OrderBy(r => r.Id).Take(holders).ToListAsync(ct);
        return people.Select(r => new DemoHolder(r.Id, r.FullName, r.BirthDate, r.Address)).ToList();
    }
}
