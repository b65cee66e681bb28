using FsCheck;
using FsCheck.Fluent;
using Myna.Core.Identifiers;

namespace Myna.Core.Tests.Identifiers;

public class MunicipalityCodeTests
{
    [Theory]
    [InlineData("042021")]
    [InlineData("131024")]
    public void Parse_DomainExamples_Succeeds(string input)
    {
        var code = MunicipalityCode.Parse(input);

        Assert.Equal(input, code.Value);
        Assert.Equal(input, code.ToString());
    }

    [Theory]
    [InlineData("04202", '1')]
    [InlineData("13102", '4')]
    [InlineData("00000", '1')] // r = 0 → 11 → last digit 1
    [InlineData("00006", '0')] // r = 12 mod 11 = 1 → 10 → last digit 0
    [InlineData("00005", '1')] // r = 10 → 1
    public void ComputeCheckDigit_Examples_Matches(string body, char expected)
    {
        Assert.Equal(expected, MunicipalityCode.ComputeCheckDigit(body));
        Assert.Equal(body + expected, MunicipalityCode.FromBody(body).Value);
    }

    [Theory]
    [InlineData("０４２０２１")]
    [InlineData("04202-1")]
    [InlineData(" 042 021 ")]
    public void Parse_FullWidthSpacesAndHyphens_Normalizes(string input)
    {
        Assert.Equal("042021", MunicipalityCode.Parse(input).Value);
    }

    [Theory]
    [InlineData("  ", IdentifierError.Empty, "a municipality code is required; the input is empty")]
    [InlineData("04202", IdentifierError.Length, "a municipality code has 6 digits; got 5")]
    [InlineData("0420211", IdentifierError.Length, "a municipality code has 6 digits; got 7")]
    [InlineData("04202Z", IdentifierError.NonDigit, "a municipality code contains only digits; found 'Z' at position 6")]
    [InlineData("04\u00A0021", IdentifierError.NonDigit, "a municipality code contains only digits; found U+00A0 at position 3")]
    [InlineData("042020", IdentifierError.CheckDigit, "the check digit of a municipality code does not match (expected 1)")]
    [InlineData("131025", IdentifierError.CheckDigit, "the check digit of a municipality code does not match (expected 4)")]
    public void TryParse_Invalid_ReportsRuleAndMessage(string input, IdentifierError error, string message)
    {
        Assert.False(MunicipalityCode.TryParse(input, out _, out var problem));
        Assert.Equal((error, message), (problem.Error, problem.Message));
    }

    [Fact]
    public void FromBody_NotFiveDigits_Throws()
    {
        Assert.Throws<ArgumentException>(() => MunicipalityCode.FromBody("0420"));
        Assert.Throws<ArgumentException>(() => MunicipalityCode.ComputeCheckDigit("0420x"));
    }

    [Fact]
    public void FromBody_AnyFiveDigitBody_ParsesBack()
    {
        Prop.ForAll(PropertyTesting.Digits(5).ToArbitrary(), body =>
            MunicipalityCode.TryParse(MunicipalityCode.FromBody(body).Value, out var parsed, out _)
            && parsed.Value.StartsWith(body, StringComparison.Ordinal))
            .Check(PropertyTesting.Config);
    }

    [Fact]
    public void TryParse_SingleDigitChange_DetectedUnlessRemainderMovesBetweenZeroAndTen()
    {
        // DOMAIN §1.1 maps r = 0 and r = 10 to the same check digit 1, so changes between those
        // remainders go unnoticed; every other single-digit change is caught. Exhaustive: all
        // 100,000 codes, every position, every other digit.
        int undetected = 0;
        for (int n = 0; n < 100_000; n++)
        {
            string valid = MunicipalityCode.FromBody(n.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)).Value;
            foreach (var change in PropertyTesting.SingleDigitChanges(valid))
            {
                if (MunicipalityCode.TryParse(change.Changed, out _, out var problem))
                {
                    Assert.Equal('1', valid[5]);
                    Assert.Equal('1', change.Changed[5]);
                    undetected++;
                }
                else
                {
                    Assert.Equal(IdentifierError.CheckDigit, problem.Error);
                }
            }
        }

        Assert.InRange(undetected, 1, 100_000 * 5 * 9 / 10);
    }

    [Fact]
    public void TryParse_SingleDigitChangeWithCheckDigitNotOne_AlwaysDetected()
    {
        Prop.ForAll(PropertyTesting.Digits(5).ToArbitrary(), body =>
        {
            string valid = MunicipalityCode.FromBody(body).Value;
            return valid[5] == '1'
                || PropertyTesting.SingleDigitChanges(valid).All(c => !MunicipalityCode.TryParse(c.Changed, out _, out _));
        }).Check(PropertyTesting.Config);
    }
}
