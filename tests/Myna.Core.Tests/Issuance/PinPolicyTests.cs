using Myna.Core.Issuance;

namespace Myna.Core.Tests.Issuance;

/// <summary>DOMAIN §6.6, case by case.</summary>
public sealed class PinPolicyTests
{
    private static readonly DateOnly Birth = new(1980, 2, 17);

    [Theory]
    [InlineData(PinKind.UserAuthentication, "2580", "2580", null)]
    [InlineData(PinKind.InputAssist, " 7391 ", "7391", null)]
    [InlineData(PinKind.ResidentRegister, "739", null, "format")]
    [InlineData(PinKind.UserAuthentication, "73a1", null, "format")]
    [InlineData(PinKind.UserAuthentication, "１２３４", null, "format")]
    [InlineData(PinKind.UserAuthentication, "0217", null, "birth-date")]
    [InlineData(PinKind.UserAuthentication, "1980", null, "birth-date")]
    [InlineData(PinKind.UserAuthentication, "4821", null, "security-code")]
    [InlineData(PinKind.UserAuthentication, "7777", null, "repeated")]
    [InlineData(PinKind.UserAuthentication, "1234", null, "sequence")]
    [InlineData(PinKind.UserAuthentication, "9876", null, "sequence")]
    [InlineData(PinKind.UserAuthentication, "0123", null, "sequence")]
    [InlineData(PinKind.Signature, "abc123", "ABC123", null)]
    [InlineData(PinKind.Signature, "MYNA2026KEY", "MYNA2026KEY", null)]
    [InlineData(PinKind.Signature, "ABC12", null, "format")]
    [InlineData(PinKind.Signature, "ABCDEFGHIJ1234567", null, "format")]
    [InlineData(PinKind.Signature, "ABC-123", null, "format")]
    [InlineData(PinKind.Signature, "ABCDEFG", null, "mix")]
    [InlineData(PinKind.Signature, "1357913", null, "mix")]
    [InlineData(PinKind.Signature, "A19800217", null, "birth-date")]
    public void Check(PinKind kind, string input, string? stored, string? refusal)
    {
        var (pin, why) = PinPolicy.Check(kind, input, Birth, "4821");
        Assert.Equal(stored, pin);
        Assert.Equal(refusal, why?.Code);
        if (why is not null)
        {
            Assert.False(string.IsNullOrWhiteSpace(why.Japanese));
            Assert.False(string.IsNullOrWhiteSpace(why.English));
        }
    }

    [Fact]
    public void TryLimits() => Assert.Equal((5, 3, 3, 3),
        (PinPolicy.MaxTries(PinKind.Signature), PinPolicy.MaxTries(PinKind.UserAuthentication), PinPolicy.MaxTries(PinKind.ResidentRegister), PinPolicy.MaxTries(PinKind.InputAssist)));
}
