using System.Security.Cryptography;

namespace Myna.Pki.Profiles;

/// <summary>Certificate serials (DOMAIN §7.2): 128 random bits from the CSPRNG, positive, no leading zero byte.</summary>
public static class Serials
{
    public const int Bytes = 16;

    public static byte[] New()
    {
        var serial = RandomNumberGenerator.GetBytes(Bytes);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x40); // positive and of full length in DER
        return serial;
    }

    public static string ToHex(ReadOnlySpan<byte> serial) => Convert.ToHexString(serial);

    /// <summary>A certificate's serial as the national store keeps it: upper-case hex without leading zero bytes.</summary>
    public static string Of(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) =>
        Convert.ToHexString(certificate.SerialNumberBytes.Span.TrimStart((byte)0));
}
