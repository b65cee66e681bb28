using System.Buffers.Binary;
using System.Net.Sockets;

namespace Myna.Pki.Card;

/// <summary>
/// Puts a virtual card into a <c>vpcd</c> virtual reader (vsmartcard), so PC/SC software sees a
/// card inserted. The reader driver inside pcscd listens (default port 35963); the card connects
/// as the client. Every message both ways is a 2-byte big-endian length and that many bytes. A
/// 1-byte message is a control: 00 power off, 01 power on, 02 reset (no answer), 04 the ATR
/// (answered with it); anything longer is a command APDU, answered with the response APDU.
/// After each PIN check (VERIFY with a PIN) the chip is handed to <c>persist</c> with the status word answered.
/// </summary>
public sealed class VpcdBridge(VirtualCard card, Func<VirtualCard, ushort, CancellationToken, Task>? persist = null)
{
    public const int DefaultPort = 35963;

    /// <summary>APDUs exchanged since the bridge started (for figures).</summary>
    public long Exchanges { get; private set; }

    /// <summary>Connects (retrying until the reader listens) and serves until the reader disconnects or <paramref name="ct"/> fires.</summary>
    public async Task RunAsync(string host, int port, CancellationToken ct)
    {
        using var client = new TcpClient { NoDelay = true };
        while (true)
        {
            try
            {
                await client.ConnectAsync(host, port, ct);
                break;
            }
            catch (SocketException)
            {
                await Task.Delay(500, ct); // pcscd not started yet
            }
        }
        await ServeAsync(client.GetStream(), ct);
    }

    /// <summary>Serves one reader connection until it closes.</summary>
    public async Task ServeAsync(Stream stream, CancellationToken ct)
    {
        var header = new byte[2];
        while (!ct.IsCancellationRequested)
        {
            if (!await ReadExactlyAsync(stream, header, ct))
            {
                return; // the reader went away: the card is out
            }
            var message = new byte[BinaryPrimitives.ReadUInt16BigEndian(header)];
            if (!await ReadExactlyAsync(stream, message, ct))
            {
                return;
            }
            byte[]? answer;
            if (message.Length == 1)
            {
                answer = message[0] switch
                {
                    0x04 => CardApplications.Atr,
                    _ => null, // power off, power on, reset: volatile state goes, nothing is answered
                };
                if (answer is null)
                {
                    card.Reset();
                    continue;
                }
            }
            else
            {
                answer = card.Transmit(message);
                Exchanges++;
                // A PIN check (VERIFY with data) changes the try counter, which must survive a pulled card.
                if (message.Length > 5 && message[1] == 0x20 && persist is not null)
                {
                    await persist(card, BinaryPrimitives.ReadUInt16BigEndian(answer.AsSpan(answer.Length - 2)), ct);
                }
            }
            var frame = new byte[2 + answer.Length];
            BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)answer.Length);
            answer.CopyTo(frame, 2);
            await stream.WriteAsync(frame, ct);
            await stream.FlushAsync(ct);
        }
    }

    private static async Task<bool> ReadExactlyAsync(Stream stream, byte[] buffer, CancellationToken ct)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, ct);
            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
