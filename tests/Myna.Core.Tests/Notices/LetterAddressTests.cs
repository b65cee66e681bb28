using Myna.Core.Notices;

namespace Myna.Core.Tests.Notices;

/// <summary>DOMAIN §9: a letter about a protected person never goes to an offender's address or to an address the person left.</summary>
public sealed class LetterAddressTests
{
    private const string Office = "宮城県石巻市役所 市民課";
    private static readonly LetterDestination Home = new(DeliveryKind.RegisteredAddress, "986-0000", "宮城県石巻市穀町1番1号 コーポ101");

    [Theory]
    [InlineData("宮城県石巻市穀町1番1号 コーポ101")]
    [InlineData("宮城県石巻市穀町１－１　コーポ１０１")]
    [InlineData("宮城県石巻市穀町1-1")]
    [InlineData("宮城県石巻市穀町一丁目1番1号 コーポ101")]
    public void Choose_WithheldAndTheAddressIsForbidden_HoldsTheLetterAtTheOffice(string forbidden)
    {
        var home = forbidden.Contains("一丁目", StringComparison.Ordinal) ? Home with { Address = "宮城県石巻市穀町一丁目1番1号 コーポ101" } : Home;
        Assert.Equal(new LetterDestination(DeliveryKind.HeldAtOffice, null, Office), LetterAddress.Choose(home, withheld: true, [forbidden], Office));
    }

    [Fact]
    public void Choose_NotWithheld_KeepsThePlace_EvenIfItMatches()
    {
        Assert.Equal(Home, LetterAddress.Choose(Home, withheld: false, [Home.Address], Office));
    }

    [Theory]
    [InlineData("宮城県石巻市穀町1番10号")]
    [InlineData("宮城県仙台市青葉区一番町1番1号")]
    [InlineData("")]
    public void Choose_WithheldAndAnotherPlace_IsServedThere(string forbidden)
    {
        Assert.Equal(Home, LetterAddress.Choose(Home, withheld: true, [forbidden], Office));
    }

    [Fact]
    public void Choose_AResidenceThatIsTheOffendersAddress_IsHeldToo()
    {
        var residence = new LetterDestination(DeliveryKind.Residence, null, "宮城県東松島市矢本字大溜1-1");
        Assert.Equal(DeliveryKind.HeldAtOffice, LetterAddress.Choose(residence, true, ["宮城県東松島市矢本字大溜１番１号"], Office).Kind);
    }
}
