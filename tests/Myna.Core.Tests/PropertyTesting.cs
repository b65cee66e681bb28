using FsCheck;
using FsCheck.Fluent;

namespace Myna.Core.Tests;

/// <summary>Shared FsCheck settings and generators for the property tests.</summary>
internal static class PropertyTesting
{
    /// <summary>10,000 cases per property; quiet unless a case fails, then the test throws.</summary>
    public static Config Config { get; } = Config.QuickThrowOnFailure.WithMaxTest(10_000).WithQuietOnSuccess(true);

    /// <summary>A string of exactly <paramref name="count"/> ASCII digits.</summary>
    public static Gen<string> Digits(int count) =>
        Gen.ArrayOf(Gen.Choose(0, 9), count).Select(ds => new string(Array.ConvertAll(ds, d => (char)('0' + d))));

    /// <summary>Every string that differs from <paramref name="digits"/> in exactly one digit.</summary>
    public static IEnumerable<(int Position, char From, char To, string Changed)> SingleDigitChanges(string digits)
    {
        for (int i = 0; i < digits.Length; i++)
        {
            for (char c = '0'; c <= '9'; c++)
            {
                if (c != digits[i])
                {
                    var chars = digits.ToCharArray();
                    chars[i] = c;
                    yield return (i, digits[i], c, new string(chars));
                }
            }
        }
    }
}
