using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Myna.Core.Identifiers;

namespace Myna.Core.Tests.Identifiers;

public class ResidentCodeTests
{
    [Fact]
    public void FromBody_KnownBody_UsesTheIndividualNumberScheme()
    {
        // DOMAIN §1.2: the §1.3 mod-11 scheme over a 10-digit body. Weights from the lowest digit:
        // 0×2 + 9×3 + 8×4 + 7×5 + 6×6 + 5×7 + 4×2 + 3×3 + 2×4 + 1×5 = 195; 195 mod 11 = 8; 11 − 8 = 3.
        var code = ResidentCode.FromBody("1234567890");

        Assert.Equal("12345678903", code.Value);
        Assert.Equal("12345678903", code.ToString());
    }

    [Theory]
    [InlineData(0L, "00000000000")]
    [InlineData(1_234_567_890L, "12345678903")]
    [InlineData(ResidentCode.MaxBody, "99999999995")]
    public void FromBody_Number_ZeroPadsAndAppendsCheckDigit(long body, string expected)
    {
        Assert.Equal(expected, ResidentCode.FromBody(body).Value);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(10_000_000_000L)]
    public void FromBody_NumberOutOfRange_Throws(long body)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ResidentCode.FromBody(body));
    }

    [Theory]
    [InlineData("１２３４５６７８９０３")]
    [InlineData("12345-67890-3")]
    [InlineData(" 1234 5678 903 ")]
    public void Parse_FullWidthSpacesAndHyphens_Normalizes(string input)
    {
        Assert.Equal("12345678903", ResidentCode.Parse(input).Value);
    }

    [Theory]
    [InlineData("", IdentifierError.Empty, "a resident code is required; the input is empty")]
    [InlineData("1234567890", IdentifierError.Length, "a resident code has 11 digits; got 10")]
    [InlineData("12345B78903", IdentifierError.NonDigit, "a resident code contains only digits; found 'B' at position 6")]
    [InlineData("12345678904", IdentifierError.CheckDigit, "the check digit of a resident code does not match (expected 3)")]
    public void TryParse_Invalid_ReportsRuleAndMessage(string input, IdentifierError error, string message)
    {
        Assert.False(ResidentCode.TryParse(input, out _, out var problem));
        Assert.Equal((error, message), (problem.Error, problem.Message));
        var ex = Assert.Throws<IdentifierFormatException>(() => ResidentCode.Parse(input));
        Assert.Equal(error, ex.Error);
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void FromBody_AnyTenDigitBody_ParsesBack()
    {
        Prop.ForAll(PropertyTesting.Digits(10).ToArbitrary(), body =>
        {
            var fromText = ResidentCode.FromBody(body);
            var fromNumber = ResidentCode.FromBody(long.Parse(body, CultureInfo.InvariantCulture));
            return fromText == fromNumber
                && fromText.Value.StartsWith(body, StringComparison.Ordinal)
                && ResidentCode.TryParse(fromText.Value, out var parsed, out _)
                && parsed == fromText;
        }).Check(PropertyTesting.Config);
    }

    [Fact]
    public void TryParse_SingleDigitChange_DetectedUnlessBothCheckDigitsAreZero()
    {
        Prop.ForAll(PropertyTesting.Digits(10).ToArbitrary(), body =>
        {
            string valid = ResidentCode.FromBody(body).Value;
            foreach (var change in PropertyTesting.SingleDigitChanges(valid))
            {
                if (ResidentCode.TryParse(change.Changed, out _, out var problem))
                {
                    if (valid[10] != '0' || change.Changed[10] != '0')
                    {
                        return false;
                    }
                }
                else if (problem.Error != IdentifierError.CheckDigit)
                {
                    return false;
                }
            }

            return true;
        }).Check(PropertyTesting.Config);
    }

    [Theory]
    [InlineData("", "住民票コードを入力してください。")]
    [InlineData("1234567890", "住民票コードは11桁です（入力は10桁です）。")]
    [InlineData("12345B78903", "住民票コードは数字だけで入力してください（6文字目の 'B' は数字ではありません）。")]
    [InlineData("12345678904", "住民票コードのチェックデジット（検査数字）が合いません（正しくは 3）。")]
    public void TryParse_Invalid_JapaneseMessageFromTheCatalogue(string input, string japanese)
    {
        Assert.False(ResidentCode.TryParse(input, out _, out var problem));
        Assert.Equal(japanese, problem.Text.Ja);
        Assert.StartsWith("ident.", problem.Text.Code, StringComparison.Ordinal);
    }
}
