using FsCheck;
using FsCheck.Fluent;
using Myna.Core.Identifiers;

namespace Myna.Core.Tests.Identifiers;

public class CorporateNumberTests
{
    [Theory]
    [InlineData("5835678256246")]
    [InlineData("3000012010001")]
    [InlineData("8700110005901")]
    [InlineData("5010001192707")]
    public void Parse_DomainValidExamples_Succeeds(string input)
    {
        var number = CorporateNumber.Parse(input);

        Assert.Equal(input, number.Value);
        Assert.Equal(input, number.ToString()); // public: never masked (DOMAIN §1.4)
    }

    [Theory]
    [InlineData("2835678256246", '5')]
    [InlineData("1234567890123", '9')]
    public void TryParse_DomainInvalidExamples_ReportsCheckDigitFirst(string input, char expected)
    {
        Assert.False(CorporateNumber.TryParse(input, out _, out var problem));
        Assert.Equal(IdentifierError.CheckDigit, problem.Error);
        Assert.Equal($"the check digit of a corporate number does not match (expected {expected})", problem.Message);
    }

    [Theory]
    [InlineData("５８３５６７８２５６２４６")]
    [InlineData("5-8356-7825-6246")]
    [InlineData("5 8356 7825 6246")]
    public void Parse_FullWidthSpacesAndHyphens_Normalizes(string input)
    {
        Assert.Equal("5835678256246", CorporateNumber.Parse(input).Value);
    }

    [Theory]
    [InlineData("", IdentifierError.Empty, "a corporate number is required; the input is empty")]
    [InlineData("583567825624", IdentifierError.Length, "a corporate number has 13 digits; got 12")]
    [InlineData("58356782562X6", IdentifierError.NonDigit, "a corporate number contains only digits; found 'X' at position 12")]
    public void TryParse_Invalid_ReportsRuleAndMessage(string input, IdentifierError error, string message)
    {
        Assert.False(CorporateNumber.TryParse(input, out _, out var problem));
        Assert.Equal((error, message), (problem.Error, problem.Message));
    }

    [Fact]
    public void FromBase_DomainExample_PutsCheckDigitFirst()
    {
        Assert.Equal('5', CorporateNumber.ComputeCheckDigit("835678256246"));
        Assert.Equal("5835678256246", CorporateNumber.FromBase("835678256246").Value);
    }

    [Fact]
    public void FromBase_AnyTwelveDigitBase_ParsesBack()
    {
        Prop.ForAll(PropertyTesting.Digits(12).ToArbitrary(), base12 =>
        {
            var number = CorporateNumber.FromBase(base12);
            return number.Value.EndsWith(base12, StringComparison.Ordinal)
                && number.Value[0] is >= '1' and <= '9'
                && CorporateNumber.TryParse(number.Value, out var parsed, out _)
                && parsed == number;
        }).Check(PropertyTesting.Config);
    }

    [Fact]
    public void TryParse_SingleDigitChange_DetectedUnlessZeroAndNineSwapInTheBase()
    {
        // DOMAIN §1.4 sums modulo 9 with weights 1 and 2, so turning a 0 of the base into 9 (or
        // back) changes the sum by 9 or 18 and is not seen; every other single-digit change is.
        Prop.ForAll(PropertyTesting.Digits(12).ToArbitrary(), base12 =>
        {
            string valid = CorporateNumber.FromBase(base12).Value;
            foreach (var change in PropertyTesting.SingleDigitChanges(valid))
            {
                bool accepted = CorporateNumber.TryParse(change.Changed, out _, out var problem);
                bool zeroNineSwap = change.Position > 0 && (change.From, change.To) is ('0', '9') or ('9', '0');
                if (accepted != zeroNineSwap || (!accepted && problem.Error != IdentifierError.CheckDigit))
                {
                    return false;
                }
            }

            return true;
        }).Check(PropertyTesting.Config);
    }
}
