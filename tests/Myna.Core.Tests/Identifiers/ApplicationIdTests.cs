using FsCheck;
using FsCheck.Fluent;
using Myna.Core.Identifiers;
using ApplicationId = Myna.Core.Identifiers.ApplicationId;

namespace Myna.Core.Tests.Identifiers;

public class ApplicationIdTests
{
    private static readonly MunicipalityCode Ishinomaki = MunicipalityCode.Parse("042021");

    [Fact]
    public void New_Csprng_IsValidAndCarriesMunicipality()
    {
        var id = ApplicationId.New(Ishinomaki);

        Assert.Equal(23, id.Value.Length);
        Assert.StartsWith("042021", id.Value, StringComparison.Ordinal);
        Assert.Equal(Ishinomaki, id.Municipality);
        Assert.Equal(id, ApplicationId.Parse(id.Value));
        Assert.Equal(id.Value, id.ToString());
    }

    [Fact]
    public void New_Csprng_DiffersEachTime()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => ApplicationId.New(Ishinomaki).Value).ToHashSet();

        Assert.Equal(1000, ids.Count);
    }

    [Fact]
    public void New_SameSeed_SameId()
    {
        var a = ApplicationId.New(Ishinomaki, new Random(42));
        var b = ApplicationId.New(Ishinomaki, new Random(42));
        var c = ApplicationId.New(Ishinomaki, new Random(43));

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void New_DefaultMunicipality_Throws()
    {
        Assert.Throws<ArgumentException>(() => ApplicationId.New(default));
        Assert.Throws<ArgumentException>(() => ApplicationId.New(default, new Random(1)));
    }

    [Fact]
    public void ComputeCheckDigit_KnownPayload_IsLuhn()
    {
        // 0420211234567890123456: Luhn sum with every second digit doubled from the right is 85.
        Assert.Equal('5', ApplicationId.ComputeCheckDigit("0420211234567890123456"));
        Assert.True(ApplicationId.TryParse("04202112345678901234565", out var id, out _));
        Assert.Equal("042021", id.Municipality.Value);
    }

    [Theory]
    [InlineData("０４２０２１１２３４５６７８９０１２３４５６５")]
    [InlineData("042021-1234-5678-9012-3456-5")]
    [InlineData("042021 1234567890123456 5")]
    public void Parse_FullWidthSpacesAndHyphens_Normalizes(string input)
    {
        Assert.Equal("04202112345678901234565", ApplicationId.Parse(input).Value);
    }

    [Theory]
    [InlineData("", IdentifierError.Empty, "an application ID is required; the input is empty")]
    [InlineData("0420211234567890123456", IdentifierError.Length, "an application ID has 23 digits; got 22")]
    [InlineData("0420211234567890123456?", IdentifierError.NonDigit, "an application ID contains only digits; found '?' at position 23")]
    [InlineData("04202112345678901234560", IdentifierError.CheckDigit, "the check digit of an application ID does not match (expected 5)")]
    public void TryParse_Invalid_ReportsRuleAndMessage(string input, IdentifierError error, string message)
    {
        Assert.False(ApplicationId.TryParse(input, out _, out var problem));
        Assert.Equal((error, message), (problem.Error, problem.Message));
    }

    [Fact]
    public void TryParse_LuhnValidButBadMunicipalityCode_ReportsEmbeddedCheckDigit()
    {
        string payload = "0420201234567890123456";
        string id = payload + ApplicationId.ComputeCheckDigit(payload);

        Assert.False(ApplicationId.TryParse(id, out _, out var problem));
        Assert.Equal(IdentifierError.CheckDigit, problem.Error);
        Assert.Equal(
            "an application ID starts with a municipality code, but that code's check digit does not match (expected 1)",
            problem.Message);
    }

    [Fact]
    public void TryParse_AnySixteenRandomDigitsWithLuhn_IsValid()
    {
        var municipalities = PropertyTesting.Digits(5).Select(b => MunicipalityCode.FromBody(b));
        Prop.ForAll(municipalities.ToArbitrary(), PropertyTesting.Digits(16).ToArbitrary(), (municipality, random) =>
        {
            string payload = municipality.Value + random;
            string digits = payload + ApplicationId.ComputeCheckDigit(payload);
            return ApplicationId.TryParse(digits, out var id, out _) && id.Municipality == municipality;
        }).Check(PropertyTesting.Config);
    }

    [Fact]
    public void New_AnySeed_IsValid()
    {
        Prop.ForAll(Gen.Choose(int.MinValue, int.MaxValue).ToArbitrary(), seed =>
        {
            var id = ApplicationId.New(Ishinomaki, new Random(seed));
            return ApplicationId.TryParse(id.Value, out var parsed, out _) && parsed == id;
        }).Check(PropertyTesting.Config);
    }

    [Fact]
    public void TryParse_SingleDigitChange_AlwaysDetected()
    {
        // Luhn doubling is a permutation of the digits, so any one changed digit changes the sum.
        Prop.ForAll(PropertyTesting.Digits(16).ToArbitrary(), random =>
        {
            string payload = Ishinomaki.Value + random;
            string valid = payload + ApplicationId.ComputeCheckDigit(payload);
            return PropertyTesting.SingleDigitChanges(valid).All(change =>
                !ApplicationId.TryParse(change.Changed, out _, out var problem) && problem.Error == IdentifierError.CheckDigit);
        }).Check(PropertyTesting.Config);
    }
}
