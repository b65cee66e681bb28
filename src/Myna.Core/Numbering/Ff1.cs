using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;

namespace Myna.Core.Numbering;

/// <summary>
/// FF1 format-preserving encryption (NIST SP 800-38G) of decimal digit strings, on the platform's
/// AES. DOMAIN §1.3: numbering turns a resident code into an individual number's body with FF1
/// under a secret key; a different tweak yields the replacement number after a leak.
/// </summary>
/// <remarks>
/// <para>Bounds: inputs of <see cref="MinLength"/> to <see cref="MaxLength"/> digits (both
/// inclusive). 6 is the standard's minimum for radix 10 (10^6 ≥ 1,000,000). 36 keeps each half at
/// most 18 digits, so a half's value (&lt; 10^18) fits a <see cref="ulong"/>, NUM(B) takes b ≤ 8
/// bytes and the round output d ≤ 12 bytes: one AES block per round and no big integers.
/// Tweaks have 0 to <see cref="MaxTweakLength"/> bytes.</para>
/// <para>Not thread-safe: an instance reuses its buffers and the precomputation for the last
/// (length, tweak) pair, which is what makes bulk numbering with one tweak fast. Use one instance
/// per thread.</para>
/// </remarks>
public sealed class Ff1 : IDisposable
{
    /// <summary>The fewest digits FF1 accepts for radix 10 (inclusive).</summary>
    public const int MinLength = 6;

    /// <summary>The most digits this implementation accepts (inclusive).</summary>
    public const int MaxLength = 36;

    /// <summary>The longest tweak accepted, in bytes (inclusive).</summary>
    public const int MaxTweakLength = 256;

    private const int Rounds = 10;
    private const int BlockSize = 16;

    private static readonly ulong[] PowersOfTen = CreatePowersOfTen();

    private readonly Aes _aes;

    // CIPH_K of SP 800-38G is AES on one block, i.e. ECB over exactly 16 bytes. The one-shot
    // Aes.EncryptEcb re-creates the native cipher context on every call (about a microsecond and
    // an allocation per block here); a reused ECB transform over fixed arrays computes the same
    // without either, which is what keeps ten rounds per number cheap.
    private readonly ICryptoTransform _cipher;
    private readonly byte[] _in = new byte[BlockSize];
    private readonly byte[] _out = new byte[BlockSize];

    // CBC-MAC state after P and Q's round-independent blocks, already XORed with the constant
    // bytes of Q's last block; valid for (_length, _tweak[.._tweakLength]).
    private readonly byte[] _lastBlockBase = new byte[BlockSize];
    private byte[] _tweak = new byte[32];
    private int _tweakLength = -1;
    private int _length;
    private int _numBytes;
    private int _roundBytes;
    private bool _disposed;

    /// <summary>Creates an FF1 instance over an AES-128, AES-192 or AES-256 key (16, 24 or 32 bytes).</summary>
    public Ff1(ReadOnlySpan<byte> key)
    {
        if (key.Length is not (16 or 24 or 32))
        {
            throw new ArgumentException("an FF1 key is an AES key of 16, 24 or 32 bytes", nameof(key));
        }

        _aes = Aes.Create();
        byte[] copy = key.ToArray();
        try
        {
            _aes.Key = copy;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(copy);
        }

        _aes.Mode = CipherMode.ECB;
        _aes.Padding = PaddingMode.None;
        _cipher = _aes.CreateEncryptor();
    }

    /// <summary>Encrypts a string of ASCII digits to a string of the same length.</summary>
    public string Encrypt(string digits, ReadOnlySpan<byte> tweak) => Transform(digits, tweak, encrypt: true);

    /// <summary>Decrypts what <see cref="Encrypt(string, ReadOnlySpan{byte})"/> produced with the same key and tweak.</summary>
    public string Decrypt(string digits, ReadOnlySpan<byte> tweak) => Transform(digits, tweak, encrypt: false);

    /// <summary>
    /// Encrypts <paramref name="digits"/> into the first <c>digits.Length</c> characters of
    /// <paramref name="output"/>, without allocating. The spans may be the same memory.
    /// </summary>
    public void Encrypt(ReadOnlySpan<char> digits, ReadOnlySpan<byte> tweak, Span<char> output) =>
        Transform(digits, tweak, output, encrypt: true);

    /// <summary>The inverse of <see cref="Encrypt(ReadOnlySpan{char}, ReadOnlySpan{byte}, Span{char})"/>.</summary>
    public void Decrypt(ReadOnlySpan<char> digits, ReadOnlySpan<byte> tweak, Span<char> output) =>
        Transform(digits, tweak, output, encrypt: false);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _cipher.Dispose();
        _aes.Dispose();
        CryptographicOperations.ZeroMemory(_in);
        CryptographicOperations.ZeroMemory(_out);
        CryptographicOperations.ZeroMemory(_lastBlockBase);
    }

    private string Transform(string digits, ReadOnlySpan<byte> tweak, bool encrypt)
    {
        ArgumentNullException.ThrowIfNull(digits);
        Span<char> buffer = stackalloc char[MaxLength];
        Transform(digits, tweak, buffer, encrypt);
        return new string(buffer[..digits.Length]);
    }

    // SP 800-38G Algorithms 7 and 8 with radix 10, keeping A and B as numbers between rounds.
    private void Transform(ReadOnlySpan<char> digits, ReadOnlySpan<byte> tweak, Span<char> output, bool encrypt)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int n = digits.Length;
        if (n is < MinLength or > MaxLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"FF1 takes {MinLength} to {MaxLength} digits; got {n}"), nameof(digits));
        }

        if (tweak.Length > MaxTweakLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"an FF1 tweak has at most {MaxTweakLength} bytes; got {tweak.Length}"), nameof(tweak));
        }

        if (output.Length < n)
        {
            throw new ArgumentException("the output is shorter than the input", nameof(output));
        }

        int u = n / 2;
        int v = n - u;

        // Read everything before writing, so output may overlap digits.
        ulong a = ToNumber(digits[..u], 0);
        ulong b = ToNumber(digits[u..], u);
        Prepare(n, tweak);

        if (encrypt)
        {
            for (int i = 0; i < Rounds; i++)
            {
                ulong modulus = PowersOfTen[i % 2 == 0 ? u : v];
                ulong c = (a + RoundValue(i, b, modulus)) % modulus;
                a = b;
                b = c;
            }
        }
        else
        {
            for (int i = Rounds - 1; i >= 0; i--)
            {
                ulong modulus = PowersOfTen[i % 2 == 0 ? u : v];
                ulong c = (b + modulus - RoundValue(i, a, modulus)) % modulus;
                b = a;
                a = c;
            }
        }

        WriteDigits(a, output[..u]);
        WriteDigits(b, output.Slice(u, v));
    }

    /// <summary>
    /// Computes P and MACs the round-independent part of Q = T || 0^pad || [i] || [NUM(B)]^b.
    /// Since 1 + b ≤ 9 bytes, only Q's last block changes between rounds.
    /// </summary>
    private void Prepare(int n, ReadOnlySpan<byte> tweak)
    {
        if (n == _length && _tweakLength >= 0 && tweak.SequenceEqual(_tweak.AsSpan(0, _tweakLength)))
        {
            return;
        }

        int u = n / 2;
        int v = n - u;
        int t = tweak.Length;

        // b = ⌈⌈v·log2 10⌉ / 8⌉; v·log2 10 is never an integer, so ⌈v·log2 10⌉ is 10^v's bit length.
        int b = (64 - BitOperations.LeadingZeroCount(PowersOfTen[v]) + 7) / 8;
        int d = (4 * ((b + 3) / 4)) + 4;

        // P = [1]^1 || [2]^1 || [1]^1 || [radix]^3 || [10]^1 || [u mod 256]^1 || [n]^4 || [t]^4
        _in[0] = 1;
        _in[1] = 2;
        _in[2] = 1;
        _in[3] = 0;
        _in[4] = 0;
        _in[5] = 10;
        _in[6] = 10;
        _in[7] = (byte)u;
        BinaryPrimitives.WriteUInt32BigEndian(_in.AsSpan(8), (uint)n);
        BinaryPrimitives.WriteUInt32BigEndian(_in.AsSpan(12), (uint)t);
        Cipher();

        int pad = (((-t - b - 1) % BlockSize) + BlockSize) % BlockSize;
        int constantBlocks = ((t + pad + 1 + b) / BlockSize) - 1;
        for (int k = 0; k < constantBlocks; k++)
        {
            for (int j = 0; j < BlockSize; j++)
            {
                int index = (k * BlockSize) + j;
                _in[j] = (byte)(_out[j] ^ (index < t ? tweak[index] : 0));
            }

            Cipher();
        }

        for (int j = 0; j < BlockSize; j++)
        {
            int index = (constantBlocks * BlockSize) + j;
            byte q = j < BlockSize - 1 - b && index < t ? tweak[index] : (byte)0;
            _lastBlockBase[j] = (byte)(_out[j] ^ q);
        }

        if (_tweak.Length < t)
        {
            _tweak = new byte[t];
        }

        tweak.CopyTo(_tweak);
        _tweakLength = t;
        _length = n;
        _numBytes = b;
        _roundBytes = d;
    }

    /// <summary>y = NUM(S) mod 10^m for round <paramref name="round"/>, where S is the first d bytes of PRF(P || Q).</summary>
    private ulong RoundValue(int round, ulong numB, ulong modulus)
    {
        _lastBlockBase.CopyTo(_in, 0);
        _in[BlockSize - 1 - _numBytes] ^= (byte)round;
        for (int k = 0; k < _numBytes; k++)
        {
            _in[BlockSize - 1 - k] ^= (byte)((numB >> (8 * k)) & 0xFF);
        }

        Cipher();

        // d ≤ 12 ≤ 16, so S is a prefix of R and the standard's extra blocks are never needed.
        if (_roundBytes == 8)
        {
            return BinaryPrimitives.ReadUInt64BigEndian(_out) % modulus;
        }

        var y = new UInt128(BinaryPrimitives.ReadUInt32BigEndian(_out), BinaryPrimitives.ReadUInt64BigEndian(_out.AsSpan(4)));
        return (ulong)(y % modulus);
    }

    private void Cipher() => _cipher.TransformBlock(_in, 0, BlockSize, _out, 0);

    private static ulong ToNumber(ReadOnlySpan<char> digits, int offset)
    {
        ulong value = 0;
        for (int i = 0; i < digits.Length; i++)
        {
            char c = digits[i];
            if (c is < '0' or > '9')
            {
                // The input is a resident code or a number body: say where, never what.
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"FF1 input has only ASCII digits; found another character at position {offset + i + 1}"),
                    nameof(digits));
            }

            value = (value * 10) + (ulong)(c - '0');
        }

        return value;
    }

    private static void WriteDigits(ulong value, Span<char> destination)
    {
        for (int i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + (int)(value % 10));
            value /= 10;
        }
    }

    private static ulong[] CreatePowersOfTen()
    {
        var powers = new ulong[(MaxLength / 2) + 1];
        powers[0] = 1;
        for (int i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }
}
