using Microsoft.Extensions.Options;
using Myna.Hosting;

namespace Myna.Municipal.Tests;

/// <summary>The options a host starts with are read one way and checked before anything opens a store (ARCHITECTURE principle 4).</summary>
public sealed class OptionsValidationTests
{
    private static OptionsValidationException Refused(params (string Key, string Value)[] settings) =>
        Assert.Throws<OptionsValidationException>(() => MynaConfiguration.Load(overrides: settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))));

    [Fact]
    public void EverySettingThatIsWrong_IsNamed_AtOnce()
    {
        var refused = Refused(
            ("Myna:Municipalities:0:Code", "04202"),
            ("Myna:Municipalities:1:Code", "042145"),
            ("Myna:Municipalities:2:Code", "042145"),
            ("Myna:Database:Provider", "Postgres"),
            ("Myna:National:Url", "http://national.example:7443"),
            ("Myna:CrlRefreshSeconds", "0"));

        Assert.Equal(5, refused.Failures.Count());
        Assert.Contains(refused.Failures, f => f.StartsWith("Myna:Municipalities: '04202'", StringComparison.Ordinal));
        Assert.Contains(refused.Failures, f => f.Contains("042145 is configured twice", StringComparison.Ordinal));
        Assert.Contains(refused.Failures, f => f.StartsWith("Myna:Database:Provider is Postgres", StringComparison.Ordinal));
        Assert.Contains(refused.Failures, f => f.StartsWith("Myna:National:Url", StringComparison.Ordinal));
        Assert.Contains(refused.Failures, f => f.StartsWith("Myna:CrlRefreshSeconds", StringComparison.Ordinal));
    }

    [Fact]
    public void ThePublicUrl_FollowsWhereTheHostListens_UnlessSet()
    {
        var listening = MynaConfiguration.Load(overrides: [new("urls", "http://127.0.0.1:5123")]);
        var set = MynaConfiguration.Load(overrides: [new("urls", "http://127.0.0.1:5123"), new("Myna:PublicUrl", "https://myna.example.jp")]);

        Assert.Equal("http://127.0.0.1:5123", listening.PublicUrl);
        Assert.Equal("https://myna.example.jp", set.PublicUrl);
    }

    [Fact]
    public void AValidConfiguration_IsAccepted_WithItsPathsResolved()
    {
        var options = MynaConfiguration.Load(overrides: [new("Myna:Municipalities:0:Code", "042021"), new("Myna:KeyDirectory", "keys-here")]);

        Assert.True(Path.IsPathRooted(options.KeyDirectory));
        Assert.Equal("042021", Assert.Single(options.Municipalities).Code);
    }
}
