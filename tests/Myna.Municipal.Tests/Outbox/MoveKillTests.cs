using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Contracts;
using Myna.Core.Lifecycle;
using Myna.Core.Residents;
using Myna.Hosting;
using Myna.Municipal.Lifecycle;
using Myna.Municipal.Residents;
using Myna.Storage.Outbox;
using Myna.Testing;

namespace Myna.Municipal.Tests.Outbox;

/// <summary>
/// ARCHITECTURE principle 3 for a move between two municipalities (DOMAIN §8.6), with <c>myna outbox deliver</c> killed at
/// each crossing: the advance move-out information (origin → destination), the card's continuation (destination → national
/// side) and the 転入通知 (destination → origin). The reruns converge: the person is in the destination's register once, the
/// card continued once, the origin told once.
/// </summary>
public sealed class MoveKillTests
{
    private static readonly DateOnly Today = Core.Calendar.JapanClock.Today(TimeProvider.System);
    private static readonly Core.Identifiers.MunicipalityCode Origin = TestStores.Ishinomaki;
    private static readonly Core.Identifiers.MunicipalityCode Destination = TestStores.Higashimatsushima;

    private static Dictionary<string, string> KillAfterDelivering(string kind) => new() { [FaultPoint.Variable] = FaultPoint.Delivered + ":" + kind };

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Move_KilledAtEveryCrossing_RerunsConvergeWithTheCardContinuedOnce(string provider)
    {
        var (stores, cards) = await CardScenarios.IssuedAsync(provider, neighbour: true);
        await using var _ = stores;
        var card = cards[0];
        await using var origin = stores.OpenMunicipal(Origin);
        await using var destination = stores.OpenMunicipal(Destination);
        var holder = await origin.Residents.AsNoTracking().FirstAsync(r => r.Id == card.ResidentId);
        // A host that dies right after each desk's commit: what crosses to another store is only in the outbox.
        var crashed = new MynaRuntime(stores.Options, TimeProvider.System) { DeliverAfterCommit = false };

        // 1. The origin's move-out; the delivery killed after the destination took the advance information.
        await crashed.ResidentRegister(Origin).RecordAsync(origin, holder.Id, new ResidentChange(ResidentEventType.MoveOut, Today, Today,
            Destination: Destination.Value, DestinationAddress: "宮城県東松島市矢本字大溜1-1"), "clerk");
        Assert.Empty(await destination.IncomingMoveOuts.ToListAsync());

        var advance = await MynaCli.RunWithEnvironmentAsync(stores, KillAfterDelivering(AdvanceMoveOutMessages.Kind), "outbox", "deliver", "-m", Origin.Value);

        Assert.NotEqual(0, advance.ExitCode);
        Assert.Single(await destination.IncomingMoveOuts.AsNoTracking().ToListAsync());
        Assert.Null((await origin.MoveOuts.AsNoTracking().SingleAsync()).SentAt); // the acknowledgement did not come back
        var resent = await MynaCli.RunAsync(stores, null, "outbox", "deliver");
        Assert.True(resent.ExitCode == 0, resent.Out + resent.Err);
        var incoming = await destination.IncomingMoveOuts.AsNoTracking().SingleAsync(); // delivered again, kept once
        Assert.NotNull((await origin.MoveOuts.AsNoTracking().SingleAsync()).SentAt);
        Assert.Equal(1, await origin.AuditRecords.CountAsync(a => a.Action == AuditActions.NumbersExported));

        // 2. The destination's move-in, recorded with the card's continuation; the delivery killed after the national side continued it.
        var outcome = await crashed.MoveDesk(Destination).MoveInAsync(destination, incoming.Id, new MoveInAddress("981-0503", "矢本字大溜", "1-1", null),
            Today, Today, "clerk-h");
        Assert.True(outcome.CardPending);
        Assert.False(outcome.CardContinued);
        Assert.Equal("Listed", (await stores.Runtime.CardLifecycle().StandingAsync(Origin, card.Serial)).State); // still the origin's card

        var continued = await MynaCli.RunWithEnvironmentAsync(stores, KillAfterDelivering(CardContinuationMessages.Kind), "outbox", "deliver",
            "-m", Destination.Value);

        Assert.NotEqual(0, continued.ExitCode);
        await stores.Runtime.CardLifecycle().StandingAsync(Destination, card.Serial); // the national side moved the card …
        Assert.Empty(await destination.HeldCards.ToListAsync()); // … the destination has not recorded it yet
        Assert.Null((await destination.IncomingMoveOuts.AsNoTracking().SingleAsync()).CardContinued);
        Assert.Equal(HeldCardState.Valid, (await origin.HeldCards.AsNoTracking().SingleAsync(h => h.Id == card.Id)).State);

        // 3. Delivered again: the same answer, the card recorded here and the 転入通知 sent — killed after the origin took it.
        var notified = await MynaCli.RunWithEnvironmentAsync(stores, KillAfterDelivering(MoveInNotifiedMessages.Kind), "outbox", "deliver");

        Assert.NotEqual(0, notified.ExitCode);
        Assert.Single(await destination.HeldCards.AsNoTracking().ToListAsync());
        Assert.Equal(HeldCardState.MovedAway, (await origin.HeldCards.AsNoTracking().SingleAsync(h => h.Id == card.Id)).State);
        Assert.Equal(MoveInNotifiedMessages.Kind, Assert.Single(await Myna.Storage.Outbox.Outbox.OpenAsync(destination)).Kind);

        var rerun = await MynaCli.RunAsync(stores, null, "outbox", "deliver");
        Assert.True(rerun.ExitCode == 0, rerun.Out + rerun.Err);

        // Converged: once at the destination, continued once, the origin told once, nothing open.
        var moved = await destination.Residents.AsNoTracking().SingleAsync(r => r.ResidentCode == holder.ResidentCode);
        Assert.Equal(ResidentStatus.Active, moved.Status);
        var held = await destination.HeldCards.AsNoTracking().SingleAsync();
        Assert.Equal((card.Serial, HeldCardState.Valid, Origin.Value, moved.Id), (held.Serial, held.State, held.ContinuedFrom, held.ResidentId));
        Assert.NotNull(held.CertificatesExpiry);
        Assert.Equal(1, await destination.LifecycleEvents.CountAsync(e => e.Kind == LifecycleKind.ContinuedAfterMoveIn));
        Assert.Equal(1, await destination.LifecycleEvents.CountAsync(e => e.Kind == LifecycleKind.Endorsed));
        Assert.True((await destination.IncomingMoveOuts.AsNoTracking().SingleAsync()).CardContinued);
        Assert.Equal(1, await destination.ResidentEvents.CountAsync(e => e.ResidentId == moved.Id && e.Type == ResidentEventType.MoveInFromMunicipality));
        await using (var national = stores.Runtime.Stores.OpenNational())
        {
            Assert.Equal(1, await national.AuditRecords.CountAsync(a => a.Action == AuditActions.CardContinued && a.Subject == "card:" + card.Serial));
            Assert.Equal(1, await national.InboxMessages.CountAsync(m => m.Kind == CardContinuationMessages.Kind));
        }
        Assert.Equal("Listed", (await stores.Runtime.CardLifecycle().StandingAsync(Destination, card.Serial)).State);
        Assert.Equal(ContractRefusals.CardNotFound, (await Assert.ThrowsAnyAsync<ContractRefusedException>(() => stores.Runtime.CardLifecycle().StandingAsync(Origin, card.Serial))).Code);
        Assert.Equal(1, await origin.InboxMessages.CountAsync(m => m.Kind == MoveInNotifiedMessages.Kind));
        Assert.Equal(1, await origin.LifecycleEvents.CountAsync(e => e.HeldCardId == card.Id && e.Kind == LifecycleKind.MovedAway));
        var moveOut = await origin.MoveOuts.AsNoTracking().SingleAsync();
        Assert.Equal((Today, true), (moveOut.MovedInOn, moveOut.CardContinued));
        Assert.Empty(await Myna.Storage.Outbox.Outbox.OpenAsync(origin));
        Assert.Empty(await Myna.Storage.Outbox.Outbox.OpenAsync(destination));
        var status = await MynaCli.RunAsync(stores, null, "outbox", "status");
        Assert.True(status.ExitCode == 0, status.Out + status.Err);
    }
}
