using Myna.Core.Residents;

namespace Myna.Core.Tests.Residents;

/// <summary>The 異体字 table of resident search (DOMAIN §2).</summary>
public sealed class NameVariantsTests
{
    [Theory]
    [InlineData("髙橋", "高橋")]
    [InlineData("齋藤", "斉藤")]
    [InlineData("斎藤", "斉藤")]
    [InlineData("齊藤", "斉藤")]
    [InlineData("山﨑", "山崎")]
    [InlineData("山嵜", "山崎")]
    [InlineData("渡邊", "渡辺")]
    [InlineData("渡邉", "渡辺")]
    [InlineData("𠮷田", "吉田")]
    [InlineData("櫻井眞澤", "桜井真沢")]
    [InlineData("佐藤", "佐藤")]
    [InlineData("", "")]
    public void Fold_Variant_IsWrittenWithItsGroupsKey(string text, string folded) => Assert.Equal(folded, NameVariants.Fold(text));

    [Theory]
    [InlineData("籐")] // rattan, not wisteria (藤): a different character
    [InlineData("埼")] // 埼玉, not 崎
    [InlineData("迎")]
    public void Fold_LookAlikeOfAnotherCharacter_IsNotFolded(string text) => Assert.Equal(text, NameVariants.Fold(text));

    [Fact]
    public void Groups_EveryFormBelongsToOneGroupAndHasASource()
    {
        var forms = NameVariants.Groups.SelectMany(g => g.Forms).ToList();
        Assert.Equal(forms.Count, forms.Distinct(StringComparer.Ordinal).Count());
        Assert.All(NameVariants.Groups, g =>
        {
            Assert.True(g.Forms.Length >= 2);
            Assert.Matches("^(常用|人名|JIS)(・(常用|人名|JIS))*$", g.Source);
        });
        // Folding is a replacement of one form by its key: folding twice changes nothing.
        Assert.All(forms, f => Assert.Equal(NameVariants.Fold(f), NameVariants.Fold(NameVariants.Fold(f))));
    }

    [Fact]
    public void Groups_AtLeastTheCommonSurnameVariants()
    {
        string[][] required =
        [
            ["髙", "高"], ["﨑", "崎", "嵜"], ["齋", "斎", "斉", "齊"], ["邊", "邉", "辺"], ["澤", "沢"], ["濱", "浜"], ["櫻", "桜"], ["廣", "広"],
            ["德", "徳"], ["國", "国"], ["島", "嶋", "嶌"], ["眞", "真"], ["惠", "恵"], ["萬", "万"], ["曾", "曽"], ["藏", "蔵"], ["龍", "竜"],
            ["圓", "円"], ["關", "関"], ["來", "来"], ["實", "実"], ["條", "条"], ["彌", "弥"],
        ];
        Assert.All(required, group => Assert.Single(group.Select(NameVariants.Fold).Distinct()));
        Assert.NotEqual(NameVariants.Fold("藤"), NameVariants.Fold("籐"));
    }

    [Fact]
    public void Spellings_EveryFormOfEachCharacter_TheTextAsGivenFirst()
    {
        Assert.Equal(["高橋", "髙橋"], NameVariants.Spellings("高橋"));
        var saito = NameVariants.Spellings("斎藤");
        Assert.Equal("斎藤", saito[0]);
        Assert.Equal(["斉藤", "斎藤", "齊藤", "齋藤"], saito.Order(StringComparer.Ordinal));
        Assert.Equal(8, NameVariants.Spellings("髙橋眞澤").Count);
        Assert.Equal(["佐藤"], NameVariants.Spellings("佐藤"));
        Assert.Equal(16, NameVariants.Spellings("齋齋齋", limit: 16).Count);
    }

    [Fact]
    public void NormalizeName_SpacesAndVariants_FoldAlike()
    {
        Assert.Equal(ResidentSearch.NormalizeName("髙橋\u3000一郎"), ResidentSearch.NormalizeName("高橋 一郎"));
        Assert.Equal("宮城県石巻市穀町14番1号髙橋ハイツ", ResidentSearch.NormalizeAddress("宮城県石巻市穀町14番1号\u3000髙橋ハイツ"));
    }
}
