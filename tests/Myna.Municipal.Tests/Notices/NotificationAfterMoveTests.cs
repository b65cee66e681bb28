using Microsoft.EntityFrameworkCore;
using Myna.Core.Notices;
using Myna.Core.Residents;
using Myna.Municipal.Lifecycle;
using Myna.Municipal.Residents;
using Myna.Testing;

namespace Myna.Municipal.Tests.Notices;

/// <summary>
/// DOMAIN §3.1, §8.6 [seed 000 p.30]: the numbering municipality notifies; the notification status travels with the move, and
/// the destination notifies only those the letter never reached.
/// </summary>
public sealed class NotificationAfterMoveTests
{
    private static readonly DateOnly Today = Core.Calendar.JapanClock.Today(TimeProvider.System);
    private static readonly Core.Identifiers.MunicipalityCode Origin = TestStores.Ishinomaki;
    private static readonly Core.Identifiers.MunicipalityCode Destination = TestStores.Higashimatsushima;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Generate_AtTheDestination_NotifiesOnlyThoseTheOriginsLetterNeverReached(string provider)
    {
        var (stores, cards) = await CardScenarios.IssuedAsync(provider, neighbour: true);
        await using var _ = stores;
        await using var origin = stores.OpenMunicipal(Origin);
        await using var destination = stores.OpenMunicipal(Destination);
        // Everyone at the origin has a notice; the card holders' letters were never posted (the card itself carries the number).
        var holder = cards[0].ResidentId;
        var households = new HashSet<long>(await origin.Residents.Where(r => cards.Select(c => c.ResidentId).Contains(r.Id)).Select(r => r.HouseholdId).ToListAsync());
        var others = await origin.Residents.AsNoTracking().Where(r => !households.Contains(r.HouseholdId)).OrderBy(r => r.HouseholdId).ToListAsync();
        var (posted, returned, renumbered) = (others[0], others.First(r => r.HouseholdId != others[0].HouseholdId),
            others.Last(r => r.HouseholdId != others[0].HouseholdId));
        Assert.NotEqual(returned.HouseholdId, renumbered.HouseholdId);

        var mail = stores.Runtime.MailTracking(Origin);
        async Task<NoticeEnvelope> EnvelopeOf(long residentId) =>
            await origin.NoticeEnvelopes.AsNoTracking().SingleAsync(e => e.Id == origin.Notices.Single(n => n.ResidentId == residentId).EnvelopeId);
        var (postedEnvelope, returnedEnvelope) = (await EnvelopeOf(posted.Id), await EnvelopeOf(returned.Id));
        await mail.RecordMailNumbersAsync(origin, [(postedEnvelope.BatchId, postedEnvelope.Sequence, "11122233344"),
            (returnedEnvelope.BatchId, returnedEnvelope.Sequence, "11122233355")], "clerk");
        await mail.BookReturnAsync(origin, returnedEnvelope.Id, ReturnReason.AddresseeUnknown, "clerk");
        // Numbered again after a leak: the new number has no letter yet (numbered, letter not yet produced).
        Assert.True((await stores.Runtime.NumberAssignment(Origin).ChangeAsync(origin, Origin, renumbered.Id, "漏えい", "clerk")).Done);

        var register = stores.Runtime.ResidentRegister(Origin);
        foreach (var id in new[] { holder, posted.Id, returned.Id, renumbered.Id })
        {
            await register.RecordAsync(origin, id, new ResidentChange(ResidentEventType.MoveOut, Today, Today,
                Destination: Destination.Value, DestinationAddress: "宮城県東松島市矢本字大溜1-1"), "clerk");
        }
        var incoming = await destination.IncomingMoveOuts.AsNoTracking().ToDictionaryAsync(i => i.ResidentCode);
        var codes = await origin.Residents.AsNoTracking().Where(r => r.Id == holder).Select(r => r.ResidentCode).SingleAsync();
        Assert.Equal(NotificationStatus.Notified, incoming[codes].NumberNotification);
        Assert.Equal((NotificationStatus.Notified, Origin.Value), (incoming[posted.ResidentCode].NumberNotification, incoming[posted.ResidentCode].NumberNotifiedBy));
        Assert.Equal(NotificationStatus.NotDelivered, incoming[returned.ResidentCode].NumberNotification);
        Assert.Equal(NotificationStatus.NeverNotified, incoming[renumbered.ResidentCode].NumberNotification);

        var moves = stores.Runtime.MoveDesk(Destination);
        foreach (var i in incoming.Values)
        {
            await moves.MoveInAsync(destination, i.Id, new MoveInAddress(null, "矢本字大溜", "1-1", null), Today, Today, "clerk-h");
        }
        await stores.Runtime.NumberAssignment(Destination).RunAsync(destination, Destination, "test");
        var summary = await stores.Runtime.NoticeGeneration(Destination).RunAsync(destination, Today, "test");

        var notified = await destination.Notices.Join(destination.Residents, n => n.ResidentId, r => r.Id, (n, r) => r.ResidentCode).ToListAsync();
        Assert.Equal(new[] { returned.ResidentCode, renumbered.ResidentCode }.Order(), notified.Order());
        Assert.Equal(2, summary.Notices);
        var carried = await destination.ResidentNumbers.AsNoTracking().Join(destination.Residents, n => n.ResidentId, r => r.Id, (n, r) => new { r.ResidentCode, n.NotifiedBy })
            .ToDictionaryAsync(x => x.ResidentCode, x => x.NotifiedBy);
        Assert.Equal((Origin.Value, Origin.Value, null, null),
            (carried[codes], carried[posted.ResidentCode], carried[returned.ResidentCode], carried[renumbered.ResidentCode]));
    }
}
