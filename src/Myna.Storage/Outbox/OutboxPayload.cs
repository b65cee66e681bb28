using System.Text;
using Myna.Core.Identifiers;

namespace Myna.Storage.Outbox;

/// <summary>
/// An individual number inside an outbox payload travels sealed (AES-256-GCM under the sender's
/// data-encryption key, bound to what it belongs to), like every number at rest (DOMAIN §12).
/// </summary>
public static class OutboxPayload
{
    public static string SealNumber(byte[] key, IndividualNumber number, string boundTo) =>
        Convert.ToBase64String(Sealing.Seal(key, Encoding.ASCII.GetBytes(number.Value), Bound(boundTo)));

    public static IndividualNumber OpenNumber(byte[] key, string sealedNumber, string boundTo) =>
        IndividualNumber.Parse(Encoding.ASCII.GetString(Sealing.Open(key, Convert.FromBase64String(sealedNumber), Bound(boundTo))));

    private static byte[] Bound(string boundTo) => Encoding.ASCII.GetBytes("outbox:" + boundTo);
}
