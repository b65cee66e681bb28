using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Myna.Pki.Card;

/// <summary>
/// The chip's persistent memory as stored (DOMAIN §7.3): every file, PIN (with its try counter)
/// and key, serialised and sealed with AES-256-GCM under a key kept outside the database. The
/// card's serial is bound as associated data, so one card's image cannot be passed off as another's.
/// What is volatile (selection, verified PINs) is not stored.
/// </summary>
public static class ChipImage
{
    private const byte Version = 1;

    private sealed record FileImage(ushort Id, byte[] Content, ushort? ReadPin);

    private sealed record PinImage(ushort Id, byte[] Value, int MaxTries, int TriesLeft);

    private sealed record KeyImage(ushort Id, byte[] Pkcs8, ushort Pin);

    private sealed record ApplicationImage(byte[] Aid, List<FileImage> Files, List<PinImage> Pins, List<KeyImage> Keys);

    public static byte[] Seal(VirtualCard card, string serial, byte[] key)
    {
        var image = card.Applications.Select(a => new ApplicationImage(a.Aid,
            a.Binaries.Select(f => new FileImage(f.Key, f.Value.Content, f.Value.ReadPin)).ToList(),
            a.Pins.Select(p => new PinImage(p.Key, p.Value.Value, p.Value.MaxTries, p.Value.TriesLeft)).ToList(),
            a.Keys.Select(k => new KeyImage(k.Key, k.Value.Key.ExportPkcs8PrivateKey(), k.Value.Pin)).ToList())).ToList();
        var plain = JsonSerializer.SerializeToUtf8Bytes(image);
        try
        {
            var sealedImage = new byte[1 + 12 + 16 + plain.Length];
            sealedImage[0] = Version;
            var nonce = sealedImage.AsSpan(1, 12);
            RandomNumberGenerator.Fill(nonce);
            using var aes = new AesGcm(key, 16);
            aes.Encrypt(nonce, plain, sealedImage.AsSpan(29), sealedImage.AsSpan(13, 16), Encoding.ASCII.GetBytes(serial));
            return sealedImage;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain); // it held the private keys and PINs
        }
    }

    public static VirtualCard Open(byte[] sealedImage, string serial, byte[] key)
    {
        if (sealedImage.Length < 29 || sealedImage[0] != Version)
        {
            throw new CryptographicException("not a chip image of this version");
        }
        var plain = new byte[sealedImage.Length - 29];
        try
        {
            using var aes = new AesGcm(key, 16);
            aes.Decrypt(sealedImage.AsSpan(1, 12), sealedImage.AsSpan(29), sealedImage.AsSpan(13, 16), plain, Encoding.ASCII.GetBytes(serial));
            var image = JsonSerializer.Deserialize<List<ApplicationImage>>(plain) ?? throw new CryptographicException("empty chip image");
            var card = new VirtualCard(image.Select(a =>
            {
                var application = new ChipApplication(a.Aid);
                foreach (var f in a.Files)
                {
                    application.Binaries[f.Id] = new ChipBinary(f.Content, f.ReadPin);
                }
                foreach (var p in a.Pins)
                {
                    application.Pins[p.Id] = new ChipPin(p.Value, p.MaxTries, p.TriesLeft);
                }
                foreach (var k in a.Keys)
                {
                    var rsa = RSA.Create();
                    rsa.ImportPkcs8PrivateKey(k.Pkcs8, out _);
                    application.Keys[k.Id] = new ChipKey(rsa, k.Pin);
                }
                return application;
            }).ToList());
            ChipLayout.CompleteJpkiLayout(card.Application(CardApplications.Jpki));
            return card;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }
}
