using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Myna.Pki.Ocsp;

/// <summary>A request or response that is not valid OCSP DER, with what is wrong.</summary>
public sealed class OcspFormatException(string message, Exception? inner = null) : FormatException(message, inner);

/// <summary>
/// CertID (RFC 6960 §4.1.1): the issuer's name and key hashed with <see cref="HashOid"/>, and
/// the serial. <see cref="Encoded"/> keeps the requester's bytes so the response names the
/// certificate exactly as asked.
/// </summary>
public sealed record CertId(string HashOid, byte[] IssuerNameHash, byte[] IssuerKeyHash, byte[] Serial, byte[] Encoded)
{
    public const string Sha1 = "1.3.14.3.2.26";
    public const string Sha256 = "2.16.840.1.101.3.4.2.1";

    /// <summary>The serial as we store it: upper-case hex without leading zero bytes.</summary>
    public string SerialHex => Convert.ToHexString(Serial.AsSpan().TrimStart((byte)0));

    /// <summary>True when the hashes name <paramref name="issuer"/> (its subject and its public key).</summary>
    public bool IsIssuedBy(X509Certificate2 issuer) =>
        Hash(HashOid, issuer.SubjectName.RawData) is { } name
        && CryptographicOperations.FixedTimeEquals(name, IssuerNameHash)
        && CryptographicOperations.FixedTimeEquals(Hash(HashOid, SubjectPublicKeyBits(issuer))!, IssuerKeyHash);

    public static CertId For(X509Certificate2 issuer, ReadOnlySpan<byte> serial, string hashOid = Sha256)
    {
        var nameHash = Hash(hashOid, issuer.SubjectName.RawData) ?? throw new ArgumentException("unsupported hash " + hashOid, nameof(hashOid));
        var keyHash = Hash(hashOid, SubjectPublicKeyBits(issuer))!;
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            using (w.PushSequence())
            {
                w.WriteObjectIdentifier(hashOid);
                w.WriteNull();
            }
            w.WriteOctetString(nameHash);
            w.WriteOctetString(keyHash);
            w.WriteIntegerUnsigned(serial);
        }
        return Read(w.Encode());
    }

    internal static CertId Read(ReadOnlyMemory<byte> encoded)
    {
        var seq = new AsnReader(encoded, AsnEncodingRules.DER).ReadSequence();
        var algorithm = seq.ReadSequence();
        var oid = algorithm.ReadObjectIdentifier();
        var nameHash = seq.ReadOctetString();
        var keyHash = seq.ReadOctetString();
        var serial = seq.ReadIntegerBytes().ToArray();
        seq.ThrowIfNotEmpty();
        return new CertId(oid, nameHash, keyHash, serial, encoded.ToArray());
    }

    /// <summary>The hash of the value of the subjectPublicKey BIT STRING (RFC 6960 §4.1.1: issuerKeyHash, and ResponderID byKey).</summary>
    public static byte[] SubjectPublicKeyBits(X509Certificate2 certificate)
    {
        var spki = new AsnReader(certificate.PublicKey.ExportSubjectPublicKeyInfo(), AsnEncodingRules.DER).ReadSequence();
        spki.ReadSequence();
        return spki.ReadBitString(out _);
    }

    internal static byte[]? Hash(string oid, ReadOnlySpan<byte> data) => oid switch
    {
#pragma warning disable CA5350 // RFC 6960 names certificates by SHA-1 hashes; OpenSSL asks with SHA-1 by default. Not a signature.
        Sha1 => SHA1.HashData(data),
#pragma warning restore CA5350
        Sha256 => SHA256.HashData(data),
        "2.16.840.1.101.3.4.2.2" => SHA384.HashData(data),
        "2.16.840.1.101.3.4.2.3" => SHA512.HashData(data),
        _ => null,
    };
}

/// <summary>
/// An OCSPRequest (RFC 6960 §4.1): the certificates asked about and the nonce extension, if any
/// (its extnValue kept as sent, so it is echoed byte for byte). Signed requests are accepted;
/// their signature is not required by this responder and is not checked.
/// </summary>
public sealed record OcspRequest(IReadOnlyList<CertId> Certificates, byte[]? Nonce)
{
    public const string NonceOid = "1.3.6.1.5.5.7.48.1.2";
    public const int MaxRequests = 100;

    public static OcspRequest Parse(ReadOnlyMemory<byte> der)
    {
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER);
            var request = outer.ReadSequence();
            outer.ThrowIfNotEmpty();
            var tbs = request.ReadSequence();
            if (tbs.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                var version = tbs.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0));
                if (!version.TryReadInt32(out var v) || v != 0)
                {
                    throw new OcspFormatException("only OCSP version 1 requests are understood");
                }
            }
            if (tbs.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 1)))
            {
                tbs.ReadEncodedValue(); // requestorName
            }
            var list = tbs.ReadSequence();
            var certificates = new List<CertId>();
            while (list.HasData)
            {
                var single = list.ReadSequence();
                certificates.Add(CertId.Read(single.ReadEncodedValue()));
                if (certificates.Count > MaxRequests)
                {
                    throw new OcspFormatException($"more than {MaxRequests} certificates in one request");
                }
            }
            if (certificates.Count == 0)
            {
                throw new OcspFormatException("the request names no certificate");
            }
            byte[]? nonce = null;
            if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 2)))
            {
                foreach (var (oid, value) in Der.Extensions(tbs.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 2))))
                {
                    if (oid == NonceOid)
                    {
                        CheckNonce(value);
                        nonce = value;
                    }
                }
            }
            return new OcspRequest(certificates, nonce);
        }
        catch (AsnContentException e)
        {
            throw new OcspFormatException("the request is not a DER-encoded OCSPRequest: " + e.Message, e);
        }
        catch (CryptographicException e)
        {
            throw new OcspFormatException("the request is not a DER-encoded OCSPRequest: " + e.Message, e);
        }
    }

    /// <summary>
    /// RFC 8954 §2.1: Nonce ::= OCTET STRING (SIZE(1..32)); a responder answers any other with
    /// malformedRequest. The extnValue holds the DER of that OCTET STRING (as OpenSSL sends it); a
    /// client that puts the bare octets there is accepted by the same length rule, so an empty
    /// value, an empty OCTET STRING (04 00) and more than 32 octets are all refused.
    /// </summary>
    private static void CheckNonce(byte[] value)
    {
        var octets = value.Length;
        if (value.Length > 0 && value[0] == 0x04)
        {
            try
            {
                var reader = new AsnReader(value, AsnEncodingRules.DER);
                var inner = reader.ReadOctetString();
                if (!reader.HasData)
                {
                    octets = inner.Length;
                }
            }
            catch (AsnContentException)
            {
                // Not an OCTET STRING after all: bare octets that happen to begin with 04.
            }
        }
        if (octets is < 1 or > 32)
        {
            throw new OcspFormatException($"the nonce must be 1 to 32 octets, not {octets} (RFC 8954)");
        }
    }

    /// <summary>Builds an unsigned request (the verifier's side, §7.6). The nonce is wrapped in an OCTET STRING as OpenSSL does.</summary>
    public static byte[] Build(IEnumerable<CertId> certificates, byte[]? nonce)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        using (w.PushSequence())
        {
            using (w.PushSequence())
            {
                foreach (var id in certificates)
                {
                    using (w.PushSequence())
                    {
                        w.WriteEncodedValue(id.Encoded);
                    }
                }
            }
            if (nonce is not null)
            {
                using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2)))
                using (w.PushSequence())
                using (w.PushSequence())
                {
                    w.WriteObjectIdentifier(NonceOid);
                    var inner = new AsnWriter(AsnEncodingRules.DER);
                    inner.WriteOctetString(nonce);
                    w.WriteOctetString(inner.Encode());
                }
            }
        }
        return w.Encode();
    }
}
