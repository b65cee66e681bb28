using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;

namespace Myna.Core.Tests.Numbering;

/// <summary>
/// FF1 encryption for radix 10 written straight from NIST SP 800-38G Algorithm 7, with big
/// integers and one-shot AES and no precomputation: slow and obvious, to check the fast one
/// at lengths and tweaks the NIST samples do not cover.
/// </summary>
internal static class Ff1Reference
{
    public static string Encrypt(byte[] key, byte[] tweak, string x)
    {
        const int radix = 10;
        int n = x.Length;
        int t = tweak.Length;
        int u = n / 2;
        int v = n - u;
        string a = x[..u];
        string b = x[u..];
        int bBytes = (int)Math.Ceiling(Math.Ceiling(v * Math.Log2(radix)) / 8);
        int d = (4 * (int)Math.Ceiling(bBytes / 4.0)) + 4;

        byte[] p = [1, 2, 1, 0, 0, radix, 10, (byte)(u % 256), .. BigEndian(n), .. BigEndian(t)];

        using var aes = Aes.Create();
        aes.Key = key;
        for (int i = 0; i < 10; i++)
        {
            int pad = (((-t - bBytes - 1) % 16) + 16) % 16;
            byte[] q = [.. tweak, .. new byte[pad], (byte)i, .. Fixed(BigInteger.Parse(b, CultureInfo.InvariantCulture), bBytes)];
            byte[] message = [.. p, .. q];
            byte[] mac = aes.EncryptCbc(message, new byte[16], PaddingMode.None);
            byte[] r = mac[^16..];

            var s = new List<byte>(r);
            for (int j = 1; j < (d + 15) / 16; j++)
            {
                byte[] block = new byte[16];
                for (int k = 0; k < 16; k++)
                {
                    block[k] = (byte)(r[k] ^ (k >= 12 ? (byte)(j >> (8 * (15 - k))) : (byte)0));
                }

                s.AddRange(aes.EncryptEcb(block, PaddingMode.None));
            }

            var y = new BigInteger(s.Take(d).ToArray(), isUnsigned: true, isBigEndian: true);
            int m = i % 2 == 0 ? u : v;
            var c = (BigInteger.Parse(a, CultureInfo.InvariantCulture) + y) % BigInteger.Pow(radix, m);
            a = b;
            b = c.ToString(CultureInfo.InvariantCulture).PadLeft(m, '0');
        }

        return a + b;
    }

    private static byte[] BigEndian(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static byte[] Fixed(BigInteger value, int length)
    {
        byte[] bytes = value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true);
        return [.. new byte[length - bytes.Length], .. bytes];
    }
}
