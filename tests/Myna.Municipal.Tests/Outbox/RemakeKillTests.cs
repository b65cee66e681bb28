using Microsoft.EntityFrameworkCore;
using Myna.Core.Applications;
using Myna.Core.Issuance;
using Myna.Core.Text.Messages;
using Myna.Municipal.Issuance;
using Myna.National.Production;
using Myna.Storage.Outbox;
using Myna.Testing;

namespace Myna.Municipal.Tests.Outbox;

/// <summary>
/// ARCHITECTURE principle 3 for remakes (DOMAIN §5): a delivered card sent back with the real <c>myna delivery return</c>,
/// the process killed after the message is recorded and after the national side voided the card; reruns of
/// <c>myna outbox deliver</c> leave each card voided once and its application queued for exactly one new card.
/// </summary>
public sealed class RemakeKillTests
{
    private static Dictionary<string, string> KillAt(string point) => new() { [FaultPoint.Variable] = point };

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Remake_KilledAfterRecordingAndAfterDelivery_RerunQueuesExactlyOneRemakePerCard(string provider)
    {
        var (stores, _) = await CardScenarios.QueuedAsync(provider, adults: 2);
        await using var _s = stores;
        var list = Assert.Single((await stores.Runtime.CardProductionBatch().RunAsync("production")).Lists);
        await using var db = stores.OpenMunicipal();
        var safe = stores.Runtime.CardSafe(TestStores.Ishinomaki);
        await safe.ImportListAsync(db, list.ToCsv(), "clerk");
        var (first, second) = (list.Entries[0], list.Entries[1]);
        await safe.ReceiveAsync(db, first.Serial, "clerk");
        await safe.ReceiveAsync(db, second.Serial, "clerk");

        // Killed right after the municipality committed the return with its message: the national side knows nothing yet.
        var recorded = await MynaCli.RunWithEnvironmentAsync(stores, KillAt(FaultPoint.Recorded), "delivery", "return", first.Serial, "--problem", "Damaged",
            "--note", "角に割れ");

        Assert.NotEqual(0, recorded.ExitCode);
        Assert.Equal(CardState.ReturnedForRemake, (await db.Cards.AsNoTracking().SingleAsync(c => c.Serial == first.Serial)).State);
        Assert.NotEqual(ProducedCardState.Voided, (await NationalCardAsync(stores, first.Serial)).State);
        Assert.Equal(RemakeMessages.Kind, Assert.Single(await Myna.Storage.Outbox.Outbox.OpenAsync(db)).Kind);

        // Killed after the national side voided the card and queued it again, before the acknowledgement.
        var delivered = await MynaCli.RunWithEnvironmentAsync(stores, KillAt(FaultPoint.Delivered), "outbox", "deliver");

        Assert.NotEqual(0, delivered.ExitCode);
        Assert.Equal(ProducedCardState.Voided, (await NationalCardAsync(stores, first.Serial)).State);
        Assert.Single(await Myna.Storage.Outbox.Outbox.OpenAsync(db));

        var rerun = await MynaCli.RunAsync(stores, null, "outbox", "deliver");
        Assert.True(rerun.ExitCode == 0, rerun.Out + rerun.Err);

        // The second card: the desk's own delivery killed after the national side's commit.
        var returned = await MynaCli.RunWithEnvironmentAsync(stores, KillAt(FaultPoint.Delivered), "delivery", "return", second.Serial, "--problem", "Misprint");
        Assert.NotEqual(0, returned.ExitCode);
        Assert.Equal(ProducedCardState.Voided, (await NationalCardAsync(stores, second.Serial)).State);
        var again = await MynaCli.RunAsync(stores, null, "outbox", "deliver");
        Assert.True(again.ExitCode == 0, again.Out + again.Err);

        // Converged: each card returned and voided once, each application queued once, nothing left open.
        var counts = await Myna.Storage.Outbox.Outbox.CountAsync(db);
        Assert.Equal((0, 0), (counts.Pending, counts.Refused));
        foreach (var entry in new[] { first, second })
        {
            var card = await db.Cards.AsNoTracking().SingleAsync(c => c.Serial == entry.Serial);
            Assert.Equal(CardState.ReturnedForRemake, card.State);
            var application = await db.CardApplications.AsNoTracking().SingleAsync(a => a.Id == card.CardApplicationId);
            Assert.Equal(ApplicationStatus.QueuedForProduction, application.Status);
            var notes = await db.ApplicationEvents.Where(e => e.CardApplicationId == application.Id).Select(e => e.Note).ToListAsync();
            Assert.Single(notes, n => StoredMessage.Show(n, english: true).StartsWith("card " + entry.Serial + " returned for remaking", StringComparison.Ordinal));
            var national = await NationalCardAsync(stores, entry.Serial);
            Assert.StartsWith("再作成: ", national.VoidReason, StringComparison.Ordinal);
            await using var nationalDb = stores.Runtime.Stores.OpenNational();
            Assert.Equal(ProductionState.Queued, (await nationalDb.ProductionRequests.AsNoTracking().SingleAsync(r => r.ApplicationId == entry.ApplicationId)).State);
        }
        await using (var nationalDb = stores.Runtime.Stores.OpenNational())
        {
            Assert.Equal(2, await nationalDb.InboxMessages.CountAsync(m => m.Kind == RemakeMessages.Kind));
        }
        var remade = (await stores.Runtime.CardProductionBatch().RunAsync("production")).Lists.SelectMany(l => l.Entries).ToList();
        Assert.Equal(new[] { first.ApplicationId, second.ApplicationId }.Order(), remade.Select(e => e.ApplicationId).Order());
        Assert.DoesNotContain(remade, e => e.Serial == first.Serial || e.Serial == second.Serial);
        Assert.Equal(0, (await stores.Runtime.CardProductionBatch().RunAsync("production")).Produced); // nothing queued twice
    }

    private static async Task<ProducedCard> NationalCardAsync(TestStores stores, string serial)
    {
        await using var national = stores.Runtime.Stores.OpenNational();
        return await national.ProducedCards.AsNoTracking().SingleAsync(c => c.Serial == serial);
    }
}
