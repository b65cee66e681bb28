using Myna.Web.Infrastructure;

namespace Myna.Web.Tests.Infrastructure;

public sealed class DisplayTests
{
    [Theory]
    [InlineData("import", "ja", "一括取込")]
    [InlineData("import: Town, Block", "ja", "一括取込: 町字、番地")]
    [InlineData("FamilyName, FamilyNameKana — 婚姻による", "ja", "氏、氏（フリガナ） — 婚姻による")]
    [InlineData("Town, Block", "en", "town, block")]
    [InlineData("SomethingNew", "ja", "SomethingNew")]
    public void EventNote_FieldNames_AreShownInTheReadersLanguage(string note, string language, string expected) =>
        Assert.Equal(expected, Display.EventNote(note, new UiText(language)));

    [Fact]
    public void Date_IsEraFirstInJapaneseAndGregorianWithEraInEnglish()
    {
        var d = new DateOnly(2019, 5, 1);
        Assert.Equal("令和元年5月1日", Display.Date(d, new UiText("ja")));
        Assert.Equal("2019-05-01 (R1.5.1)", Display.Date(d, new UiText("en")));
    }
}
