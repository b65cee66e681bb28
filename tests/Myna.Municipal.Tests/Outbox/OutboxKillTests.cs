using Microsoft.EntityFrameworkCore;
using Myna.Core.Applications;
using Myna.Core.Identifiers;
using Myna.Hosting;
using Myna.Municipal.Applications;
using Myna.Storage.Outbox;
using Myna.Testing;

namespace Myna.Municipal.Tests.Outbox;

/// <summary>
/// ARCHITECTURE principle 3: a change that touches both sides, with the real <c>myna</c> process killed
/// (SIGKILL at a crash point) between the receiver's commit and the sender's acknowledgement, converges
/// on rerun with nothing lost or doubled.
/// </summary>
public sealed class OutboxKillTests
{
    private static readonly Dictionary<string, string> KillAfterDelivery = new() { [FaultPoint.Variable] = FaultPoint.Delivered };

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task NumberChange_KilledBetweenTheSides_RerunCompletesTheSameChangeOnce(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        await RegisterScenarios.LoadAsync(stores, 3, seed: 5);
        await using var db = stores.OpenMunicipal();
        await stores.Runtime.NumberAssignment(TestStores.Ishinomaki).RunAsync(db, TestStores.Ishinomaki, "test");
        var resident = await db.Residents.AsNoTracking().OrderBy(r => r.Id).FirstAsync();

        var killed = await MynaCli.RunWithEnvironmentAsync(stores, KillAfterDelivery, "number", "change", resident.ResidentCode, "--reason", "leaked");

        Assert.NotEqual(0, killed.ExitCode);
        int generation;
        await using (var national = stores.Runtime.Stores.OpenNational())
        {
            // The national side moved on … (to generation 1, or further when a candidate number was some code's first number).
            generation = Assert.Single(await national.ChangedNumbers.AsNoTracking().ToListAsync()).Generation;
            Assert.True(generation >= 1);
        }
        Assert.Equal(1, await db.ResidentNumbers.CountAsync(n => n.ResidentId == resident.Id)); // … the municipality did not: the kill fell between them

        var rerun = await MynaCli.RunAsync(stores, null, "number", "change", resident.ResidentCode, "--reason", "leaked");

        Assert.True(rerun.ExitCode == 0, rerun.Err);
        Assert.Contains("no second change", rerun.Out, StringComparison.Ordinal);
        var history = await db.ResidentNumbers.AsNoTracking().Where(n => n.ResidentId == resident.Id).OrderBy(n => n.Id).ToListAsync();
        Assert.Equal([false, true], history.Select(n => n.IsCurrent));
        await using (var national = stores.Runtime.Stores.OpenNational())
        {
            Assert.Equal(1, await national.ChangedNumbers.CountAsync());
            Assert.Equal(1, await national.RetiredNumbers.CountAsync());
            Assert.Equal(generation, (await national.ChangedNumbers.SingleAsync()).Generation); // the rerun made no further generation
        }
        // Both sides on the same generation: the national side answers the number the register now holds.
        var nationalNumber = Assert.Single(await stores.Runtime.NationalNumbering().AssignAsync(TestStores.Ishinomaki, [ResidentCode.Parse(resident.ResidentCode)]));
        Assert.Equal(nationalNumber, stores.Runtime.Protector(TestStores.Ishinomaki).Unprotect(history[1].Cipher, resident.Id));
        Assert.Equal(new OutboxCounts(1, 0, 0), await Myna.Storage.Outbox.Outbox.CountAsync(db));
        await RegisterScenarios.AssertEveryActiveResidentHasExactlyOneDistinctNumber(stores);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ApplicationSending_KilledBeforeAndAfterDelivery_RerunQueuesItOnce(string provider)
    {
        var (stores, forms) = await CardScenarios.NotifiedAsync(provider, residents: 12);
        await using var _ = stores;
        // A host that died right after the review's commit: the hand-over is only in the outbox.
        var crashed = new MynaRuntime(stores.Options, TimeProvider.System) { DeliverAfterCommit = false };
        await using var db = stores.OpenMunicipal();
        var desk = crashed.ApplicationDesk(TestStores.Ishinomaki);
        var ids = new List<long>();
        foreach (var (_, applicationId) in forms.Take(2))
        {
            var receipt = await desk.SubmitAsync(db, TestStores.Ishinomaki,
                new ApplicationInput(applicationId, ApplicationChannel.Mail, TestPhotos.Jpeg(), Consent: true), "clerk");
            await desk.ReviewAsync(db, TestStores.Ishinomaki, receipt.Id, pass: true, [], null, "reviewer");
            ids.Add(receipt.Id);
        }
        Assert.Equal(new OutboxCounts(0, 2, 0), await Myna.Storage.Outbox.Outbox.CountAsync(db));

        var killed = await MynaCli.RunWithEnvironmentAsync(stores, KillAfterDelivery, "outbox", "deliver");

        Assert.NotEqual(0, killed.ExitCode);
        await using (var national = stores.Runtime.Stores.OpenNational())
        {
            Assert.Equal(1, await national.ProductionRequests.CountAsync()); // the first reached the queue, its acknowledgement did not come back
        }
        Assert.Equal(2, await db.CardApplications.CountAsync(a => ids.Contains(a.Id) && a.Status == ApplicationStatus.Accepted));

        var rerun = await MynaCli.RunAsync(stores, null, "outbox", "deliver");

        Assert.True(rerun.ExitCode == 0, rerun.Out + rerun.Err);
        await using (var national = stores.Runtime.Stores.OpenNational())
        {
            Assert.Equal(2, await national.ProductionRequests.CountAsync());
            Assert.Equal(2, await national.InboxMessages.CountAsync());
        }
        foreach (var id in ids)
        {
            var history = await db.ApplicationEvents.Where(e => e.CardApplicationId == id).OrderBy(e => e.Id).Select(e => e.Status).ToListAsync();
            Assert.Equal([ApplicationStatus.Received, ApplicationStatus.Accepted, ApplicationStatus.QueuedForProduction], history);
        }
        Assert.Equal(new OutboxCounts(2, 0, 0), await Myna.Storage.Outbox.Outbox.CountAsync(db));
        var status = await MynaCli.RunAsync(stores, null, "outbox", "status");
        Assert.True(status.ExitCode == 0, status.Out + status.Err);
    }
}
