using System.Security.Cryptography;
using System.Text;
using Myna.Pki.Card;

namespace Myna.Pki.Tests.Card;

/// <summary>The chip at the APDU level (DOMAIN §7.7, §6.6), with the status words a real card answers.</summary>
public sealed class VirtualCardTests
{
    private static readonly ChipHolder Taro = new("123456789018", "石巻\u3000太郎", "宮城県石巻市穀町14番1号", new DateOnly(1980, 2, 17), 1, new DateOnly(2036, 2, 17), "4821");

    private static VirtualCard NewCard()
    {
        var card = ChipLayout.NewCard(Taro);
        ChipLayout.SetPin(card, CardApplications.Jpki, CardFiles.UserPin, "1357", ChipLayout.FourDigitPinTries);
        ChipLayout.SetPin(card, CardApplications.Jpki, CardFiles.SignaturePin, "ABC123", ChipLayout.SignaturePinTries);
        ChipLayout.SetPin(card, CardApplications.InputAssist, CardFiles.InputAssistPin, "1357", ChipLayout.FourDigitPinTries);
        return card;
    }

    private static string Send(VirtualCard card, string hex) => Convert.ToHexString(card.Transmit(Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal))));

    private static string Sw(string response) => response[^4..];

    private const string SelectJpki = "00A4040C0AD392F000260100000001";

    private static string Ascii(string text) => Convert.ToHexString(Encoding.ASCII.GetBytes(text));

    [Fact]
    public void Select_ByAidAndByEf_AndUnknownOnesAreNotFound()
    {
        var card = NewCard();
        Assert.Equal("6A82", Send(card, "00A4020C020006")); // no application selected
        Assert.Equal("6A82", Send(card, "00A4040C07A0000000030000")); // someone else's AID
        Assert.Equal("9000", Send(card, SelectJpki));
        Assert.Equal("9000", Send(card, "00A4020C020006"));
        Assert.Equal("6A82", Send(card, "00A4020C020099"));
        Assert.Equal("6A86", Send(card, "00A4080C020006"));
        Assert.Equal("6700", Send(card, "00A4020C0100"));
    }

    [Fact]
    public void ReadBinary_WithOffsetsAndChunks_AndTheEndOfTheFile()
    {
        var card = NewCard();
        Send(card, SelectJpki);
        Assert.Equal("6986", Send(card, "00B0000004")); // nothing selected
        Send(card, "00A4020C020006");

        var token = Send(card, "00B0000000"); // Le 00 = 256, the file has 32 bytes
        Assert.Equal(Ascii("JPKIAPICCTOKEN2".PadRight(32)) + "6282", token);
        Assert.Equal(Ascii("JPKI") + "9000", Send(card, "00B0000004"));
        Assert.Equal(Ascii("ICCTOKEN2") + "9000", Send(card, "00B0000609"));
        Assert.Equal("6B00", Send(card, "00B0002001"));
        Assert.Equal("6A81", Send(card, "00B0860004")); // short-EF addressing

        Send(card, "00A4020C020018");
        Assert.Equal("6981", Send(card, "00B0000004")); // a PIN is not a binary file
        Send(card, "00A4020C020017");
        Assert.Equal("6981", Send(card, "00B0000004")); // nor is a key: no read path exists for it
    }

    [Fact]
    public void Verify_CountsDown_Locks_AndTheTriesLeftQueryAlwaysAnswers63Cx()
    {
        var card = NewCard();
        Send(card, SelectJpki);
        Send(card, "00A4020C020018");
        Assert.Equal("63C3", Send(card, "00200080"));
        Assert.Equal("63C2", Send(card, "0020008004" + Ascii("0000")));
        Assert.Equal("9000", Send(card, "0020008004" + Ascii("1357")));
        Assert.Equal("63C3", Send(card, "00200080")); // a right PIN restores the count

        Assert.Equal("63C2", Send(card, "0020008004" + Ascii("1111")));
        Assert.Equal("63C1", Send(card, "0020008004" + Ascii("2222")));
        Assert.Equal("6983", Send(card, "0020008004" + Ascii("3333")));
        Assert.Equal("63C0", Send(card, "00200080"));
        Assert.Equal("6983", Send(card, "0020008004" + Ascii("1357"))); // locked: even the right PIN is refused
        Assert.Equal("6A86", Send(card, "00200081"));

        card.Reset(); // a power cycle does not give tries back
        Send(card, SelectJpki);
        Send(card, "00A4020C020018");
        Assert.Equal("63C0", Send(card, "00200080"));
    }

    [Fact]
    public void Sign_NeedsThePin_SignsADigestInfo_WithTheKeyMadeOnTheChip()
    {
        var card = NewCard();
        var message = Encoding.UTF8.GetBytes("ログイン要求 nonce=42");
        var digestInfo = Convert.ToHexString([.. Convert.FromHexString("3031300D060960864801650304020105000420"), .. SHA256.HashData(message)]);
        Send(card, SelectJpki);
        Send(card, "00A4020C020017");
        Assert.Equal("6982", Send(card, "802A008033" + digestInfo + "00"));

        Send(card, "00A4020C020018");
        Assert.Equal("9000", Send(card, "0020008004" + Ascii("1357")));
        Send(card, "00A4020C020017");
        var response = card.Transmit(Convert.FromHexString("802A008033" + digestInfo + "00"));
        Assert.Equal((byte)0x90, response[^2]);
        Assert.Equal(256, response.Length - 2);
        using var publicKey = ChipLayout.PublicKey(card, CardFiles.UserKey).GetRSAPublicKey()!;
        Assert.True(publicKey.VerifyData(message, response[..^2], HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        Assert.Equal("6A80", Send(card, "802A008004DEADBEEF00")); // not a DigestInfo
        Send(card, "00A4020C02001A");
        Assert.Equal("6982", Send(card, "802A008033" + digestInfo + "00")); // the signature key has its own PIN
        card.Reset();
        Send(card, SelectJpki);
        Send(card, "00A4020C020017");
        Assert.Equal("6982", Send(card, "802A008033" + digestInfo + "00")); // a reset forgets the verified PIN
    }

    [Fact]
    public void TheSignatureCertificate_IsReadOnlyAfterTheSignaturePin()
    {
        var card = NewCard();
        ChipLayout.WriteCertificates(card, signature: true, [0x30, 0x82, 0x00, 0x02, 0x05, 0x00], [0x30, 0x03, 0x02, 0x01, 0x01]);
        Send(card, SelectJpki);
        Send(card, "00A4020C020001");
        Assert.Equal("6982", Send(card, "00B0000004"));
        Send(card, "00A4020C02001B");
        Assert.Equal("9000", Send(card, "0020008006" + Ascii("ABC123")));
        Send(card, "00A4020C020001");
        Assert.Equal("308200029000", Send(card, "00B0000004"));
        Send(card, "00A4020C020002");
        Assert.Equal("30030201019000", Send(card, "00B0000005"));
    }

    [Fact]
    public void DestroySignature_KeepsTheJpkiLayout_PinEfWithoutAPin_CaCertificateReadable_NothingSigns()
    {
        var card = NewCard();
        ChipLayout.WriteCertificates(card, signature: true, [0x30, 0x82, 0x00, 0x02, 0x05, 0x00], [0x30, 0x03, 0x02, 0x01, 0x01]);
        ChipLayout.DestroySignature(card);
        Send(card, SelectJpki);

        // DOMAIN §7.7: EF 001B is still there, as OpenSC's JPKI driver needs when it binds the card.
        Assert.Equal("9000", Send(card, "00A4020C02001B"));
        Assert.Equal("63C0", Send(card, "00200080")); // the tries-left query answers, as for every PIN
        Assert.Equal("6984", Send(card, "0020008006" + Ascii("ABC123"))); // the old PIN is gone: nothing to verify
        Assert.Equal("63C0", Send(card, "00200080")); // and no try was counted against it
        Assert.Equal("6A82", Send(card, "00A4020C020001")); // no signature certificate
        Assert.Equal("6A82", Send(card, "00A4020C02001A")); // no signature key: nothing can sign
        Send(card, "00A4020C020002");
        Assert.Equal("30030201019000", Send(card, "00B0000005")); // the signature CA's certificate stays

        // The user side is untouched.
        Send(card, "00A4020C020018");
        Assert.Equal("9000", Send(card, "0020008004" + Ascii("1357")));
    }

    [Fact]
    public void Open_ImageSealedWithoutTheSignaturePinEf_GetsTheEfBack()
    {
        var card = NewCard();
        card.Application(CardApplications.Jpki).Pins.Remove(CardFiles.SignaturePin); // as images were sealed before the fixed layout
        var key = RandomNumberGenerator.GetBytes(32);
        var opened = ChipImage.Open(ChipImage.Seal(card, "CARD0001", key), "CARD0001", key);
        Send(opened, SelectJpki);
        Assert.Equal("9000", Send(opened, "00A4020C02001B"));
        Assert.Equal("63C0", Send(opened, "00200080"));
        Send(opened, "00A4020C020018");
        Assert.Equal("63C3", Send(opened, "00200080")); // a PIN that was set stays as it was
    }

    [Fact]
    public void NewCard_BothJpkiPinEfsExist_WithoutPins_UntilTheWindowSetsThem()
    {
        var card = ChipLayout.NewCard(Taro);
        Send(card, SelectJpki);
        foreach (var pin in new[] { "0018", "001B" })
        {
            Assert.Equal("9000", Send(card, "00A4020C02" + pin));
            Assert.Equal("63C0", Send(card, "00200080"));
            Assert.Equal("6984", Send(card, "0020008004" + Ascii("1357")));
        }
        Assert.False(ChipLayout.PinIsSet(card, CardApplications.Jpki, CardFiles.SignaturePin));
        ChipLayout.SetPin(card, CardApplications.Jpki, CardFiles.SignaturePin, "ABC123", ChipLayout.SignaturePinTries);
        Assert.True(ChipLayout.PinIsSet(card, CardApplications.Jpki, CardFiles.SignaturePin));
        Send(card, "00A4020C02001B");
        Assert.Equal("63C5", Send(card, "00200080"));
    }

    [Fact]
    public void InputAssist_GivesTheNumberAndTheFourInformation_AfterItsPin()
    {
        var card = NewCard();
        Assert.Equal("9000", Send(card, "00A4040C0AD3921000310001010408"));
        Send(card, "00A4020C020001");
        Assert.Equal("6982", Send(card, "00B0000000"));
        Send(card, "00A4020C020011");
        Assert.Equal("9000", Send(card, "0020008004" + Ascii("1357")));
        Send(card, "00A4020C020001");
        Assert.Equal("FF100C" + Ascii("123456789018") + "6282", Send(card, "00B0000000"));
        Send(card, "00A4020C020002");
        var ef = Convert.FromHexString(Send(card, "00B0000000")[..^4]);
        Assert.Equal([0xFF, 0x20], ef[..2]);
        var (name, address, birth, sex) = ChipLayout.ReadFourInformation(ef);
        Assert.Equal((Taro.Name, Taro.Address, Taro.BirthDate, 1), (name, address, birth, sex));
        var df21 = ef.AsSpan().IndexOf([(byte)0xDF, (byte)0x21]);
        Assert.Equal(0x08, ef[df21 + 2]);
        var offsets = ef.AsSpan(df21 + 3, 8).ToArray(); // where DF22…DF25 start
        Assert.Equal((byte)0xDF, ef[(offsets[0] << 8) | offsets[1]]);
        Assert.Equal((byte)0x25, ef[((offsets[6] << 8) | offsets[7]) + 1]);

        // Leaving the application forgets its PIN.
        Send(card, SelectJpki);
        Send(card, "00A4040C0AD3921000310001010408");
        Send(card, "00A4020C020001");
        Assert.Equal("6982", Send(card, "00B0000000"));
    }

    [Fact]
    public void CardFace_OpensWithCollationNumberB()
    {
        var card = NewCard();
        Send(card, "00A4040C0AD3921000310001010402");
        Send(card, "00A4020C020015");
        Assert.Equal("9000", Send(card, "002000800E" + Ascii(ChipLayout.CollationB(Taro))));
        Assert.Equal("80021720364821", ChipLayout.CollationB(Taro)); // birth YYMMDD, expiry year, security code (§1.6)
        Send(card, "00A4020C020001");
        Assert.EndsWith("6282", Send(card, "00B0000000"), StringComparison.Ordinal);
        Send(card, "00A4020C020002");
        Assert.Equal("6982", Send(card, "00B0000000")); // the number needs collation A
    }

    [Theory]
    [InlineData("00", "6700")]
    [InlineData("00A4040C00", "6A82")]
    [InlineData("00CA000000", "6D00")]
    [InlineData("10A4040C0AD392F000260100000001", "6E00")]
    [InlineData("00B00000020000", "6700")]
    public void MalformedAndUnknownCommands_GetTheStatusWordsOfARealCard(string apdu, string sw) =>
        Assert.Equal(sw, Sw(Send(NewCard(), apdu)));
}
