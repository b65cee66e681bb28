using Myna.Core.Identifiers;

namespace Myna.Core.Tests.Identifiers;

public class CollationNumberBTests
{
    [Fact]
    public void Create_BirthExpirySecurityCode_ConcatenatesFourteenDigits()
    {
        var number = CollationNumberB.Create(new DateOnly(1980, 2, 17), 2030, "0427");

        Assert.Equal("80021720300427", number.Value);
    }

    [Fact]
    public void Create_TwoThousandsBirth_UsesTwoDigitYear()
    {
        Assert.Equal("05010920351234", CollationNumberB.Create(new DateOnly(2005, 1, 9), 2035, "1234").Value);
    }

    [Theory]
    [InlineData("123")]
    [InlineData("12345")]
    [InlineData("12a4")]
    [InlineData("１２３４")]
    [InlineData("")]
    public void Create_SecurityCodeNotFourAsciiDigits_ThrowsWithoutQuotingIt(string code)
    {
        var ex = Assert.Throws<ArgumentException>(() => CollationNumberB.Create(new DateOnly(1980, 2, 17), 2030, code));

        Assert.Equal("securityCode", ex.ParamName);
        Assert.Contains("4 ASCII digits", ex.Message, StringComparison.Ordinal);
        if (code.Length > 0)
        {
            Assert.DoesNotContain(code, ex.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(1979)]
    [InlineData(10000)]
    public void Create_ExpiryYearOutOfRange_Throws(int expiryYear)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => CollationNumberB.Create(new DateOnly(1980, 2, 17), expiryYear, "1234"));

        Assert.DoesNotContain(expiryYear.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NullSecurityCode_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => CollationNumberB.Create(new DateOnly(1980, 2, 17), 2030, null!));
    }

    [Fact]
    public void Parse_FullWidthAndSpaces_Normalizes()
    {
        var number = CollationNumberB.Parse("８００２１７ ２０３０ ０４２７");

        Assert.Equal(CollationNumberB.Create(new DateOnly(1980, 2, 17), 2030, "0427"), number);
    }

    [Fact]
    public void ToString_Valid_IsMasked()
    {
        var number = CollationNumberB.Parse("80021720300427");

        Assert.Equal("**************", number.ToString());
        Assert.Equal(string.Empty, default(CollationNumberB).ToString());
    }

    [Theory]
    [InlineData("", IdentifierError.Empty, "a collation number B is required; the input is empty")]
    [InlineData("8002172030042", IdentifierError.Length, "a collation number B has 14 digits; got 13")]
    [InlineData("800217203004X7", IdentifierError.NonDigit, "a collation number B contains only digits; found a non-digit character at position 13")]
    public void TryParse_Invalid_ReportsRuleWithoutQuoting(string input, IdentifierError error, string message)
    {
        Assert.False(CollationNumberB.TryParse(input, out _, out var problem));
        Assert.Equal((error, message), (problem.Error, problem.Message));
        Assert.Equal(error, Assert.Throws<IdentifierFormatException>(() => CollationNumberB.Parse(input)).Error);
    }
}
