using Myna.Core.Identifiers;

namespace Myna.Core.Tests.Identifiers;

public class IdentifierInputTests
{
    [Theory]
    [InlineData("０１２３４５６７８９", "0123456789")]
    [InlineData("12 34", "1234")]
    [InlineData("12\u300034", "1234")]
    [InlineData("12\t34", "1234")]
    [InlineData("12-34", "1234")]
    [InlineData("12\u201034", "1234")]
    [InlineData("12\u201134", "1234")]
    [InlineData("12\u201334", "1234")]
    [InlineData("12\u201434", "1234")]
    [InlineData("12\u221234", "1234")]
    [InlineData("12\uFF0D34", "1234")]
    [InlineData("12\uFF7034", "1234")]
    [InlineData("12\u30FC34", "1234")]
    [InlineData("\r\n1234\n", "1234")]
    [InlineData("", "")]
    public void Normalize_FullWidthSpacesAndHyphens_Cleans(string input, string expected)
    {
        Assert.Equal(expected, IdentifierInput.Normalize(input));
    }

    [Fact]
    public void Normalize_OtherCharacters_AreKeptForTheValidator()
    {
        Assert.Equal("12A4ａ", IdentifierInput.Normalize("12A4ａ"));
    }

    [Fact]
    public void Normalize_AlreadyClean_ReturnsSameInstance()
    {
        string input = "123456789018";

        Assert.Same(input, IdentifierInput.Normalize(input));
    }

    [Fact]
    public void Normalize_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => IdentifierInput.Normalize(null!));
    }
}
