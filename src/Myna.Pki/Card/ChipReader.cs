using System.Buffers.Binary;

namespace Myna.Pki.Card;

/// <summary>
/// Talks to a chip only through APDUs, as a card reader would (for <c>myna card show</c> and
/// tests): SELECT, READ BINARY in chunks of 256, VERIFY, the tries-left query.
/// </summary>
public sealed class ChipReader(VirtualCard card)
{
    /// <summary>The status word of the last command that failed or ended a read.</summary>
    public ushort LastStatus { get; private set; }

    public bool Select(byte[] aid) => Ok(card.Transmit([0x00, 0xA4, 0x04, 0x0C, (byte)aid.Length, .. aid]));

    public bool SelectFile(ushort id) => Ok(card.Transmit([0x00, 0xA4, 0x02, 0x0C, 0x02, (byte)(id >> 8), (byte)(id & 0xFF)]));

    /// <summary>The whole file, or null when it cannot be selected or read (see <see cref="LastStatus"/>).</summary>
    public byte[]? ReadFile(ushort id)
    {
        if (!SelectFile(id))
        {
            return null;
        }
        var content = new List<byte>();
        while (content.Count <= 0x7FFF)
        {
            var offset = content.Count;
            var response = card.Transmit([0x00, 0xB0, (byte)(offset >> 8), (byte)(offset & 0xFF), 0x00]);
            var status = BinaryPrimitives.ReadUInt16BigEndian(response.AsSpan(response.Length - 2));
            if (status is StatusWords.Ok or StatusWords.EndOfFile)
            {
                content.AddRange(response.AsSpan(0, response.Length - 2).ToArray());
                if (status == StatusWords.EndOfFile)
                {
                    break;
                }
                continue;
            }
            LastStatus = status;
            if (status == StatusWords.OffsetOutOfRange && content.Count > 0)
            {
                break; // the file ended exactly on a chunk
            }
            return null;
        }
        return [.. content];
    }

    public bool Verify(ushort pin, string value) =>
        SelectFile(pin) && Ok(card.Transmit([0x00, 0x20, 0x00, 0x80, (byte)value.Length, .. System.Text.Encoding.ASCII.GetBytes(value)]));

    /// <summary>Tries left on a PIN of the selected application, or -1 when it has none.</summary>
    public int TriesLeft(ushort pin)
    {
        if (!SelectFile(pin))
        {
            return -1;
        }
        var response = card.Transmit([0x00, 0x20, 0x00, 0x80]);
        return response[0] == 0x63 ? response[1] & 0x0F : -1;
    }

    private bool Ok(byte[] response)
    {
        LastStatus = BinaryPrimitives.ReadUInt16BigEndian(response.AsSpan(response.Length - 2));
        return LastStatus == StatusWords.Ok;
    }
}
