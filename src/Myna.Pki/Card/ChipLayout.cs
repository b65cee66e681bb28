using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Myna.Pki.Card;

/// <summary>What the municipality's register says about the holder, as the chip carries it (DOMAIN §7.7).</summary>
public sealed record ChipHolder(string IndividualNumber, string Name, string Address, DateOnly BirthDate, int Sex, DateOnly CardExpiry, string SecurityCode);

/// <summary>
/// Lays out a new card's chip (DOMAIN §7.7): the JPKI-AP with its token and key pairs made on the
/// chip, the input-assist AP with the individual number and the four information in their TLV
/// layout, the card-face AP, the resident-register AP (its PIN only); certificates and the four
/// PINs of §6.6 are written later, at production and at the window.
/// </summary>
public static class ChipLayout
{
    /// <summary>Try limits of the PINs (DOMAIN §6.6); collation numbers have the input-assist limit.</summary>
    public const int SignaturePinTries = 5;
    public const int FourDigitPinTries = 3;

    public static VirtualCard NewCard(ChipHolder holder)
    {
        var jpki = new ChipApplication(CardApplications.Jpki);
        jpki.Binaries[CardFiles.Token] = new ChipBinary(CardFiles.CardToken());
        jpki.Keys[CardFiles.UserKey] = new ChipKey(RSA.Create(2048), CardFiles.UserPin);
        jpki.Keys[CardFiles.SignatureKey] = new ChipKey(RSA.Create(2048), CardFiles.SignaturePin);
        CompleteJpkiLayout(jpki);

        var assist = new ChipApplication(CardApplications.InputAssist);
        assist.Binaries[CardFiles.IndividualNumber] = new ChipBinary(NumberEf(holder.IndividualNumber), CardFiles.InputAssistPin);
        assist.Binaries[CardFiles.FourInformation] = new ChipBinary(FourInformationEf(holder), CardFiles.InputAssistPin);
        assist.Pins[CardFiles.CollationA] = new ChipPin(Encoding.ASCII.GetBytes(holder.IndividualNumber), FourDigitPinTries, FourDigitPinTries);
        assist.Pins[CardFiles.CollationB] = new ChipPin(Encoding.ASCII.GetBytes(CollationB(holder)), FourDigitPinTries, FourDigitPinTries);

        var face = new ChipApplication(CardApplications.CardFace);
        face.Binaries[CardFiles.FaceFront] = new ChipBinary(FourInformationEf(holder), CardFiles.CollationB);
        face.Binaries[CardFiles.FaceNumber] = new ChipBinary(NumberEf(holder.IndividualNumber), CardFiles.CollationA);
        face.Pins[CardFiles.CollationA] = new ChipPin(Encoding.ASCII.GetBytes(holder.IndividualNumber), FourDigitPinTries, FourDigitPinTries);
        face.Pins[CardFiles.CollationB] = new ChipPin(Encoding.ASCII.GetBytes(CollationB(holder)), FourDigitPinTries, FourDigitPinTries);
        var residentRegister = new ChipApplication(CardApplications.ResidentRegister);
        return new VirtualCard([jpki, assist, face, residentRegister]);
    }

    /// <summary>照合番号B (DOMAIN §1.6): birth date YYMMDD + card expiry year + security code.</summary>
    public static string CollationB(ChipHolder holder) =>
        string.Create(CultureInfo.InvariantCulture, $"{holder.BirthDate:yyMMdd}{holder.CardExpiry:yyyy}{holder.SecurityCode}");

    /// <summary>EF 0001 of the input-assist AP: <c>FF 10 0C</c> and the 12 digits in ASCII.</summary>
    public static byte[] NumberEf(string number)
    {
        if (number.Length != 12 || !number.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("an individual number has 12 digits", nameof(number));
        }
        return [0xFF, 0x10, 0x0C, .. Encoding.ASCII.GetBytes(number)];
    }

    /// <summary>
    /// EF 0002: <c>FF 20</c> len { <c>DF21</c> the offsets of the four elements, <c>DF22</c> name,
    /// <c>DF23</c> address (UTF-8), <c>DF24</c> birth date YYYYMMDD, <c>DF25</c> sex digit }. Offsets are
    /// two-byte big-endian positions of each element's tag from the start of the file.
    /// </summary>
    public static byte[] FourInformationEf(ChipHolder holder)
    {
        var elements = new[]
        {
            Tlv(0xDF22, Encoding.UTF8.GetBytes(holder.Name)),
            Tlv(0xDF23, Encoding.UTF8.GetBytes(holder.Address)),
            Tlv(0xDF24, Encoding.ASCII.GetBytes(holder.BirthDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture))),
            Tlv(0xDF25, Encoding.ASCII.GetBytes(holder.Sex.ToString(CultureInfo.InvariantCulture))),
        };
        const int offsetsLength = 3 + 8; // DF21 08 + four offsets
        var bodyLength = offsetsLength + elements.Sum(e => e.Length);
        var header = Header(0xFF20, bodyLength);
        var offsets = new byte[8];
        var position = header.Length + offsetsLength;
        for (var i = 0; i < elements.Length; i++)
        {
            offsets[2 * i] = (byte)(position >> 8);
            offsets[2 * i + 1] = (byte)(position & 0xFF);
            position += elements[i].Length;
        }
        return [.. header, 0xDF, 0x21, 0x08, .. offsets, .. elements.SelectMany(e => e)];
    }

    /// <summary>Reads EF 0002 back (for <c>myna card show</c> and tests).</summary>
    public static (string Name, string Address, DateOnly BirthDate, int Sex) ReadFourInformation(byte[] ef)
    {
        var values = new Dictionary<int, byte[]>();
        var (_, bodyStart, _) = ReadHeader(ef, 0);
        var at = bodyStart;
        while (at < ef.Length)
        {
            var (tag, start, length) = ReadHeader(ef, at);
            values[tag] = ef[start..(start + length)];
            at = start + length;
        }
        return (Encoding.UTF8.GetString(values[0xDF22]), Encoding.UTF8.GetString(values[0xDF23]),
            DateOnly.ParseExact(Encoding.ASCII.GetString(values[0xDF24]), "yyyyMMdd", CultureInfo.InvariantCulture),
            values[0xDF25][0] - '0');
    }

    private static byte[] Tlv(int tag, byte[] value) => [.. Header(tag, value.Length), .. value];

    private static byte[] Header(int tag, int length) => length switch
    {
        < 0x80 => [(byte)(tag >> 8), (byte)(tag & 0xFF), (byte)length],
        < 0x100 => [(byte)(tag >> 8), (byte)(tag & 0xFF), 0x81, (byte)length],
        _ => [(byte)(tag >> 8), (byte)(tag & 0xFF), 0x82, (byte)(length >> 8), (byte)(length & 0xFF)],
    };

    private static (int Tag, int Start, int Length) ReadHeader(byte[] ef, int at)
    {
        var tag = ef[at] << 8 | ef[at + 1];
        var first = ef[at + 2];
        return first switch
        {
            < 0x80 => (tag, at + 3, first),
            0x81 => (tag, at + 4, ef[at + 3]),
            _ => (tag, at + 5, ef[at + 3] << 8 | ef[at + 4]),
        };
    }

    /// <summary>The public half of a key made on the chip, for a certificate request. The private half never leaves it.</summary>
    public static PublicKey PublicKey(VirtualCard card, ushort keyFile) =>
        new(card.Application(CardApplications.Jpki).Keys[keyFile].Key);

    /// <summary>A PKCS#10 request for a key on the chip, self-signed on the chip (the chip signs; the key stays inside).</summary>
    public static byte[] CertificateRequest(VirtualCard card, ushort keyFile)
    {
        var key = card.Application(CardApplications.Jpki).Keys[keyFile].Key;
        return new CertificateRequest("CN=JPKI card key", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequest();
    }

    /// <summary>Writes an issued certificate (and its CA's) into the JPKI-AP: the signature certificate is read only after the signature PIN.</summary>
    public static void WriteCertificates(VirtualCard card, bool signature, byte[] certificate, byte[] caCertificate)
    {
        var jpki = card.Application(CardApplications.Jpki);
        if (signature)
        {
            jpki.Binaries[CardFiles.SignatureCertificate] = new ChipBinary(certificate, CardFiles.SignaturePin);
            jpki.Binaries[CardFiles.SignatureCaCertificate] = new ChipBinary(caCertificate);
        }
        else
        {
            jpki.Binaries[CardFiles.UserCertificate] = new ChipBinary(certificate);
            jpki.Binaries[CardFiles.UserCaCertificate] = new ChipBinary(caCertificate);
        }
    }

    /// <summary>
    /// The JPKI-AP's fixed layout (DOMAIN §7.7): both PIN EFs exist on every card, as on a real one,
    /// whether or not a PIN has been set and whether or not the card has a signature certificate.
    /// OpenSC's JPKI driver asks both PINs for their tries left when it binds the card and refuses the
    /// whole card when one is missing, so a card without a signature certificate keeps EF 001B, holding
    /// no PIN. Also run on images sealed before this was so.
    /// </summary>
    public static void CompleteJpkiLayout(ChipApplication jpki)
    {
        jpki.Pins.TryAdd(CardFiles.UserPin, ChipPin.NotSet(FourDigitPinTries));
        jpki.Pins.TryAdd(CardFiles.SignaturePin, ChipPin.NotSet(SignaturePinTries));
    }

    /// <summary>
    /// Writes a CA certificate alone: a card without a signature certificate still carries the signature
    /// CA's certificate in EF 0002, as every card does (public data; card software reads it when it binds).
    /// </summary>
    public static void WriteAuthority(VirtualCard card, bool signature, byte[] caCertificate) =>
        card.Application(CardApplications.Jpki).Binaries[signature ? CardFiles.SignatureCaCertificate : CardFiles.UserCaCertificate] = new ChipBinary(caCertificate);

    /// <summary>True when the PIN EF holds a PIN (see <see cref="ChipPin.IsSet"/>).</summary>
    public static bool PinIsSet(VirtualCard card, byte[] aid, ushort pinFile) =>
        card.Application(aid).Pins.TryGetValue(pinFile, out var pin) && pin.IsSet;

    /// <summary>Sets (or resets) a PIN with its full try count; the policy of DOMAIN §6.6 is checked before this.</summary>
    public static void SetPin(VirtualCard card, byte[] aid, ushort pinFile, string pin, int maxTries) =>
        card.Application(aid).Pins[pinFile] = new ChipPin(Encoding.ASCII.GetBytes(pin), maxTries, maxTries);

    /// <summary>The 12-digit number of the input-assist AP (national side only: for remaking a card, never shown).</summary>
    public static string ReadNumber(VirtualCard card) =>
        Encoding.ASCII.GetString(card.Application(CardApplications.InputAssist).Binaries[CardFiles.IndividualNumber].Content.AsSpan(3));

    /// <summary>The card's security code: the last 4 digits of its collation number B (DOMAIN §1.6), for the weak-PIN check of §6.6.</summary>
    public static string SecurityCode(VirtualCard card) =>
        Encoding.ASCII.GetString(card.Application(CardApplications.CardFace).Pins[CardFiles.CollationB].Value.AsSpan(10));

    public static bool HasCertificate(VirtualCard card, bool signature) =>
        card.Application(CardApplications.Jpki).Binaries.ContainsKey(signature ? CardFiles.SignatureCertificate : CardFiles.UserCertificate);

    /// <summary>
    /// 追記 (DOMAIN §8.5): the input-assist AP's four information (EF 0002) now carries the new name and
    /// address; birth date and sex never change on a card. The printed face (card-face AP) stays as issued.
    /// </summary>
    public static void Endorse(VirtualCard card, string name, string address)
    {
        var assist = card.Application(CardApplications.InputAssist);
        var (_, _, birth, sex) = ReadFourInformation(assist.Binaries[CardFiles.FourInformation].Content);
        var ef = FourInformationEf(new ChipHolder("000000000000", name, address, birth, sex, default, ""));
        assist.Binaries[CardFiles.FourInformation] = new ChipBinary(ef, CardFiles.InputAssistPin);
    }

    /// <summary>
    /// Certificate renewal (DOMAIN §8.2): a new key pair is made on the chip in place of the old one,
    /// whose certificate is erased; the new certificate is written after issuance. The PIN stays.
    /// </summary>
    public static void RenewKey(VirtualCard card, bool signature)
    {
        var jpki = card.Application(CardApplications.Jpki);
        var keyFile = signature ? CardFiles.SignatureKey : CardFiles.UserKey;
        if (jpki.Keys.Remove(keyFile, out var old))
        {
            old.Key.Dispose();
        }
        jpki.Binaries.Remove(signature ? CardFiles.SignatureCertificate : CardFiles.UserCertificate);
        jpki.Keys[keyFile] = new ChipKey(RSA.Create(2048), signature ? CardFiles.SignaturePin : CardFiles.UserPin);
    }

    /// <summary>
    /// 破棄 of the signature certificate (DOMAIN §6.1): its certificate and its key are erased and its PIN
    /// emptied, so nothing can ever sign with it. The layout stays that of every card (DOMAIN §7.7): the
    /// PIN EF remains, holding no PIN, and EF 0002 keeps the signature CA's (public) certificate, so card
    /// software still reads the card and its user certificate.
    /// </summary>
    public static void DestroySignature(VirtualCard card)
    {
        var jpki = card.Application(CardApplications.Jpki);
        jpki.Binaries.Remove(CardFiles.SignatureCertificate);
        if (jpki.Keys.Remove(CardFiles.SignatureKey, out var key))
        {
            key.Key.Dispose();
        }
        jpki.Pins[CardFiles.SignaturePin] = ChipPin.NotSet(SignaturePinTries);
    }
}
