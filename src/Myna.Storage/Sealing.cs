using System.Security.Cryptography;

namespace Myna.Storage;

/// <summary>
/// AES-256-GCM sealing of short secrets kept only for a while (a number on its way to the chip,
/// PINs chosen at application): nonce ‖ ciphertext ‖ tag, bound to what they belong to by the
/// associated data, so a sealed value moved to another row does not open.
/// </summary>
public static class Sealing
{
    public static byte[] Seal(byte[] key, ReadOnlySpan<byte> plain, ReadOnlySpan<byte> boundTo)
    {
        using var aes = new AesGcm(key, 16);
        var sealedBytes = new byte[12 + plain.Length + 16];
        RandomNumberGenerator.Fill(sealedBytes.AsSpan(0, 12));
        aes.Encrypt(sealedBytes.AsSpan(0, 12), plain, sealedBytes.AsSpan(12, plain.Length), sealedBytes.AsSpan(12 + plain.Length), boundTo);
        return sealedBytes;
    }

    public static byte[] Open(byte[] key, byte[] sealedBytes, ReadOnlySpan<byte> boundTo)
    {
        using var aes = new AesGcm(key, 16);
        var plain = new byte[sealedBytes.Length - 28];
        aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(12, plain.Length), sealedBytes.AsSpan(12 + plain.Length), plain, boundTo);
        return plain;
    }
}
