using Myna.Core.Lifecycle;

namespace Myna.Core.Tests.Lifecycle;

/// <summary>Fees by cause (DOMAIN §8.4) and the dates of renewal and moves (§8.2, §8.6).</summary>
public sealed class LifecycleRulesTests
{
    [Theory]
    [InlineData(ReissueCause.Loss, 800, 200, false)]
    [InlineData(ReissueCause.Damage, 800, 200, false)]
    [InlineData(ReissueCause.HolderRequest, 800, 200, false)]
    [InlineData(ReissueCause.IssuerError, 0, 0, true)]
    [InlineData(ReissueCause.WrongfulIssuance, 0, 0, true)]
    [InlineData(ReissueCause.NumberChange, 0, 0, true)]
    [InlineData(ReissueCause.ReturnedOnMovingAbroad, 0, 0, true)]
    [InlineData(ReissueCause.RenewalAtExpiry, 0, 0, true)]
    [InlineData(ReissueCause.EndorsementAreaFull, 0, 0, false)]
    public void TheCauseDecidesTheFeeAndTheSubsidy(ReissueCause cause, int card, int certificates, bool subsidy)
    {
        var fee = ReissueFees.For(cause);
        Assert.Equal((card, certificates, subsidy, card + certificates), (fee.CardYen, fee.CertificateYen, fee.SubsidyEligible, fee.TotalYen));
    }

    [Fact]
    public void EveryCauseHasAFee() =>
        Assert.All(Enum.GetValues<ReissueCause>(), c => Assert.True(ReissueFees.For(c).TotalYen is 0 or 1000));

    [Theory]
    [InlineData("2027-05-31", "2027-02-28")]
    [InlineData("2027-03-15", "2026-12-15")]
    [InlineData("2028-05-29", "2028-02-29")]
    public void RenewalOpensThreeMonthsBeforeExpiry(string expiry, string opens) =>
        Assert.Equal(DateOnly.Parse(opens, System.Globalization.CultureInfo.InvariantCulture),
            LifecycleRules.RenewalOpens(DateOnly.Parse(expiry, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void TheNoticeWindowIsTheNextThreeMonths()
    {
        var day = new DateOnly(2026, 11, 1);
        Assert.True(LifecycleRules.ExpiresWithinNoticeWindow(day, day));
        Assert.True(LifecycleRules.ExpiresWithinNoticeWindow(new DateOnly(2027, 2, 1), day));
        Assert.False(LifecycleRules.ExpiresWithinNoticeWindow(new DateOnly(2027, 2, 2), day));
        Assert.False(LifecycleRules.ExpiresWithinNoticeWindow(new DateOnly(2026, 10, 31), day));
    }

    [Fact]
    public void AMoveInContinuesTheCardWithin14Days_AndTheCardLapses90DaysAfterThePlannedMoveOut()
    {
        var moved = new DateOnly(2026, 11, 1);
        Assert.True(LifecycleRules.ContinuesCard(moved, moved));
        Assert.True(LifecycleRules.ContinuesCard(moved, moved.AddDays(14)));
        Assert.False(LifecycleRules.ContinuesCard(moved, moved.AddDays(15)));
        Assert.Equal(new DateOnly(2027, 1, 31), LifecycleRules.InvalidFrom(moved)); // day 91
    }
}
