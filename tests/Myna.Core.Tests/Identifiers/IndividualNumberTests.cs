using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Myna.Core.Identifiers;

namespace Myna.Core.Tests.Identifiers;

public class IndividualNumberTests
{
    [Theory]
    [InlineData("123456789018")]
    [InlineData("621498320257")]
    [InlineData("983205673214")]
    [InlineData("111111111118")]
    [InlineData("123456789000")]
    public void Parse_DomainValidExamples_Succeeds(string input)
    {
        var number = IndividualNumber.Parse(input);

        Assert.Equal(input, number.Value);
    }

    [Theory]
    [InlineData("621498320258")]
    [InlineData("123456789010")]
    public void TryParse_DomainInvalidExamples_ReportsCheckDigit(string input)
    {
        bool ok = IndividualNumber.TryParse(input, out var number, out var problem);

        Assert.False(ok);
        Assert.Equal(default, number);
        Assert.Equal(IdentifierError.CheckDigit, problem.Error);
        Assert.Equal("the check digit of an individual number does not match; a digit is wrong or two are swapped", problem.Message);
    }

    [Theory]
    [InlineData("１２３４５６７８９０１８")]
    [InlineData("1234 5678 9018")]
    [InlineData("1234-5678-9018")]
    [InlineData("1234\u30005678\u30009018")]
    [InlineData("１２３４－５６７８－９０１８")]
    [InlineData("\t1234\u20105678\u20119018 ")]
    [InlineData("1234\u20135678\u20149018")]
    [InlineData("1234\u22125678\uFF709018")]
    [InlineData("1234ー5678ー9018")]
    [InlineData("  123456789018\r\n")]
    public void Parse_FullWidthSpacesAndHyphens_Normalizes(string input)
    {
        Assert.Equal("123456789018", IndividualNumber.Parse(input).Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" - \u3000")]
    public void TryParse_Empty_ReportsEmpty(string? input)
    {
        Assert.False(IndividualNumber.TryParse(input, out _, out var problem));
        Assert.Equal(IdentifierError.Empty, problem.Error);
        Assert.Equal("an individual number is required; the input is empty", problem.Message);
    }

    [Theory]
    [InlineData("12345678901", "an individual number has 12 digits; got 11")]
    [InlineData("1234567890123", "an individual number has 12 digits; got 13")]
    [InlineData("１", "an individual number has 12 digits; got 1")]
    public void TryParse_WrongLength_ReportsLength(string input, string message)
    {
        Assert.False(IndividualNumber.TryParse(input, out _, out var problem));
        Assert.Equal(IdentifierError.Length, problem.Error);
        Assert.Equal(message, problem.Message);
    }

    [Theory]
    [InlineData("12A456789018", 3)]
    [InlineData("1234 5678 901x", 12)]
    [InlineData("12345678901８a", 13)]
    [InlineData("١٢٣", 1)]
    public void TryParse_NonDigit_ReportsPositionWithoutQuoting(string input, int position)
    {
        Assert.False(IndividualNumber.TryParse(input, out _, out var problem));
        Assert.Equal(IdentifierError.NonDigit, problem.Error);
        Assert.Equal($"an individual number contains only digits; found a non-digit character at position {position}", problem.Message);
    }

    [Fact]
    public void TryParse_NonDigitAndWrongLength_ReportsNonDigitFirst()
    {
        Assert.False(IndividualNumber.TryParse("12A", out _, out var problem));
        Assert.Equal(IdentifierError.NonDigit, problem.Error);
    }

    [Fact]
    public void Parse_Invalid_ThrowsIdentifierFormatExceptionWithoutDigits()
    {
        var ex = Assert.Throws<IdentifierFormatException>(() => IndividualNumber.Parse("621498320258"));

        Assert.Equal(IdentifierError.CheckDigit, ex.Error);
        Assert.DoesNotMatch(new Regex("[0-9]"), ex.Message);
        Assert.IsAssignableFrom<FormatException>(ex);
    }

    [Fact]
    public void Parse_WrongCheckDigit_CatalogueMessageInJapaneseWithoutDigits()
    {
        var ex = Assert.Throws<IdentifierFormatException>(() => IndividualNumber.Parse("621498320258"));

        Assert.Equal("ident.check-digit.sensitive", ex.Text.Code);
        Assert.StartsWith("個人番号のチェックデジット（検査数字）が合いません。", ex.Text.Ja, StringComparison.Ordinal);
        Assert.Equal(ex.Message, ex.Text.En);
        Assert.DoesNotMatch(new Regex("[0-9]"), ex.Text.Ja);
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => IndividualNumber.Parse(null!));
    }

    [Fact]
    public void ToString_Valid_ReturnsMaskedForm()
    {
        var number = IndividualNumber.Parse("123456789018");

        Assert.Equal("********9018", number.ToString());
        Assert.Equal("********9018", number.Masked);
        Assert.Equal("********9018", $"{number}");
        Assert.Equal("9018", number.Last4);
        Assert.DoesNotContain("12345678", number.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FormatFull_Valid_GroupsOfFour()
    {
        Assert.Equal("1234 5678 9018", IndividualNumber.Parse("123456789018").FormatFull());
    }

    [Fact]
    public void Value_DefaultInstance_IsEmpty()
    {
        IndividualNumber number = default;

        Assert.Equal(string.Empty, number.Value);
        Assert.Equal(string.Empty, number.ToString());
        Assert.Equal(string.Empty, number.Last4);
        Assert.Equal(string.Empty, number.FormatFull());
        Assert.Equal(0, number.GetHashCode());
    }

    [Fact]
    public void Equals_SameDigits_AreEqual()
    {
        var a = IndividualNumber.Parse("123456789018");
        var b = IndividualNumber.Parse("1234-5678-9018");
        var c = IndividualNumber.Parse("621498320257");

        Assert.True(a == b);
        Assert.False(a != b);
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a != c);
        Assert.False(a.Equals("123456789018"));
    }

    [Theory]
    [InlineData("12345678901", '8')]
    [InlineData("62149832025", '7')]
    [InlineData("12345678900", '0')]
    public void ComputeCheckDigit_DomainExamples_Matches(string body, char expected)
    {
        Assert.Equal(expected, IndividualNumber.ComputeCheckDigit(body));
        Assert.Equal(body + expected, IndividualNumber.FromBody(body).Value);
    }

    [Theory]
    [InlineData("1234567890")]
    [InlineData("123456789012")]
    [InlineData("1234567890A")]
    [InlineData("１２３４５６７８９０１")]
    public void FromBody_NotElevenAsciiDigits_ThrowsWithoutQuotingDigits(string body)
    {
        var ex = Assert.Throws<ArgumentException>(() => IndividualNumber.FromBody(body));

        Assert.Equal("body11", ex.ParamName);
        Assert.StartsWith("an individual number's body must be exactly 11 ASCII digits", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("123", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("１２３", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_CheckDigitZeroCollision_BothAccepted()
    {
        // DOMAIN §1.3 maps remainders 0 and 1 to the same check digit 0, so a single-digit change
        // that moves the remainder between them goes unnoticed: the scheme's known blind spot.
        Assert.True(IndividualNumber.TryParse("123456789000", out _, out _));
        Assert.True(IndividualNumber.TryParse("123456789050", out _, out _));
    }

    [Fact]
    public void FromBody_AnyElevenDigitBody_ParsesBack()
    {
        Prop.ForAll(PropertyTesting.Digits(11).ToArbitrary(), body =>
        {
            var number = IndividualNumber.FromBody(body);
            return number.Value.StartsWith(body, StringComparison.Ordinal)
                && IndividualNumber.TryParse(number.Value, out var parsed, out _)
                && parsed == number;
        }).Check(PropertyTesting.Config);
    }

    [Fact]
    public void TryParse_SingleDigitChange_DetectedUnlessBothCheckDigitsAreZero()
    {
        // Every single-digit change is caught when the check digit is 1–9. With check digit 0
        // (remainder 0 or 1) the one change that swaps the remainder within {0, 1} is not.
        Prop.ForAll(PropertyTesting.Digits(11).ToArbitrary(), body =>
        {
            string valid = IndividualNumber.FromBody(body).Value;
            foreach (var change in PropertyTesting.SingleDigitChanges(valid))
            {
                if (IndividualNumber.TryParse(change.Changed, out _, out var problem))
                {
                    if (valid[11] != '0' || change.Changed[11] != '0')
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

    [Fact]
    public void TryParse_AnyInvalidInput_MessageNeverContainsTheDigits()
    {
        // DOMAIN §12: no individual number in error messages. Counts and positions are at most
        // two digits, so a run of three digits would mean part of the input leaked.
        var junk = Gen.Elements('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '9', '8', 'A', '-', ' ', '１', '٣', 'x');
        var inputs = Gen.Choose(0, 40)
            .SelectMany(n => Gen.ArrayOf(junk, n))
            .Select(chars => new string(chars));
        var threeDigits = new Regex("[0-9]{3}");

        Prop.ForAll(inputs.ToArbitrary(), input =>
            IndividualNumber.TryParse(input, out _, out var problem)
            || (!threeDigits.IsMatch(problem.Message) && (input.Length < 4 || !problem.Message.Contains(input, StringComparison.Ordinal))))
            .Check(PropertyTesting.Config);
    }

    [Fact]
    public void TryParse_WrongCheckDigit_MessageHasNoDigitAtAll()
    {
        Prop.ForAll(PropertyTesting.Digits(11).ToArbitrary(), Gen.Choose(1, 9).ToArbitrary(), (body, offset) =>
        {
            char check = IndividualNumber.ComputeCheckDigit(body);
            char wrong = (char)('0' + ((check - '0' + offset) % 10));
            bool ok = IndividualNumber.TryParse(body + wrong, out _, out var problem);
            return !ok && problem.Error == IdentifierError.CheckDigit && !problem.Message.Any(char.IsAsciiDigit);
        }).Check(PropertyTesting.Config);
    }
}
