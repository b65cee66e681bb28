using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Myna.Pki.Card;

namespace Myna.Pki.Tests.Card;

/// <summary>The vpcd wire protocol against a stand-in reader, and the sealed chip image.</summary>
public sealed class VpcdBridgeTests
{
    private static readonly ChipHolder Hanako = new("123456789018", "石巻\u3000花子", "宮城県石巻市中央二丁目1番1号", new DateOnly(1992, 7, 1), 2, new DateOnly(2036, 7, 1), "0458");

    private static async Task<byte[]> ReceiveAsync(NetworkStream stream)
    {
        var header = new byte[2];
        await stream.ReadExactlyAsync(header);
        var body = new byte[(header[0] << 8) | header[1]];
        await stream.ReadExactlyAsync(body);
        return body;
    }

    private static Task SendAsync(NetworkStream stream, byte[] message) =>
        stream.WriteAsync(new byte[] { (byte)(message.Length >> 8), (byte)(message.Length & 0xFF) }.Concat(message).ToArray()).AsTask();

    [Fact]
    public async Task TheCard_AnswersTheReadersControlsAndApdus_AndKeepsItsTryCounters()
    {
        var card = ChipLayout.NewCard(Hanako);
        ChipLayout.SetPin(card, CardApplications.Jpki, CardFiles.UserPin, "2580", ChipLayout.FourDigitPinTries);
        var persisted = 0;
        var bridge = new VpcdBridge(card, (_, status, _) => { persisted++; Assert.Equal(0x63C2, status); return Task.CompletedTask; });
        using var reader = new TcpListener(IPAddress.Loopback, 0);
        reader.Start();
        var port = ((IPEndPoint)reader.LocalEndpoint).Port;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var running = bridge.RunAsync("127.0.0.1", port, cts.Token);
        using var connection = await reader.AcceptTcpClientAsync(cts.Token);
        var stream = connection.GetStream();

        await SendAsync(stream, [0x04]);
        Assert.Equal(CardApplications.Atr, await ReceiveAsync(stream));
        await SendAsync(stream, [0x01]); // power on: no answer
        await SendAsync(stream, Convert.FromHexString("00A4040C0AD392F000260100000001"));
        Assert.Equal([0x90, 0x00], await ReceiveAsync(stream));
        await SendAsync(stream, Convert.FromHexString("00A4020C020018"));
        Assert.Equal([0x90, 0x00], await ReceiveAsync(stream));
        await SendAsync(stream, Convert.FromHexString("002000800431313131"));
        Assert.Equal([0x63, 0xC2], await ReceiveAsync(stream));
        await SendAsync(stream, [0x02]); // reset
        await SendAsync(stream, Convert.FromHexString("00A4020C020018"));
        Assert.Equal([0x6A, 0x82], await ReceiveAsync(stream)); // nothing selected after a reset

        connection.Close(); // the reader goes away
        await running;
        Assert.Equal(1, persisted);
        Assert.Equal(4, bridge.Exchanges);
    }

    [Fact]
    public void TheSealedImage_RestoresFilesPinsAndKeys_OnlyForItsOwnSerial()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var card = ChipLayout.NewCard(Hanako);
        ChipLayout.SetPin(card, CardApplications.Jpki, CardFiles.UserPin, "2580", ChipLayout.FourDigitPinTries);
        card.Transmit(Convert.FromHexString("00A4040C0AD392F000260100000001"));
        card.Transmit(Convert.FromHexString("00A4020C020018"));
        card.Transmit(Convert.FromHexString("002000800431313131")); // one try used

        var image = ChipImage.Seal(card, "CARD0001", key);
        var restored = ChipImage.Open(image, "CARD0001", key);

        Assert.Throws<AuthenticationTagMismatchException>(() => ChipImage.Open(image, "CARD0002", key));
        Assert.Equal(-1, image.AsSpan().IndexOf("Pkcs8"u8)); // sealed, not merely serialised
        Assert.Equal(-1, image.AsSpan().IndexOf("MjU4MA"u8)); // the PIN as the serialiser would write it
        restored.Transmit(Convert.FromHexString("00A4040C0AD392F000260100000001"));
        restored.Transmit(Convert.FromHexString("00A4020C020018"));
        Assert.Equal([0x63, 0xC2], restored.Transmit(Convert.FromHexString("00200080")));
        Assert.Equal(ChipLayout.PublicKey(card, CardFiles.UserKey).EncodedKeyValue.RawData, ChipLayout.PublicKey(restored, CardFiles.UserKey).EncodedKeyValue.RawData);
    }
}
