using Myna.Core.Lifecycle;
using Myna.Core.Residents;

namespace Myna.Core.Tests.Lifecycle;

/// <summary>The rules of a move abroad (DOMAIN §8.6, since 2024-05-27; §8.4 free reissue).</summary>
public sealed class AbroadMoveRulesTests
{
    private static readonly DateOnly MovesOn = new(2026, 7, 1);

    private static Resident Person(string? place = "東京都中央区日本橋一丁目1番地", string? code = "131024") => new()
    {
        ResidentCode = "12345678901", Relationship = "世帯主", FamilyName = "石巻", GivenName = "花子", FamilyNameKana = "イシノマキ", GivenNameKana = "ハナコ",
        BirthDate = new DateOnly(1990, 4, 1), Prefecture = "宮城県", City = "石巻市", Town = "穀町", Block = "14-1", FamilyRegisterPlace = place,
        FamilyRegisterMunicipality = code,
    };

    private static HeldCard Card(DateOnly? expiry = null) => new() { Serial = "C1", Expiry = expiry ?? new DateOnly(2030, 4, 1), State = HeldCardState.Valid };

    [Fact]
    public void ContinuedUseRefusal_TheDayBeforeTheMoveDate_Allowed() =>
        Assert.Null(AbroadMoveRules.ContinuedUseRefusal(Person(), Card(), MovesOn.AddDays(-1), MovesOn));

    [Fact]
    public void ContinuedUseRefusal_OnTheMoveDate_RefusedNamingTheLastDay()
    {
        var refusal = AbroadMoveRules.ContinuedUseRefusal(Person(), Card(), MovesOn, MovesOn);
        Assert.Contains("の前日 令和8年6月30日（2026-06-30） まで", refusal!.Ja, StringComparison.Ordinal);
        Assert.Contains("by the day before the move date 2026-07-01 (令和8年7月1日), that is by 2026-06-30 (令和8年6月30日)", refusal.En, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("東京都中央区日本橋一丁目1番地", null)]
    public void ContinuedUseRefusal_NoFamilyRegisterAttachment_RefusedAsForeignNational(string? place, string? code) =>
        Assert.Contains("日本国籍", AbroadMoveRules.ContinuedUseRefusal(Person(place, code), Card(), MovesOn.AddDays(-3), MovesOn)!.Ja, StringComparison.Ordinal);

    [Fact]
    public void ContinuedUseRefusal_BeforeTheRuleCameIntoForce_Refused() =>
        Assert.Contains("2024-05-27", AbroadMoveRules.ContinuedUseRefusal(Person(), Card(), new DateOnly(2024, 5, 26), new DateOnly(2024, 6, 1))!.En, StringComparison.Ordinal);

    [Fact]
    public void ContinuedUseRefusal_CardExpiringBeforeTheMove_OrNoCard_Refused()
    {
        Assert.NotNull(AbroadMoveRules.ContinuedUseRefusal(Person(), Card(MovesOn.AddDays(-1)), MovesOn.AddDays(-5), MovesOn));
        Assert.NotNull(AbroadMoveRules.ContinuedUseRefusal(Person(), null, MovesOn.AddDays(-5), MovesOn));
    }

    [Fact]
    public void FreeReissueUntil_IsDay90AfterTheMoveDate() => Assert.Equal(new DateOnly(2026, 9, 29), AbroadMoveRules.FreeReissueUntil(MovesOn));
}
