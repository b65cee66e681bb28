using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Notices;
using Myna.Municipal.Notices;
using Myna.Testing;
using static Myna.Testing.RegisterScenarios;

namespace Myna.Municipal.Tests.Notices;

public sealed class NoticeGenerationTests
{
    private static readonly DateOnly NoticeDay = new(2026, 11, 24);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Generate_NotifiesEveryNumberOnce_OneEnvelopePerHousehold(string provider)
    {
        await using var stores = await NumberedAsync(provider, 300);
        await using var db = stores.OpenMunicipal();
        var generation = stores.Runtime.NoticeGeneration(TestStores.Ishinomaki);

        var summary = await generation.RunAsync(db, NoticeDay, "test");

        Assert.Equal(NoticeKind.NotificationLetter, summary.Kind);
        Assert.Equal(300, summary.Notices);
        var households = await db.Residents.Select(r => r.HouseholdId).Distinct().CountAsync();
        Assert.Equal(households, summary.Envelopes);
        Assert.Equal(300, await db.Notices.Select(n => n.ResidentNumberId).Distinct().CountAsync());
        var ids = await db.Notices.Select(n => n.ApplicationId).ToListAsync();
        Assert.All(ids, id => Assert.True(Core.Identifiers.ApplicationId.TryParse(id, out var parsed, out _) && parsed.Municipality == TestStores.Ishinomaki));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        // Each envelope holds one household only.
        var mixed = await db.Notices.Join(db.Residents, n => n.ResidentId, r => r.Id, (n, r) => new { n.EnvelopeId, r.HouseholdId })
            .GroupBy(x => x.EnvelopeId).Where(g => g.Select(x => x.HouseholdId).Distinct().Count() > 1).CountAsync();
        Assert.Equal(0, mixed);

        var again = await generation.RunAsync(db, NoticeDay, "test");
        Assert.Equal((0L, 0L), (again.Notices, again.Envelopes));
        Assert.Equal(300, await db.Notices.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Generate_BeforeTheLetterStarted_IssuesNotificationCards(string provider)
    {
        await using var stores = await NumberedAsync(provider, 5);
        await using var db = stores.OpenMunicipal();

        var summary = await stores.Runtime.NoticeGeneration(TestStores.Ishinomaki).RunAsync(db, new DateOnly(2020, 5, 24), "test");

        Assert.Equal(NoticeKind.NotificationCard, summary.Kind);
        Assert.All(await db.Notices.ToListAsync(), n => Assert.Equal(NoticeKind.NotificationCard, n.Kind));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Generate_UsesTheRegisteredResidence_TheProxy_OrTheOffice(string provider)
    {
        await using var stores = await NumberedAsync(provider, 40);
        await using var db = stores.OpenMunicipal();
        var people = await db.Residents.OrderBy(r => r.Id).Select(r => r.Id).Take(4).ToListAsync();
        var registry = stores.Runtime.ResidenceRegistry(TestStores.Ishinomaki);
        await registry.RegisterAsync(db, Residence(people[0]), null, "test");
        await registry.RegisterAsync(db, Residence(people[1], DeliveryKind.Proxy), null, "test");
        await registry.RegisterAsync(db, Residence(people[2], DeliveryKind.HeldAtOffice, ResidenceReason.AbuseVictim), null, "test");
        // §9: a victim still registered at the offender's home — the letter must not go there.
        var unregisteredButProtected = await db.Residents.AsNoTracking().FirstAsync(r => r.Id == people[3]);
        await ProtectAsync(stores, db, people[3], offenderAddress: unregisteredButProtected.Address);
        await stores.Runtime.NoticeGeneration(TestStores.Ishinomaki).RunAsync(db, NoticeDay, "test");

        async Task<NoticeEnvelope> EnvelopeOf(long residentId) =>
            await db.NoticeEnvelopes.SingleAsync(e => e.Id == db.Notices.Single(n => n.ResidentId == residentId).EnvelopeId);
        var residence = await EnvelopeOf(people[0]);
        Assert.Equal((DeliveryKind.Residence, "980-0011", "宮城県仙台市青葉区上杉一丁目1番1号 すこやか病院"), (residence.Delivery, residence.PostalCode, residence.Address));
        Assert.Equal(MailState.Prepared, residence.State);
        var proxy = await EnvelopeOf(people[1]);
        Assert.Equal((DeliveryKind.Proxy, "宮城県石巻市穀町1番1号"), (proxy.Delivery, proxy.Address));
        Assert.StartsWith("代理　花子 様", proxy.Addressee, StringComparison.Ordinal);
        var held = await EnvelopeOf(people[2]);
        Assert.Equal((DeliveryKind.HeldAtOffice, MailState.HeldAtOffice), (held.Delivery, held.State));
        Assert.Contains("石巻市役所", held.Address, StringComparison.Ordinal);
        var protectedEnvelope = await EnvelopeOf(people[3]);
        Assert.Equal(DeliveryKind.HeldAtOffice, protectedEnvelope.Delivery);
        Assert.DoesNotContain(unregisteredButProtected.Town, protectedEnvelope.Address, StringComparison.Ordinal);

        var rows = await stores.Runtime.NoticePrintData(TestStores.Ishinomaki).ReadAsync(db, 1).ToListAsync();
        var protectedRow = rows.Single(r => r.ResidentCode == unregisteredButProtected.ResidentCode);
        Assert.Equal("", protectedRow.RegisteredAddress);
        Assert.DoesNotContain(rows.Where(r => r.ResidentCode == unregisteredButProtected.ResidentCode),
            r => r.DeliveryAddress.Contains(unregisteredButProtected.Town, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Generate_InterruptedAfterAChunk_ResumesTheSameBatchWithoutGapsOrDuplicates(string provider)
    {
        await using var stores = await NumberedAsync(provider, 3000);
        var generation = stores.Runtime.NoticeGeneration(TestStores.Ishinomaki);
        using var cancel = new CancellationTokenSource();
        await using (var db = stores.OpenMunicipal())
        {
            var progress = new SynchronousProgress<NoticeProgress>(p =>
            {
                if (p.Done > 0)
                {
                    cancel.Cancel();
                }
            });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generation.RunAsync(db, NoticeDay, "test", progress, cancel.Token));
        }
        await using (var db = stores.OpenMunicipal())
        {
            var partial = await db.Notices.CountAsync();
            Assert.InRange(partial, 1, 2999);

            var resumed = await generation.RunAsync(db, NoticeDay, "test");

            Assert.True(resumed.Resumed);
            Assert.Equal(1, await db.NoticeBatches.CountAsync());
            Assert.Equal(3000, await db.Notices.CountAsync());
            Assert.Equal(3000, resumed.Notices);
            var sequences = await db.NoticeEnvelopes.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync();
            Assert.Equal(Enumerable.Range(1, sequences.Count), sequences);
        }
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task PrintData_DecryptsTheNumbers_AndItsOutputIsAudited(string provider)
    {
        await using var stores = await NumberedAsync(provider, 20);
        await using var db = stores.OpenMunicipal();
        var summary = await stores.Runtime.NoticeGeneration(TestStores.Ishinomaki).RunAsync(db, NoticeDay, "test");
        var printData = stores.Runtime.NoticePrintData(TestStores.Ishinomaki);

        var rows = await printData.ReadAsync(db, summary.BatchId).ToListAsync();
        await printData.RecordPrintedAsync(db, summary.BatchId, "notices-000001.csv", rows.Count, "test");

        Assert.Equal(20, rows.Count);
        var protector = stores.Runtime.Protector(TestStores.Ishinomaki);
        var numbers = await db.ResidentNumbers.Where(n => n.IsCurrent).ToListAsync();
        var expected = numbers.Select(n => protector.Unprotect(n.Cipher, n.ResidentId).Value).Order();
        Assert.Equal(expected, rows.Select(r => r.IndividualNumber).Order());
        Assert.Equal(rows.OrderBy(r => r.EnvelopeSequence).ThenBy(r => r.PositionInEnvelope), rows);
        var record = await db.AuditRecords.SingleAsync(a => a.Action == AuditActions.NoticesPrinted);
        Assert.Equal(("number-notification", $"notice-batch:{summary.BatchId}"), (record.Purpose, record.Subject));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Generate_ProtectedPersonAtTheirOwnAddress_IsServedThere_AndTheUseIsLogged(string provider)
    {
        await using var stores = await NumberedAsync(provider, 40);
        await using var db = stores.OpenMunicipal();
        var person = await db.Residents.AsNoTracking().OrderBy(r => r.Id).FirstAsync();
        await ProtectAsync(stores, db, person.Id, offenderAddress: "宮城県仙台市泉区加害町9番9号");

        await stores.Runtime.NoticeGeneration(TestStores.Ishinomaki).RunAsync(db, NoticeDay, "batch");

        var envelope = await db.NoticeEnvelopes.SingleAsync(e => e.Id == db.Notices.Single(n => n.ResidentId == person.Id).EnvelopeId);
        Assert.Equal((DeliveryKind.RegisteredAddress, person.Address), (envelope.Delivery, envelope.Address));
        var served = await db.AuditRecords.AsNoTracking().Where(a => a.Action == Core.Audit.AuditActions.ProtectedAddressServed).ToListAsync();
        Assert.Contains(served, a => a.Subject.Split(':')[1].Split(',').Contains(person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            && a.Detail == "number notice envelope");
    }
}

/// <summary>Reports on the calling thread (Progress&lt;T&gt; posts to the thread pool, too late to cancel in step).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);

}
