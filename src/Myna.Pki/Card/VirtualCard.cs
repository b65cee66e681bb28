using System.Security.Cryptography;

namespace Myna.Pki.Card;

/// <summary>The card's applications and their identifiers (DOMAIN §7.7).</summary>
public static class CardApplications
{
    /// <summary>JPKI-AP: the two certificates, their keys and PINs.</summary>
    public static readonly byte[] Jpki = [0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01];
    /// <summary>券面事項入力補助AP: the individual number and the four information as text.</summary>
    public static readonly byte[] InputAssist = [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08];
    /// <summary>券面AP: the card face (images and data).</summary>
    public static readonly byte[] CardFace = [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02];

    /// <summary>住基AP: the resident register application; here only its PIN (DOMAIN §6.6 住民基本台帳用).</summary>
    public static readonly byte[] ResidentRegister = [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x01];

    /// <summary>Answer to reset of the My Number card.</summary>
    public static readonly byte[] Atr = [0x3B, 0xE0, 0x00, 0xFF, 0x81, 0x31, 0xFE, 0x45, 0x14];
}

/// <summary>Elementary files of the applications (DOMAIN §7.7).</summary>
public static class CardFiles
{
    // JPKI-AP
    public const ushort SignatureCertificate = 0x0001;
    public const ushort SignatureCaCertificate = 0x0002;
    public const ushort Token = 0x0006;
    public const ushort UserCertificate = 0x000A;
    public const ushort UserCaCertificate = 0x000B;
    public const ushort UserKey = 0x0017;
    public const ushort UserPin = 0x0018;
    public const ushort SignatureKey = 0x001A;
    public const ushort SignaturePin = 0x001B;

    // 券面事項入力補助AP (and the card-face AP for the collation PINs)
    public const ushort IndividualNumber = 0x0001;
    public const ushort FourInformation = 0x0002;
    public const ushort InputAssistPin = 0x0011;
    public const ushort CollationA = 0x0014;
    public const ushort CollationB = 0x0015;

    // 住基AP
    public const ushort ResidentRegisterPin = 0x001C;

    // 券面AP
    public const ushort FaceFront = 0x0001;
    public const ushort FaceNumber = 0x0002;

    /// <summary>The token EF's content for a card: 32 bytes, "JPKIAPICCTOKEN2" padded with spaces.</summary>
    public static byte[] CardToken() => System.Text.Encoding.ASCII.GetBytes("JPKIAPICCTOKEN2".PadRight(32));
}

/// <summary>A PIN as the chip holds it: the value, its try limit and the tries left (kept across power cycles).</summary>
public sealed class ChipPin(byte[] value, int maxTries, int triesLeft)
{
    public byte[] Value { get; internal set; } = value;
    public int MaxTries { get; } = maxTries;
    public int TriesLeft { get; internal set; } = triesLeft;
    public bool Blocked => TriesLeft == 0;

    /// <summary>
    /// False for a PIN EF that exists (the chip's layout is fixed, DOMAIN §7.7) but holds no PIN: not yet
    /// set at the window, or a signature PIN on a card without a signature certificate. Nothing verifies
    /// against it; the tries-left query answers <c>63 C0</c>, a VERIFY <c>69 84</c>.
    /// </summary>
    public bool IsSet => Value.Length > 0;

    /// <summary>A PIN EF without a PIN (see <see cref="IsSet"/>).</summary>
    public static ChipPin NotSet(int maxTries) => new([], maxTries, 0);
}

/// <summary>A readable file; <see cref="ReadPin"/> names the PIN EF (same application) that must be verified first.</summary>
public sealed record ChipBinary(byte[] Content, ushort? ReadPin = null);

/// <summary>
/// A private key on the chip; <see cref="Pin"/> names the PIN EF that unlocks signing. The key is
/// reachable only inside this library (the chip signs with it; the sealed image stores it): no
/// public member hands it out (DOMAIN §7.3).
/// </summary>
public sealed class ChipKey
{
    internal ChipKey(RSA key, ushort pin)
    {
        Key = key;
        Pin = pin;
    }

    internal RSA Key { get; }

    public ushort Pin { get; }
}

/// <summary>One application: its AID and its files by EF number.</summary>
public sealed class ChipApplication(byte[] aid)
{
    public byte[] Aid { get; } = aid;
    public Dictionary<ushort, ChipBinary> Binaries { get; } = [];
    public Dictionary<ushort, ChipPin> Pins { get; } = [];
    public Dictionary<ushort, ChipKey> Keys { get; } = [];

    public bool Has(ushort file) => Binaries.ContainsKey(file) || Pins.ContainsKey(file) || Keys.ContainsKey(file);
}

/// <summary>
/// A My Number card's chip at the APDU level (DOMAIN §7.7, §6.6): SELECT by AID and by EF,
/// READ BINARY, VERIFY (with data to check a PIN, without to ask the tries left), COMPUTE DIGITAL
/// SIGNATURE (PKCS#1 v1.5 over a DigestInfo), answering with the status words of a real card.
/// Private keys are made inside and no member returns one. Selection and verified PINs are
/// volatile (lost on <see cref="Reset"/>); try counters are not.
/// </summary>
public sealed class VirtualCard(IReadOnlyList<ChipApplication> applications)
{
    private ChipApplication? application;
    private ushort? current;
    private readonly HashSet<(ChipApplication, ushort)> verified = [];

    public IReadOnlyList<ChipApplication> Applications { get; } = applications;

    public ChipApplication Application(byte[] aid) =>
        Applications.FirstOrDefault(a => a.Aid.AsSpan().SequenceEqual(aid)) ?? throw new ArgumentException("no such application on the card", nameof(aid));

    /// <summary>Power off/on or reset: nothing selected, no PIN verified.</summary>
    public void Reset()
    {
        application = null;
        current = null;
        verified.Clear();
    }

    /// <summary>One command APDU in, one response APDU (data + SW1 SW2) out.</summary>
    public byte[] Transmit(ReadOnlySpan<byte> apdu)
    {
        if (!CommandApdu.TryParse(apdu, out var c) || c is null)
        {
            return CommandApdu.Response(StatusWords.WrongLength);
        }
        return (c.Cla, c.Ins) switch
        {
            (0x00, 0xA4) => Select(c),
            (0x00, 0xB0) => ReadBinary(c),
            (0x00, 0x20) => Verify(c),
            (0x80, 0x2A) => Sign(c),
            (0x00 or 0x80, _) => CommandApdu.Response(StatusWords.InstructionNotSupported),
            _ => CommandApdu.Response(StatusWords.ClassNotSupported),
        };
    }

    private byte[] Select(CommandApdu c)
    {
        if (c.P2 is not (0x0C or 0x00))
        {
            return CommandApdu.Response(StatusWords.WrongP1P2);
        }
        switch (c.P1)
        {
            case 0x04:
                var found = Applications.FirstOrDefault(a => a.Aid.AsSpan().SequenceEqual(c.Data));
                if (found is null)
                {
                    return CommandApdu.Response(StatusWords.FileNotFound);
                }
                if (!ReferenceEquals(found, application))
                {
                    verified.RemoveWhere(v => !ReferenceEquals(v.Item1, found)); // leaving an application drops its PIN states
                }
                application = found;
                current = null;
                return CommandApdu.Response(StatusWords.Ok);
            case 0x02:
                if (c.Data.Length != 2)
                {
                    return CommandApdu.Response(StatusWords.WrongLength);
                }
                var id = (ushort)(c.Data[0] << 8 | c.Data[1]);
                if (application is null || !application.Has(id))
                {
                    return CommandApdu.Response(StatusWords.FileNotFound);
                }
                current = id;
                return CommandApdu.Response(StatusWords.Ok);
            default:
                return CommandApdu.Response(StatusWords.WrongP1P2);
        }
    }

    private byte[] ReadBinary(CommandApdu c)
    {
        if (c.Data.Length > 0)
        {
            return CommandApdu.Response(StatusWords.WrongLength);
        }
        if ((c.P1 & 0x80) != 0)
        {
            return CommandApdu.Response(StatusWords.FunctionNotSupported); // short-EF addressing is not offered
        }
        if (application is null || current is not { } id)
        {
            return CommandApdu.Response(StatusWords.NoCurrentFile);
        }
        if (!application.Binaries.TryGetValue(id, out var file))
        {
            return CommandApdu.Response(StatusWords.IncompatibleWithFile);
        }
        if (file.ReadPin is { } pin && !verified.Contains((application, pin)))
        {
            return CommandApdu.Response(StatusWords.SecurityNotSatisfied);
        }
        var offset = (c.P1 << 8) | c.P2;
        if (offset >= file.Content.Length)
        {
            return CommandApdu.Response(StatusWords.OffsetOutOfRange);
        }
        var wanted = c.Le ?? 256;
        var count = Math.Min(wanted, file.Content.Length - offset);
        return CommandApdu.Response(file.Content.AsSpan(offset, count), count < wanted ? StatusWords.EndOfFile : StatusWords.Ok);
    }

    private byte[] Verify(CommandApdu c)
    {
        if (c.P1 != 0x00 || c.P2 != 0x80)
        {
            return CommandApdu.Response(StatusWords.WrongP1P2);
        }
        if (application is null || current is not { } id || !application.Pins.TryGetValue(id, out var pin))
        {
            return CommandApdu.Response(StatusWords.NoCurrentFile);
        }
        if (c.Data.Length == 0)
        {
            // Asking for the tries left: always 63 Cx, also when blocked or not set (63 C0), as clients expect:
            // OpenSC's JPKI driver asks it of both PINs when it binds the card and refuses any other answer.
            return CommandApdu.Response(StatusWords.TriesLeft(pin.TriesLeft));
        }
        if (!pin.IsSet)
        {
            return CommandApdu.Response(StatusWords.ReferenceDataNotUsable);
        }
        if (pin.Blocked)
        {
            return CommandApdu.Response(StatusWords.PinBlocked);
        }
        if (CryptographicOperations.FixedTimeEquals(pin.Value, c.Data))
        {
            pin.TriesLeft = pin.MaxTries;
            verified.Add((application, id));
            return CommandApdu.Response(StatusWords.Ok);
        }
        pin.TriesLeft--;
        verified.Remove((application, id));
        return CommandApdu.Response(pin.Blocked ? StatusWords.PinBlocked : StatusWords.TriesLeft(pin.TriesLeft));
    }

    private byte[] Sign(CommandApdu c)
    {
        if (c.P1 != 0x00 || c.P2 != 0x80)
        {
            return CommandApdu.Response(StatusWords.WrongP1P2);
        }
        if (application is null || current is not { } id || !application.Keys.TryGetValue(id, out var key))
        {
            return CommandApdu.Response(StatusWords.NoCurrentFile);
        }
        if (application.Pins.TryGetValue(key.Pin, out var pin) && pin.Blocked || !verified.Contains((application, key.Pin)))
        {
            return CommandApdu.Response(StatusWords.SecurityNotSatisfied);
        }
        if (!DigestInfos.TryRead(c.Data, out var algorithm, out var hash))
        {
            return CommandApdu.Response(StatusWords.WrongData);
        }
        return CommandApdu.Response(key.Key.SignHash(hash, algorithm, RSASignaturePadding.Pkcs1), StatusWords.Ok);
    }
}

/// <summary>The DigestInfo prefixes of PKCS#1 v1.5 (RFC 8017 §9.2 note 1) the chip signs.</summary>
internal static class DigestInfos
{
    private static readonly (HashAlgorithmName Name, byte[] Prefix, int Length)[] Known =
    [
        (HashAlgorithmName.SHA1, [0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2B, 0x0E, 0x03, 0x02, 0x1A, 0x05, 0x00, 0x04, 0x14], 20),
        (HashAlgorithmName.SHA256, [0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20], 32),
        (HashAlgorithmName.SHA384, [0x30, 0x41, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30], 48),
        (HashAlgorithmName.SHA512, [0x30, 0x51, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40], 64),
    ];

    public static bool TryRead(byte[] digestInfo, out HashAlgorithmName algorithm, out byte[] hash)
    {
        foreach (var (name, prefix, length) in Known)
        {
            if (digestInfo.Length == prefix.Length + length && digestInfo.AsSpan().StartsWith(prefix))
            {
                algorithm = name;
                hash = digestInfo[prefix.Length..];
                return true;
            }
        }
        algorithm = default;
        hash = [];
        return false;
    }

    public static byte[] For(HashAlgorithmName algorithm, ReadOnlySpan<byte> hash)
    {
        var prefix = Known.First(k => k.Name == algorithm).Prefix;
        return [.. prefix, .. hash];
    }
}
