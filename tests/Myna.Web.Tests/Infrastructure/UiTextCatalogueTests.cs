using Myna.Core.Text.Messages;
using Myna.Web.Infrastructure;

namespace Myna.Web.Tests.Infrastructure;

/// <summary>
/// Issue 19 point 2: every page word and every catalogue entry the pages can show is present in Japanese and
/// English, the Japanese is Japanese, the English is not Japanese left untranslated, and both take the same
/// arguments; a catalogue code reaches the pages with the catalogue's own words.
/// </summary>
public sealed class UiTextCatalogueTests
{
    public static TheoryData<string> Keys() => [.. UiText.Entries.Select(e => e.Key).Order(StringComparer.Ordinal)];

    [Theory, MemberData(nameof(Keys))]
    public void Entry_BothLanguages_Translated(string key)
    {
        var (ja, en) = UiText.Entries.First(e => e.Key == key).Value;
        Assert.Empty(CatalogueRules.Problems(key, ja, en, UiText.EnglishShowsJapanese.Contains(key)));
    }

    [Fact]
    public void Entries_EveryCatalogueCode_ShownWithTheCatalogueWords()
    {
        foreach (var (code, text) in Catalogue.All)
        {
            Assert.Equal(text.Ja, new UiText("ja")[code]);
            Assert.Equal(text.En, new UiText("en")[code]);
        }
    }
}
