using Microsoft.EntityFrameworkCore;
using Myna.Core.Contracts;
using Myna.Core.Lifecycle;
using Myna.Core.Residents;
using Myna.Municipal.Lifecycle;
using Myna.Municipal.Residents;
using Myna.Pki.Authorities;
using Myna.Testing;

namespace Myna.Municipal.Tests.Lifecycle;

/// <summary>Moves between two municipalities of one host, each with its own store (DOMAIN §8.6).</summary>
public sealed class MoveTests
{
    private static readonly DateOnly Today = Core.Calendar.JapanClock.Today(TimeProvider.System);
    private static readonly Core.Identifiers.MunicipalityCode Origin = TestStores.Ishinomaki;
    private static readonly Core.Identifiers.MunicipalityCode Destination = TestStores.Higashimatsushima;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AMoveOut_SendsTheAdvanceInformation_AndAMoveInWithin14Days_ContinuesTheCard(string provider)
    {
        var (stores, cards) = await CardScenarios.IssuedAsync(provider, neighbour: true);
        await using var _ = stores;
        var card = cards[0];
        await using var origin = stores.OpenMunicipal(Origin);
        await using var destination = stores.OpenMunicipal(Destination);
        var holder = await origin.Residents.AsNoTracking().FirstAsync(r => r.Id == card.ResidentId);
        var last4 = (await origin.ResidentNumbers.AsNoTracking().SingleAsync(n => n.ResidentId == holder.Id && n.IsCurrent)).Last4;
        var register = stores.Runtime.ResidentRegister(Origin);

        var missing = await Assert.ThrowsAsync<RegisterRuleException>(() =>
            register.RecordAsync(origin, holder.Id, new ResidentChange(ResidentEventType.MoveOut, Today.AddDays(3), Today), "clerk"));
        Assert.Equal("destination", missing.Field);
        Assert.Equal(ResidentStatus.Active, (await origin.Residents.AsNoTracking().FirstAsync(r => r.Id == holder.Id)).Status); // nothing written
        await register.RecordAsync(origin, holder.Id, new ResidentChange(ResidentEventType.MoveOut, Today.AddDays(3), Today,
            Destination: Destination.Value, DestinationAddress: "宮城県東松島市矢本字大溜1-1"), "clerk");

        var moveOut = await origin.MoveOuts.AsNoTracking().SingleAsync();
        Assert.NotNull(moveOut.SentAt);
        Assert.Equal(card.Id, moveOut.HeldCardId);
        var incoming = await destination.IncomingMoveOuts.AsNoTracking().SingleAsync();
        Assert.Equal((holder.ResidentCode, card.Serial, Today.AddDays(3)), (incoming.ResidentCode, incoming.CardSerial, incoming.PlannedOn));
        Assert.NotNull(incoming.NumberSealed);
        var export = await origin.AuditRecords.AsNoTracking().SingleAsync(a => a.Action == Core.Audit.AuditActions.NumbersExported);
        Assert.Equal(($"resident:{holder.Id}", "card-issuance"), (export.Subject, export.Purpose));
        Assert.Empty(await destination.Residents.ToListAsync()); // nothing in the register before the move-in

        var moves = stores.Runtime.MoveDesk(Destination);
        var outcome = await moves.MoveInAsync(destination, incoming.Id, new MoveInAddress("981-0503", "矢本字大溜", "1-1", null), Today, Today, "clerk-h");

        Assert.True(outcome.CardContinued);
        var moved = await destination.Residents.AsNoTracking().SingleAsync();
        Assert.Equal((holder.ResidentCode, holder.FamilyName, "東松島市"), (moved.ResidentCode, moved.FamilyName, moved.City));
        var number = await destination.ResidentNumbers.AsNoTracking().SingleAsync(n => n.ResidentId == moved.Id && n.IsCurrent);
        Assert.Equal(last4, number.Last4);
        Assert.Equal(last4, stores.Runtime.Protector(Destination).Unprotect(number.Cipher, moved.Id).Last4);
        Assert.Null((await destination.IncomingMoveOuts.AsNoTracking().SingleAsync()).NumberSealed);

        // The card belongs to the destination now; the origin can no longer act on it.
        var national = stores.Runtime.CardLifecycle();
        var standing = await national.StandingAsync(Destination, card.Serial);
        Assert.Equal("Listed", standing.State);
        Assert.Equal(ContractRefusals.CardNotFound, (await Assert.ThrowsAnyAsync<ContractRefusedException>(() => national.StandingAsync(Origin, card.Serial))).Code);
        Assert.Contains(standing.Certificates, c => c.Kind == CaKinds.Slug(CaKind.Signature) && c.Status == "Revoked");
        Assert.Contains(standing.Certificates, c => c.Kind == CaKinds.Slug(CaKind.UserAuthentication) && c.Status == "Good");
        var held = await destination.HeldCards.AsNoTracking().SingleAsync();
        Assert.Equal((HeldCardState.Valid, Origin.Value, moved.Id), (held.State, held.ContinuedFrom, held.ResidentId));
        Assert.Equal((HeldCardState.MovedAway, Today), ((await origin.HeldCards.AsNoTracking().SingleAsync(h => h.Id == card.Id)).State,
            (await origin.MoveOuts.AsNoTracking().SingleAsync()).MovedInOn!.Value));
        // Register events at the destination reach the continued card's certificates (the holder key followed the card).
        await stores.Runtime.ResidentRegister(Destination).RecordAsync(destination, moved.Id, new ResidentChange(ResidentEventType.Death, Today, Today), "clerk-h");
        Assert.All((await national.StandingAsync(Destination, card.Serial)).Certificates, c => Assert.Equal("Revoked", c.Status));
        await Assert.ThrowsAsync<RegisterRuleException>(() => moves.MoveInAsync(destination, incoming.Id, new MoveInAddress(null, "矢本", "1", null), Today, Today, "clerk-h"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task NoMoveInWithin90Days_InvalidatesTheCard_AndALateMoveInDoesNotContinueIt(string provider)
    {
        var (stores, cards) = await CardScenarios.IssuedAsync(provider, neighbour: true);
        await using var _ = stores;
        await using var origin = stores.OpenMunicipal(Origin);
        await using var destination = stores.OpenMunicipal(Destination);
        var register = stores.Runtime.ResidentRegister(Origin);
        await register.RecordAsync(origin, cards[0].ResidentId, new ResidentChange(ResidentEventType.MoveOut, Today.AddDays(-91), Today.AddDays(-95),
            Destination: Destination.Value, DestinationAddress: "宮城県東松島市小野1"), "clerk");
        await register.RecordAsync(origin, cards[1].ResidentId, new ResidentChange(ResidentEventType.MoveOut, Today.AddDays(-30), Today.AddDays(-31),
            Destination: Destination.Value, DestinationAddress: "宮城県東松島市小野2"), "clerk");
        var moves = stores.Runtime.MoveDesk(Origin);

        Assert.Equal(0, await moves.InvalidateOverdueAsync(origin, Today.AddDays(-1), "batch")); // day 90: not yet
        Assert.Equal(1, await moves.InvalidateOverdueAsync(origin, Today, "batch"));
        Assert.Equal(0, await moves.InvalidateOverdueAsync(origin, Today, "batch"));
        Assert.Equal(HeldCardState.Invalidated, (await origin.HeldCards.AsNoTracking().SingleAsync(h => h.Id == cards[0].Id)).State);
        Assert.Equal("Abolished", (await stores.Runtime.CardLifecycle().StandingAsync(Origin, cards[0].Serial)).State);
        foreach (var c in (await stores.Runtime.CardLifecycle().StandingAsync(Origin, cards[0].Serial)).Certificates)
        {
            Assert.Equal(Pki.Ocsp.OcspCertStatus.Revoked, (await CardScenarios.OcspAsync(stores, c.Kind == "sign" ? CaKind.Signature : CaKind.UserAuthentication, c.Serial)).Status);
        }

        // The second holder moved in 30 days ago but comes to the window only today: no continuation, the origin invalidates the card.
        var late = await destination.IncomingMoveOuts.AsNoTracking().SingleAsync(i => i.CardSerial == cards[1].Serial);
        var outcome = await stores.Runtime.MoveDesk(Destination).MoveInAsync(destination, late.Id, new MoveInAddress(null, "小野", "2", null), Today.AddDays(-30), Today, "clerk-h");
        Assert.False(outcome.CardContinued);
        Assert.Contains("14日を超えて", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(HeldCardState.Invalidated, (await origin.HeldCards.AsNoTracking().SingleAsync(h => h.Id == cards[1].Id)).State);
        Assert.Empty(await destination.HeldCards.ToListAsync());
        Assert.Equal("Abolished", (await stores.Runtime.CardLifecycle().StandingAsync(Origin, cards[1].Serial)).State);

        // The first holder comes to the window within 14 days of moving in, but 91 days after the planned move-out: the
        // card lost validity (§8.6); the move-in itself is recorded, nothing is left half-done.
        var overdue = await destination.IncomingMoveOuts.AsNoTracking().SingleAsync(i => i.CardSerial == cards[0].Serial);
        var after90 = await stores.Runtime.MoveDesk(Destination).MoveInAsync(destination, overdue.Id, new MoveInAddress(null, "小野", "1", null), Today.AddDays(-2), Today, "clerk-h");
        Assert.False(after90.CardContinued);
        Assert.Contains("90日を過ぎた", after90.Reason, StringComparison.Ordinal);
        Assert.Equal(2, await destination.Residents.CountAsync());
        Assert.Empty(await destination.HeldCards.ToListAsync());
        Assert.False((await destination.IncomingMoveOuts.AsNoTracking().SingleAsync(i => i.Id == overdue.Id)).CardContinued);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AMoveOutWithoutACard_SendsNoNumber(string provider)
    {
        var (stores, _) = await CardScenarios.IssuedAsync(provider, neighbour: true);
        await using var _s = stores;
        await using var origin = stores.OpenMunicipal(Origin);
        await using var destination = stores.OpenMunicipal(Destination);
        var holders = await origin.HeldCards.AsNoTracking().Select(h => h.ResidentId).ToListAsync();
        var other = await origin.Residents.AsNoTracking().FirstAsync(r => !holders.Contains(r.Id) && r.Status == ResidentStatus.Active);
        await stores.Runtime.ResidentRegister(Origin).RecordAsync(origin, other.Id, new ResidentChange(ResidentEventType.MoveOut, Today.AddDays(3), Today,
            Destination: Destination.Value, DestinationAddress: "宮城県東松島市小野3"), "clerk");

        var incoming = await destination.IncomingMoveOuts.AsNoTracking().SingleAsync();
        Assert.Equal((other.ResidentCode, null), (incoming.ResidentCode, incoming.CardSerial));
        Assert.Null(incoming.NumberSealed);
        Assert.False(await origin.AuditRecords.AnyAsync(a => a.Action == Core.Audit.AuditActions.NumbersExported));
    }
}
