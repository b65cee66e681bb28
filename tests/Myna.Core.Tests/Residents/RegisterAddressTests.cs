using Myna.Core.Residents;

namespace Myna.Core.Tests.Residents;

public sealed class RegisterAddressTests
{
    [Fact]
    public void Join_WithABuilding_SeparatesItWithTheIdeographicSpace()
    {
        Assert.Equal("宮城県石巻市穀町1番1号\u3000穀町ハイツ101",
            RegisterAddress.Join("宮城県", "石巻市", "穀町", "1番1号", " 穀町ハイツ101 "));
        Assert.Equal("宮城県石巻市穀町1番1号", RegisterAddress.Join("宮城県", "石巻市", "穀町", "1番1号", "  "));
    }

    [Theory]
    [InlineData("宮城県石巻市穀町1番1号\u3000穀町ハイツ101", true)]
    [InlineData("宮城県石巻市穀町1番1号 穀町ハイツ101", true)] // a card written before the separator was corrected
    [InlineData("宮城県石巻市穀町1番1号\u3000穀町ハイツ102", false)]
    [InlineData("宮城県石巻市穀町1番2号 穀町ハイツ101", false)]
    [InlineData("宮城県石巻市穀町1番1号穀町ハイツ101", false)]
    public void SameAs_OnlyTheSeparatorMayDiffer(string onCard, bool same) =>
        Assert.Equal(same, RegisterAddress.SameAs("宮城県石巻市穀町1番1号\u3000穀町ハイツ101", onCard));
}
