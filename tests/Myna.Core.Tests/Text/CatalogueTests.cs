using Myna.Core.Text.Messages;

namespace Myna.Core.Tests.Text;

/// <summary>
/// Issue 19 point 2: every message the domain and data layers can return is in the catalogue in both languages,
/// and the rules that find a missing or untranslated entry do find one.
/// </summary>
public sealed class CatalogueTests
{
    public static TheoryData<string> Codes() => [.. Catalogue.All.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData("idv.gap")]
    [InlineData("date.day.invalid")]
    [InlineData("lifecycle.identity.not-verified")]
    public void All_CollectsEveryCatalogueClass_FindsEachArea(string code) => Assert.NotNull(Catalogue.Find(code));

    [Theory, MemberData(nameof(Codes))]
    public void Entry_BothLanguages_WellFormedAndTranslated(string code)
    {
        var entry = Catalogue.All[code];
        Assert.True(CatalogueRules.IsWellFormedCode(code), $"'{code}' is not lowercase dotted/kebab");
        Assert.Empty(CatalogueRules.Problems(code, entry.Ja, entry.En));
    }

    [Theory]
    [InlineData("date.era.unknown", true)]
    [InlineData("idv.need.ko-documents", true)]
    [InlineData("date", false)]
    [InlineData("Date.Era", false)]
    [InlineData("date..era", false)]
    [InlineData("date.era_unknown", false)]
    [InlineData("date.era.", false)]
    public void IsWellFormedCode_Examples_AsDocumented(string code, bool wellFormed) =>
        Assert.Equal(wellFormed, CatalogueRules.IsWellFormedCode(code));

    [Theory]
    [InlineData("", "The date is empty.", "Japanese text is empty")]
    [InlineData("The date is empty.", "The date is empty.", "contains no Japanese")]
    [InlineData("日付が空です。", "", "English text is empty")]
    [InlineData("日付が空です。", "日付が空です。", "contains Japanese outside")]
    [InlineData("{0} は存在しません。", "The date does not exist.", "placeholders differ")]
    [InlineData("存在しません。", "{0} does not exist.", "placeholders differ")]
    [InlineData("{0}年は{1}日", "{1} days in {2}", "placeholders differ")]
    public void Problems_MissingOrUntranslated_Found(string ja, string en, string expected)
    {
        var problems = CatalogueRules.Problems("test.entry", ja, en);
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{0} は存在しません。", "{0} does not exist.")]
    [InlineData("照会回答書がありません。", "The inquiry reply (照会回答書) is missing.")]
    [InlineData("「{0}」は不明です。", "“{0}” is unknown; e.g. 昭和55年2月17日 or S55.2.17")]
    [InlineData("{1}年は{0}日", "{0} days in {1}")]
    [InlineData("元号が不明です。", "Unknown era \"平成X\".")]
    [InlineData("{0} {1}：{2}", "{0} {1}: {2}")]
    [InlineData("{0}: {1}", "{0}: {1}")]
    public void Problems_TranslatedWithQuotesGlossesOrExamples_None(string ja, string en) =>
        Assert.Empty(CatalogueRules.Problems("test.entry", ja, en));

    [Fact]
    public void Problems_AllowanceForJapaneseInEnglish_OnlyWhenGiven()
    {
        Assert.NotEmpty(CatalogueRules.Problems("language", "English", "日本語"));
        Assert.DoesNotContain(CatalogueRules.Problems("language", "英語", "日本語", showsOtherLanguage: true), p => p.Contains("outside", StringComparison.Ordinal));
    }

    [Fact]
    public void With_NestedMessages_ShownInTheReadersLanguage()
    {
        var outer = new MessageText("test.outer", "不足：{0}", "Missing: {0}");
        var a = new MessageText("test.a", "甲{0}点", "{0} photo ID");
        var b = new MessageText("test.b", "聴聞", "questioning");
        var message = outer.With(new List<Message> { a.With(1), b });
        Assert.Equal("不足：甲1点、聴聞", message.Ja);
        Assert.Equal("Missing: 1 photo ID; questioning", message.En);
        Assert.Equal(["1 photo ID; questioning"], message.Args);
    }
}
