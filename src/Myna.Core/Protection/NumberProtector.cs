using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Myna.Core.Identifiers;

namespace Myna.Core.Protection;

/// <summary>
/// Encrypts individual numbers for storage and derives the keyed hash used for exact lookup
/// (DOMAIN §12). The ciphertext is bound to the resident it belongs to, so a ciphertext copied
/// onto another row does not decrypt.
/// </summary>
public sealed class NumberProtector(byte[] encryptionKey, byte[] lookupKey) : IDisposable
{
    // One AES-GCM key schedule for the protector's lifetime; AesGcm is not thread-safe, so calls take a lock.
    private readonly AesGcm aes = new(encryptionKey, TagSize);
    private readonly Lock gate = new();

    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static NumberProtector FromKeys(KeyDirectory keys, string municipalityCode) =>
        new(keys.Read(municipalityCode, KeyDirectory.DataEncryption), keys.Read(municipalityCode, KeyDirectory.Lookup));

    public ProtectedNumber Protect(IndividualNumber number, long residentId)
    {
        var plain = Encoding.ASCII.GetBytes(number.Value);
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        lock (gate)
        {
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length),
                sealedBytes.AsSpan(NonceSize + plain.Length), AssociatedData(residentId));
        }
        CryptographicOperations.ZeroMemory(plain);
        return new ProtectedNumber(sealedBytes, LookupHash(number), number.Last4);
    }

    public IndividualNumber Unprotect(byte[] sealedBytes, long residentId)
    {
        if (sealedBytes.Length <= NonceSize + TagSize)
        {
            throw new CryptographicException("stored number ciphertext is truncated");
        }
        var length = sealedBytes.Length - NonceSize - TagSize;
        var plain = new byte[length];
        lock (gate)
        {
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, length),
                sealedBytes.AsSpan(NonceSize + length), plain, AssociatedData(residentId));
        }
        var number = IndividualNumber.Parse(Encoding.ASCII.GetString(plain));
        CryptographicOperations.ZeroMemory(plain);
        return number;
    }

    public byte[] LookupHash(IndividualNumber number) =>
        HMACSHA256.HashData(lookupKey, Encoding.ASCII.GetBytes(number.Value));

    public void Dispose() => aes.Dispose();

    private static byte[] AssociatedData(long residentId) =>
        Encoding.ASCII.GetBytes("resident:" + residentId.ToString(CultureInfo.InvariantCulture));
}

/// <summary>What is stored for one number: ciphertext, lookup hash, and the 4 digits shown when masked.</summary>
public sealed record ProtectedNumber(byte[] Cipher, byte[] LookupHash, string Last4);
