namespace Myna.Pki.Card;

/// <summary>The status words the chip answers with (ISO/IEC 7816-4), as a real My Number card does.</summary>
public static class StatusWords
{
    public const ushort Ok = 0x9000;
    /// <summary>Fewer bytes than asked: the end of the file was reached.</summary>
    public const ushort EndOfFile = 0x6282;
    public const ushort WrongLength = 0x6700;
    public const ushort IncompatibleWithFile = 0x6981;
    public const ushort SecurityNotSatisfied = 0x6982;
    public const ushort PinBlocked = 0x6983;
    /// <summary>The PIN EF holds no PIN (not set, or a signature PIN without a signature certificate).</summary>
    public const ushort ReferenceDataNotUsable = 0x6984;
    public const ushort NoCurrentFile = 0x6986;
    public const ushort WrongData = 0x6A80;
    public const ushort FunctionNotSupported = 0x6A81;
    public const ushort FileNotFound = 0x6A82;
    public const ushort WrongP1P2 = 0x6A86;
    public const ushort OffsetOutOfRange = 0x6B00;
    public const ushort InstructionNotSupported = 0x6D00;
    public const ushort ClassNotSupported = 0x6E00;

    /// <summary>63 Cx: a PIN check failed or was asked about; x tries are left.</summary>
    public static ushort TriesLeft(int tries) => (ushort)(0x63C0 | Math.Clamp(tries, 0, 15));
}

/// <summary>
/// A short command APDU (ISO/IEC 7816-3 cases 1–4): CLA INS P1 P2 [Lc data] [Le]. Le 00 means
/// 256. Extended lengths are not used by the card's applications and are refused.
/// </summary>
public sealed record CommandApdu(byte Cla, byte Ins, byte P1, byte P2, byte[] Data, int? Le)
{
    public static bool TryParse(ReadOnlySpan<byte> apdu, out CommandApdu? command)
    {
        command = null;
        if (apdu.Length < 4)
        {
            return false;
        }
        var (cla, ins, p1, p2) = (apdu[0], apdu[1], apdu[2], apdu[3]);
        if (apdu.Length == 4)
        {
            command = new CommandApdu(cla, ins, p1, p2, [], null);
            return true;
        }
        if (apdu.Length == 5)
        {
            command = new CommandApdu(cla, ins, p1, p2, [], apdu[4] == 0 ? 256 : apdu[4]);
            return true;
        }
        var lc = apdu[4];
        if (lc == 0)
        {
            return false; // an extended length
        }
        if (apdu.Length == 5 + lc)
        {
            command = new CommandApdu(cla, ins, p1, p2, apdu.Slice(5, lc).ToArray(), null);
            return true;
        }
        if (apdu.Length == 6 + lc)
        {
            command = new CommandApdu(cla, ins, p1, p2, apdu.Slice(5, lc).ToArray(), apdu[5 + lc] == 0 ? 256 : apdu[5 + lc]);
            return true;
        }
        return false;
    }

    public static byte[] Response(ushort status) => [(byte)(status >> 8), (byte)(status & 0xFF)];

    public static byte[] Response(ReadOnlySpan<byte> data, ushort status)
    {
        var response = new byte[data.Length + 2];
        data.CopyTo(response);
        response[^2] = (byte)(status >> 8);
        response[^1] = (byte)(status & 0xFF);
        return response;
    }
}
