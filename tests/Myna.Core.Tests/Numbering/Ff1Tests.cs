using FsCheck;
using FsCheck.Fluent;
using Myna.Core.Numbering;

namespace Myna.Core.Tests.Numbering;

public class Ff1Tests
{
    private const string Aes128Key = "2B7E151628AED2A6ABF7158809CF4F3C";
    private const string Aes192Key = "2B7E151628AED2A6ABF7158809CF4F3CEF4359D8D580AA4F";
    private const string Aes256Key = "2B7E151628AED2A6ABF7158809CF4F3CEF4359D8D580AA4F7F036D6F04FC6A94";
    private const string SampleTweak = "39383736353433323130";

    // NIST SP 800-38G FF1 samples 1, 2, 4, 5, 7 and 8 (the radix-10 ones); DOMAIN §1.3.
    [Theory]
    [InlineData(Aes128Key, "", "0123456789", "2433477484")]
    [InlineData(Aes128Key, SampleTweak, "0123456789", "6124200773")]
    [InlineData(Aes192Key, "", "0123456789", "2830668132")]
    [InlineData(Aes192Key, SampleTweak, "0123456789", "2496655549")]
    [InlineData(Aes256Key, "", "0123456789", "6657667009")]
    [InlineData(Aes256Key, SampleTweak, "0123456789", "1001623463")]
    public void Encrypt_NistSample_MatchesCiphertext(string key, string tweak, string plaintext, string ciphertext)
    {
        using var ff1 = new Ff1(Convert.FromHexString(key));

        Assert.Equal(ciphertext, ff1.Encrypt(plaintext, Convert.FromHexString(tweak)));
        Assert.Equal(plaintext, ff1.Decrypt(ciphertext, Convert.FromHexString(tweak)));
    }

    [Fact]
    public void Encrypt_NistSamplesInterleaved_TweakCacheStaysCorrect()
    {
        using var ff1 = new Ff1(Convert.FromHexString(Aes128Key));
        byte[] tweak = Convert.FromHexString(SampleTweak);

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal("2433477484", ff1.Encrypt("0123456789", []));
            Assert.Equal("6124200773", ff1.Encrypt("0123456789", tweak));
        }
    }

    [Fact]
    public void Encrypt_SpanOverload_SameAsStringAndWorksInPlace()
    {
        using var ff1 = new Ff1(Convert.FromHexString(Aes256Key));
        Span<char> buffer = stackalloc char[12];
        "0123456789".CopyTo(buffer);

        ff1.Encrypt(buffer[..10], [], buffer);

        Assert.Equal("6657667009", buffer[..10].ToString());
        ff1.Decrypt(buffer[..10], [], buffer);
        Assert.Equal("0123456789", buffer[..10].ToString());
    }

    [Fact]
    public void Encrypt_AnyLengthAndTweak_MatchesReferenceImplementation()
    {
        byte[] key = Convert.FromHexString(Aes256Key);
        using var ff1 = new Ff1(key);
        var cases = Gen.Choose(Ff1.MinLength, Ff1.MaxLength)
            .SelectMany(PropertyTesting.Digits)
            .SelectMany(digits => Gen.Choose(0, 40).SelectMany(t => Gen.ArrayOf(Gen.Choose(0, 255), t))
                .Select(tweak => (Digits: digits, Tweak: Array.ConvertAll(tweak, b => (byte)b))));

        Prop.ForAll(cases.ToArbitrary(), c => ff1.Encrypt(c.Digits, c.Tweak) == Ff1Reference.Encrypt(key, c.Tweak, c.Digits))
            .Check(PropertyTesting.Config.WithMaxTest(2_000));
    }

    [Fact]
    public void Decrypt_OfEncrypt_IsIdentity()
    {
        using var ff1 = new Ff1(Convert.FromHexString(Aes128Key));
        var cases = Gen.Choose(Ff1.MinLength, Ff1.MaxLength)
            .SelectMany(PropertyTesting.Digits)
            .SelectMany(digits => Gen.Choose(0, 3).Select(generation => (Digits: digits, Tweak: BitConverter.GetBytes(generation))));

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            string cipher = ff1.Encrypt(c.Digits, c.Tweak);
            return cipher.Length == c.Digits.Length
                && cipher.All(char.IsAsciiDigit)
                && ff1.Decrypt(cipher, c.Tweak) == c.Digits;
        }).Check(PropertyTesting.Config);
    }

    [Fact]
    public void Encrypt_EverySixDigitInput_IsAPermutation()
    {
        // Distinct inputs give distinct outputs (DOMAIN §1.3): checked over the whole 6-digit domain.
        using var ff1 = new Ff1(Convert.FromHexString(Aes256Key));
        var seen = new bool[1_000_000];
        Span<char> input = stackalloc char[6];
        Span<char> output = stackalloc char[6];

        for (int i = 0; i < seen.Length; i++)
        {
            i.TryFormat(input, out _, "D6", System.Globalization.CultureInfo.InvariantCulture);
            ff1.Encrypt(input, [], output);
            int value = int.Parse(output, System.Globalization.CultureInfo.InvariantCulture);
            Assert.False(seen[value]);
            seen[value] = true;
        }
    }

    [Fact]
    public void Encrypt_DistinctResidentCodes_DistinctBodies()
    {
        using var ff1 = new Ff1(Convert.FromHexString(Aes256Key));
        var random = new Random(20190501);
        var inputs = new HashSet<string>(StringComparer.Ordinal);
        while (inputs.Count < 100_000)
        {
            inputs.Add(random.NextInt64(0, 100_000_000_000).ToString("D11", System.Globalization.CultureInfo.InvariantCulture));
        }

        var outputs = inputs.Select(x => ff1.Encrypt(x, [])).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(inputs.Count, outputs.Count);
    }

    [Fact]
    public void Encrypt_DifferentTweak_DifferentOutput()
    {
        using var ff1 = new Ff1(Convert.FromHexString(Aes256Key));

        Assert.NotEqual(ff1.Encrypt("12345678903", []), ff1.Encrypt("12345678903", [0, 0, 0, 1]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(20)]
    [InlineData(33)]
    public void Constructor_KeyNotAesSize_Throws(int length)
    {
        Assert.Throws<ArgumentException>(() => new Ff1(new byte[length]));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("1234567890123456789012345678901234567")]
    public void Encrypt_LengthOutOfBounds_Throws(string digits)
    {
        using var ff1 = new Ff1(new byte[32]);

        var ex = Assert.Throws<ArgumentException>(() => ff1.Encrypt(digits, []));
        Assert.Equal("digits", ex.ParamName);
        Assert.DoesNotContain(digits, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encrypt_NonDigit_ThrowsWithPositionNotInput()
    {
        using var ff1 = new Ff1(new byte[32]);

        var ex = Assert.Throws<ArgumentException>(() => ff1.Encrypt("1234567890x", []));
        Assert.Equal("FF1 input has only ASCII digits; found another character at position 11 (Parameter 'digits')", ex.Message);
        Assert.Throws<ArgumentException>(() => ff1.Encrypt("１２３４５６７８９０１", []));
    }

    [Fact]
    public void Encrypt_OutputTooShortOrTweakTooLong_Throws()
    {
        using var ff1 = new Ff1(new byte[32]);
        char[] output = new char[10];

        Assert.Throws<ArgumentException>(() => ff1.Encrypt("12345678903", [], output));
        Assert.Throws<ArgumentException>(() => ff1.Encrypt("12345678903", new byte[Ff1.MaxTweakLength + 1]));
        Assert.Equal(11, ff1.Encrypt("12345678903", new byte[Ff1.MaxTweakLength]).Length);
    }

    [Fact]
    public void Encrypt_AfterDispose_Throws()
    {
        var ff1 = new Ff1(new byte[16]);
        ff1.Dispose();
        ff1.Dispose();

        Assert.Throws<ObjectDisposedException>(() => ff1.Encrypt("123456", []));
    }
}
