using Myna.Core.Identifiers;

namespace Myna.Core.Tests.Identifiers;

public class IdentifierKindsTests
{
    [Fact]
    public void Names_Always_ListsTheFourKinds()
    {
        Assert.Equal(["individual-number", "corporate-number", "municipality-code", "resident-code"], IdentifierKinds.Names);
    }

    [Theory]
    [InlineData("individual-number", "1234 5678 9018")]
    [InlineData("corporate-number", "5835678256246")]
    [InlineData("municipality-code", "１３１０２４")]
    [InlineData("resident-code", "12345678903")]
    [InlineData("Municipality-Code", "042021")]
    public void Validate_ValidValue_ReturnsNull(string kind, string input)
    {
        Assert.Null(IdentifierKinds.Validate(kind, input));
    }

    [Theory]
    [InlineData("individual-number", "621498320258", IdentifierError.CheckDigit)]
    [InlineData("corporate-number", "1234567890123", IdentifierError.CheckDigit)]
    [InlineData("municipality-code", "04202", IdentifierError.Length)]
    [InlineData("resident-code", "1234567890x", IdentifierError.NonDigit)]
    [InlineData("resident-code", "", IdentifierError.Empty)]
    public void Validate_InvalidValue_ReturnsProblem(string kind, string input, IdentifierError error)
    {
        var problem = IdentifierKinds.Validate(kind, input);

        Assert.NotNull(problem);
        Assert.Equal(error, problem.Value.Error);
    }

    [Fact]
    public void Validate_IndividualNumber_SameMessageAsTryParse()
    {
        Assert.False(IndividualNumber.TryParse("12345678901", out _, out var expected));

        Assert.Equal(expected, IdentifierKinds.Validate("individual-number", "12345678901"));
    }

    [Fact]
    public void Validate_UnknownKind_ThrowsListingKnownKinds()
    {
        var ex = Assert.Throws<ArgumentException>(() => IdentifierKinds.Validate("passport", "123"));

        Assert.Equal("kind", ex.ParamName);
        Assert.Contains("unknown identifier kind 'passport'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("individual-number, corporate-number, municipality-code, resident-code", ex.Message, StringComparison.Ordinal);
    }
}
