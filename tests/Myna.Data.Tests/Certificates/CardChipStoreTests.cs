using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Myna.Data.Cards;
using Myna.Pki.Authorities;
using Myna.Pki.Card;
using Myna.Testing;

namespace Myna.Data.Tests.Certificates;

/// <summary>Cards made with keys on the chip and certificates from the certificate service (DOMAIN §7.3), kept sealed.</summary>
public sealed class CardChipStoreTests
{
    private static readonly ChipHolder TaroChip = new("123456789018", CertificateIssuanceTests.TaroInfo.Name, CertificateIssuanceTests.TaroInfo.Address,
        CertificateIssuanceTests.TaroInfo.BirthDate, 1, CertificateIssuanceTests.Taro.CardExpiry, "4821");

    private static string Send(VirtualCard card, string hex) => Convert.ToHexString(card.Transmit(Convert.FromHexString(hex)));

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ACard_CarriesItsCertificates_ForKeysThatNeverLeftIt_AndKeepsItsPinsAcrossLoads(string provider)
    {
        await using var stores = await CertificateIssuanceTests.WithCasAsync(provider);
        var chips = stores.Runtime.CardChips();
        string serial;
        await using (var db = stores.Runtime.Stores.OpenNational())
        {
            serial = await chips.CreateAsync(db, TaroChip, CertificateIssuanceTests.Taro, CertificateIssuanceTests.TaroInfo, signatureCertificate: true, "production");
            var weak = await Assert.ThrowsAsync<CardException>(() => chips.SetPinsAsync(db, serial, "0217", "MYNA2026", TaroChip.BirthDate, "4821", "window"));
            Assert.Contains("birth", weak.Message, StringComparison.Ordinal);
            await chips.SetPinsAsync(db, serial, "2580", "myna2026", TaroChip.BirthDate, "4821", "window");
        }

        await using var national = stores.Runtime.Stores.OpenNational();
        var card = await chips.LoadAsync(national, serial);
        Assert.Equal("9000", Send(card, "00A4040C0AD392F000260100000001"));
        Send(card, "00A4020C02000A");
        var head = Convert.FromHexString(Send(card, "00B0000004")[..^4]);
        var length = ((head[2] << 8) | head[3]) + 4;
        var der = new List<byte>();
        for (var offset = 0; offset < length; offset += 256)
        {
            var chunk = Math.Min(256, length - offset);
            der.AddRange(Convert.FromHexString(Send(card, $"00B0{offset >> 8:X2}{offset & 0xFF:X2}{(chunk == 256 ? 0 : chunk):X2}")[..^4]));
        }
        using var userCertificate = X509CertificateLoader.LoadCertificate(der.ToArray());
        var stored = await national.Certificates.AsNoTracking().Where(c => c.Ca == (int)CaKind.UserAuthentication).SingleAsync();
        Assert.Equal(stored.Der, der.ToArray());

        // A signature made on the chip after the PIN verifies with the certificate's key.
        var hash = SHA256.HashData("ログイン"u8);
        Send(card, "00A4020C020018");
        Assert.Equal("9000", Send(card, "0020008004" + Convert.ToHexString("2580"u8)));
        Send(card, "00A4020C020017");
        var signature = Convert.FromHexString(Send(card, "802A008033" + "3031300D060960864801650304020105000420" + Convert.ToHexString(hash) + "00")[..^4]);
        using var publicKey = userCertificate.GetRSAPublicKey()!;
        Assert.True(publicKey.VerifyHash(hash, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        // Try counters are the chip's memory: a wrong PIN saved, then loaded again, is still counted.
        Send(card, "00A4020C02001B");
        Assert.Equal("63C4", Send(card, "0020008006" + Convert.ToHexString("WRONG1"u8)));
        await chips.SaveAsync(national, serial, card);
        var again = await chips.LoadAsync(national, serial);
        Send(again, "00A4040C0AD392F000260100000001");
        Send(again, "00A4020C02001B");
        Assert.Equal("63C4", Send(again, "00200080"));
        Assert.Equal("9000", Send(again, "0020008008" + Convert.ToHexString("MYNA2026"u8))); // upper-cased when set
        Assert.Equal(2, await national.AuditRecords.CountAsync(a => a.Subject == "card:" + serial));
        Assert.Equal("9000", Send(again, "00A4040C0AD3921000310001010401")); // 住基AP
        Send(again, "00A4020C02001C");
        Assert.Equal("63C3", Send(again, "00200080"));
        Assert.Equal("9000", Send(again, "0020008004" + Convert.ToHexString("2580"u8)));
    }
}
