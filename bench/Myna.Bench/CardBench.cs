using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Myna.Pki.Card;

namespace Myna.Bench;

/// <summary>
/// The virtual card (issue 5): APDU round trips in process and through the vpcd bridge (a
/// stand-in reader on loopback speaking the vpcd framing, as pcscd's driver does), and
/// signatures on the chip beside raw RSA-2048 signs with a key of the same size, in the same run.
/// </summary>
public static class CardBench
{
    private static readonly ChipHolder Holder = new("123456789018", "石巻\u3000太郎", "宮城県石巻市穀町14番1号", new DateOnly(1980, 2, 17), 1, new DateOnly(2036, 2, 17), "4821");
    private static readonly byte[] SelectToken = Convert.FromHexString("00A4020C020006");
    private static readonly byte[] ReadToken = Convert.FromHexString("00B0000020");

    public static async Task<List<Figure>> RunAsync(int runs)
    {
        var card = ChipLayout.NewCard(Holder);
        ChipLayout.SetPin(card, CardApplications.Jpki, CardFiles.UserPin, "2580", 3);
        card.Transmit(Convert.FromHexString("00A4040C0AD392F000260100000001"));
        const int apdus = 200_000;
        const int bridged = 20_000;
        const int signatures = 300;
        var (inProcess, viaBridge, onChip, raw) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        var digestInfo = Convert.FromHexString("3031300D060960864801650304020105000420" + Convert.ToHexString(SHA256.HashData("bench"u8)));
        byte[] sign = [0x80, 0x2A, 0x00, 0x80, (byte)digestInfo.Length, .. digestInfo, 0x00];
        using var reference = RSA.Create(2048);
        for (var run = 0; run <= runs; run++)
        {
            var ok = 0;
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < apdus; i++)
            {
                var response = card.Transmit((i & 1) == 0 ? SelectToken : ReadToken);
                ok += response[^2] == 0x90 ? 1 : 0;
            }
            var a = apdus / watch.Elapsed.TotalSeconds;
            if (ok != apdus)
            {
                throw new InvalidOperationException($"{apdus - ok} APDUs failed in process");
            }
            var b = await BridgedAsync(card, bridged);
            card.Transmit(Convert.FromHexString("00A4020C020018"));
            card.Transmit(Convert.FromHexString("002000800432353830"));
            card.Transmit(Convert.FromHexString("00A4020C020017"));
            watch.Restart();
            for (var i = 0; i < signatures; i++)
            {
                card.Transmit(sign);
            }
            var c = signatures / watch.Elapsed.TotalSeconds;
            watch.Restart();
            for (var i = 0; i < signatures; i++)
            {
                reference.SignHash(digestInfo[19..], HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            }
            var d = signatures / watch.Elapsed.TotalSeconds;
            if (run == 0)
            {
                continue; // warm-up
            }
            inProcess.Add(a);
            viaBridge.Add(b);
            onChip.Add(c);
            raw.Add(d);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"card run {run}/{runs}: {a:F0} APDUs/s in process, {b:F0}/s through the bridge, {c:F0} signatures/s on the chip, raw {d:F0}/s"));
        }
        Figure F(string name, int size, List<double> v, double? ratio, string reference) =>
            new(name, size, ApplyLoad.Median(v), v.Min(), v.Max(), "per s", ratio, reference);
        return
        [
            F("APDU round trips in process (SELECT EF / READ BINARY)", apdus, inProcess, null, "—"),
            F("APDU round trips through the vpcd bridge (loopback TCP, one at a time)", bridged, viaBridge, null, "—"),
            F("COMPUTE DIGITAL SIGNATURE on the chip (RSA-2048, after VERIFY)", signatures, onChip, ApplyLoad.Median(onChip.Zip(raw, (x, y) => x / y).ToList()),
                $"raw RSA-2048 signs: median {ApplyLoad.Median(raw).ToString("N0", CultureInfo.InvariantCulture)}/s"),
        ];
    }

    /// <summary>A reader on loopback sends <paramref name="count"/> APDUs one after another, framed as vpcd does.</summary>
    private static async Task<double> BridgedAsync(VirtualCard card, int count)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var cts = new CancellationTokenSource();
        var bridge = new VpcdBridge(card);
        var serving = bridge.RunAsync("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port, cts.Token);
        using var reader = await listener.AcceptTcpClientAsync();
        reader.NoDelay = true;
        var stream = reader.GetStream();
        var header = new byte[2];
        var body = new byte[300];
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var apdu = (i & 1) == 0 ? SelectToken : ReadToken;
            await stream.WriteAsync(new byte[] { 0, (byte)apdu.Length }.Concat(apdu).ToArray());
            await stream.ReadExactlyAsync(header);
            await stream.ReadExactlyAsync(body.AsMemory(0, (header[0] << 8) | header[1]));
        }
        var rate = count / watch.Elapsed.TotalSeconds;
        reader.Close();
        await serving;
        return rate;
    }
}
