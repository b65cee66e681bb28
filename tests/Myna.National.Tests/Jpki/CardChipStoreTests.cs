using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Myna.National.Cards;
using Myna.Pki.Authorities;
using Myna.Pki.Card;
using Myna.Testing;

namespace Myna.National.Tests.Jpki;

/// <summary>Cards made with keys on the chip and certificates from the certificate service (DOMAIN §7.3), kept sealed.</summary>
public sealed class CardChipStoreTests
{
    private static readonly ChipHolder TaroChip = new("123456789018", JpkiScenarios.TaroInfo.Name, JpkiScenarios.TaroInfo.Address,
        JpkiScenarios.TaroInfo.BirthDate, 1, JpkiScenarios.Taro.CardExpiry, "4821");

    private static string Send(VirtualCard card, string hex) => Convert.ToHexString(card.Transmit(Convert.FromHexString(hex)));

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ACard_CarriesItsCertificates_ForKeysThatNeverLeftIt_AndKeepsItsPinsAcrossLoads(string provider)
    {
        await using var stores = await JpkiScenarios.WithCasAsync(provider);
        var chips = stores.Runtime.CardChips();
        string serial;
        await using (var db = stores.Runtime.Stores.OpenNational())
        {
            serial = await chips.CreateAsync(db, TaroChip, JpkiScenarios.Taro, JpkiScenarios.TaroInfo, signatureCertificate: true, "production");
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

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task PinChange_NeedsTheCurrentPin_ALockedPinIsResetAtTheWindow_AndNoPinIsEverLogged(string provider)
    {
        await using var stores = await JpkiScenarios.WithCasAsync(provider);
        var chips = stores.Runtime.CardChips();
        await using var db = stores.Runtime.Stores.OpenNational();
        var serial = await chips.CreateAsync(db, TaroChip, JpkiScenarios.Taro, JpkiScenarios.TaroInfo, signatureCertificate: false, "production");
        await chips.SetPinsAsync(db, serial, "2580", null, TaroChip.BirthDate, "4821", "window");

        await chips.ChangePinAsync(db, serial, Core.Issuance.PinKind.UserAuthentication, "2580", "7391", TaroChip.BirthDate, "4821", "holder");
        var wrong = await Assert.ThrowsAsync<CardException>(() =>
            chips.ChangePinAsync(db, serial, Core.Issuance.PinKind.UserAuthentication, "2580", "4680", TaroChip.BirthDate, "4821", "holder"));
        Assert.Contains("2 tries left", wrong.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<CardException>(() => chips.ChangePinAsync(db, serial, Core.Issuance.PinKind.UserAuthentication, "0000", "4680", TaroChip.BirthDate, "4821", "holder"));
        var locked = await Assert.ThrowsAsync<CardException>(() =>
            chips.ChangePinAsync(db, serial, Core.Issuance.PinKind.UserAuthentication, "1111", "4680", TaroChip.BirthDate, "4821", "holder"));
        Assert.Contains("locked", locked.Message, StringComparison.Ordinal);

        await Assert.ThrowsAsync<CardException>(() => chips.ResetPinAsync(db, serial, Core.Issuance.PinKind.UserAuthentication, "4680", TaroChip.BirthDate, "4821", " ", "clerk"));
        await Assert.ThrowsAsync<CardException>(() => chips.ResetPinAsync(db, serial, Core.Issuance.PinKind.Signature, "MYNA2026", TaroChip.BirthDate, "4821", "運転免許証", "clerk"));
        await chips.ResetPinAsync(db, serial, Core.Issuance.PinKind.UserAuthentication, "4680", TaroChip.BirthDate, "4821", "運転免許証（顔写真付き）", "clerk");
        var card = await chips.LoadAsync(db, serial);
        var reader = new ChipReader(card);
        reader.Select(CardApplications.Jpki);
        Assert.Equal(3, reader.TriesLeft(CardFiles.UserPin));
        Assert.True(reader.Verify(CardFiles.UserPin, "4680"));

        var details = await db.AuditRecords.Where(a => a.Subject == "card:" + serial).Select(a => a.Action + " " + a.Detail).ToListAsync();
        Assert.Contains(details, d => d.StartsWith("card.pin.reset UserAuthentication; identity verified: 運転免許証", StringComparison.Ordinal));
        Assert.DoesNotContain(details, d => d.Contains("2580", StringComparison.Ordinal) || d.Contains("7391", StringComparison.Ordinal) || d.Contains("4680", StringComparison.Ordinal));
    }
}
