using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Issuance;
using Myna.Core.Residents;
using Myna.Core.SupportMeasures;
using Myna.Municipal.Residents;
using Myna.Municipal.SupportMeasures;
using Myna.Testing;

namespace Myna.Municipal.Tests.SupportMeasures;

/// <summary>DOMAIN §9 at the issuance window: the person themself is served once their own identity is verified, and the read is logged.</summary>
public sealed class AddressRuleWindowTests
{
    private static readonly DateOnly Today = Core.Calendar.JapanClock.Today(TimeProvider.System);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ShowAsync_WithheldHolder_PlaceholderUntilVerified_ThenTheAddressWithAServedRead(string provider)
    {
        await using var stores = await CardScenarios.ReadyCardsAsync(provider);
        await using var db = stores.OpenMunicipal();
        var letters = await stores.Runtime.IssuanceNotices(TestStores.Ishinomaki).SendWaveAsync(db, Today, "clerk", size: 10);
        var window = stores.Runtime.WindowDesk(TestStores.Ishinomaki);
        var started = await window.StartAsync(db, letters[0].Number, desk: 1, "clerk");
        var holder = await db.Residents.AsNoTracking().SingleAsync(r => r.Id == started.Card.ResidentId);
        await stores.Runtime.SupportMeasureDesk(TestStores.Ishinomaki).CreateAsync(db, new SupportMeasureApplication(holder.Id,
            SupportMeasureKind.Stalking, SupportBasisKind.Police, "石巻警察署", Today, null, null, null, [], []), "officer");
        var clerk = new Reader("clerk", MaySeeProtected: false);

        var before = await window.ShowAsync(db, started.Issuance.Id, clerk);
        await window.VerifyIdentityAsync(db, started.Issuance.Id,
            new VerificationCase(false, [new PresentedDocument("drivers-license"), new PresentedDocument("passport")], Today), "{}", null, null);
        var after = await window.ShowAsync(db, started.Issuance.Id, clerk);

        Assert.Equal((AddressProtection.Hidden, true), (before.Address, before.AddressWithheld));
        Assert.Equal((holder.Address, true), (after.Address, after.AddressWithheld));
        var subject = "resident:" + holder.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await db.AuditRecords.AnyAsync(a => a.Action == AuditActions.ProtectedAddressRefused && a.Actor == "clerk"
            && a.Subject == subject && a.Detail == "window (identity not verified)"));
        Assert.True(await db.AuditRecords.AnyAsync(a => a.Action == AuditActions.ProtectedAddressServed && a.Actor == "clerk"
            && a.Subject == subject && a.Detail == "window (identity verified)"));
    }
}
