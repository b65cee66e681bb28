using Myna.Core.Lifecycle;

namespace Myna.Core.Tests.Lifecycle;

/// <summary>The call centre's comparison of the four information as a caller says them (DOMAIN §8.3).</summary>
public sealed class FourInformationMatchTests
{
    private const string OnCard = "宮城県石巻市穀町14番8号\u3000穀町ハイツ101";

    [Theory]
    [InlineData("宮城県石巻市穀町14番8号　穀町ハイツ101")]
    [InlineData("宮城県石巻市穀町14-8 穀町ハイツ101")]
    [InlineData("石巻市穀町14-8穀町ハイツ101")] // no prefecture, no space before the building
    [InlineData("石巻市穀町１４－８　穀町ハイツ１０１")] // full-width
    [InlineData("石巻市穀町十四番八号穀町ハイツ101")]
    [InlineData("石巻市穀町14番地の8 穀町ハイツ101")]
    [InlineData("石巻市穀町14ー8 穀町ハイツ101")] // a long-vowel mark typed for the hyphen
    public void Address_WrittenAnotherWay_IsTheSame(string spoken) => Assert.Equal(AddressAgreement.Same, FourInformationMatch.Address(spoken, OnCard));

    [Theory]
    [InlineData("石巻市穀町14-8")]
    [InlineData("宮城県石巻市穀町十四番八号")]
    public void Address_WithoutTheBuilding_IsTheSameWithoutBuilding(string spoken) =>
        Assert.Equal(AddressAgreement.SameWithoutBuilding, FourInformationMatch.Address(spoken, OnCard));

    [Theory]
    [InlineData("石巻市穀町14-9 穀町ハイツ101")]
    [InlineData("石巻市穀町14-8 穀町ハイツ102")]
    [InlineData("福島県石巻市穀町14-8 穀町ハイツ101")] // another prefecture is never "left out"
    [InlineData("石巻市穀町148 穀町ハイツ101")]
    [InlineData("石巻市")]
    public void Address_Different_Differs(string spoken) => Assert.Equal(AddressAgreement.Differs, FourInformationMatch.Address(spoken, OnCard));

    [Theory]
    [InlineData("東京都八王子市元本郷町一丁目9番9号", "八王子市元本郷町1-9-9")] // 八 of 八王子 is a name, 一 of 一丁目 a number
    [InlineData("三重県四日市市諏訪町1番5号", "四日市市諏訪町1-5")]
    [InlineData("宮城県石巻市中央二丁目", "石巻市中央2丁目")]
    public void Address_KanjiNumeralsOnlyInBlockNumbers_AreRead(string onCard, string spoken) =>
        Assert.Equal(AddressAgreement.Same, FourInformationMatch.Address(spoken, onCard));

    [Theory]
    [InlineData("高橋 健", "髙橋\u3000健", true)]
    [InlineData("斉藤一", "齋藤\u3000一", true)]
    [InlineData("ｻﾄｳ", "サトウ", true)]
    [InlineData("高橋 建", "髙橋\u3000健", false)]
    public void SameName_WidthsSpacesAndVariants_DoNotCount(string spoken, string onCard, bool same) =>
        Assert.Equal(same, FourInformationMatch.SameName(spoken, onCard));
}
