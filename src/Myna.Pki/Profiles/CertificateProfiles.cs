using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Myna.Core.Calendar;
using Myna.Pki.Authorities;

namespace Myna.Pki.Profiles;

/// <summary>
/// The basic four information as the signature certificate carries it (DOMAIN §2, §7.2): the name
/// with family and given names separated by an ideographic space (U+3000), sex 1/2/3, and the
/// address from the prefecture without postcode; the flags mark characters outside JIS X 0208.
/// </summary>
public sealed record FourInformation(string Name, string? NameAltFlags, int Sex, DateOnly BirthDate, string Address, string? AddressAltFlags);

/// <summary>A certificate laid out and numbered, not yet signed: what is stored before the CA signs (issue: crash safety).</summary>
public sealed record PreparedCertificate(CaKind Kind, byte[] Serial, byte[] ToBeSigned, DateTimeOffset NotBefore, DateTimeOffset NotAfter);

/// <summary>
/// The two JPKI end-entity profiles of DOMAIN §7.2, built from the public key of a certificate
/// request whose private key stays where it was made (the card, §7.3).
/// </summary>
public static class CertificateProfiles
{
    /// <summary>
    /// From issuance to the 5th birthday after it, capped at the card's expiry (DOMAIN §7.2).
    /// Validity ends at the end of that day, Japan time. Someone born on 29 February has the
    /// birthday on 28 February in common years.
    /// </summary>
    public static DateTimeOffset NotAfter(DateOnly birthDate, DateTimeOffset issuedAt, DateOnly cardExpiry)
    {
        var issuedOn = DateOnly.FromDateTime(issuedAt.ToOffset(JapanClock.Offset).DateTime);
        var fifth = Birthdays.NthAfter(birthDate, issuedOn, 5);
        var last = fifth < cardExpiry ? fifth : cardExpiry;
        return new DateTimeOffset(last.ToDateTime(new TimeOnly(23, 59, 59)), JapanClock.Offset);
    }

    /// <summary>Lays out a certificate for the request's key and numbers it; nothing is signed yet.</summary>
    public static PreparedCertificate Prepare(CaKind kind, X509Certificate2 caCertificate, PublicKey subjectKey, FourInformation? info,
        DateTimeOffset now, DateOnly cardExpiry, DateOnly birthDate, string? publicUrl = null)
    {
        if (kind == CaKind.Signature && info is null)
        {
            throw new ArgumentException("a signature certificate carries the four information", nameof(info));
        }
        if (subjectKey.GetRSAPublicKey() is not { } rsa || rsa.KeySize != 2048)
        {
            throw new ArgumentException("the request's key must be RSA-2048 (DOMAIN §7.2)", nameof(subjectKey));
        }
        rsa.Dispose();
        var serial = Serials.New();
        // The user certificate's subject is opaque (no personal data); the signature certificate's too, its data is in subjectAltName.
        // C=JP first in DER order as on real JPKI certificates; the issuer is the CA's name as stored (JpkiNames).
        var request = new CertificateRequest(JpkiNames.EndEntity(Serials.ToHex(serial)), subjectKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(kind == CaKind.Signature
            ? X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation
            : X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509Extension(JpkiOids.CertificatePolicies,
            Policies(kind == CaKind.Signature ? JpkiOids.SignaturePolicy : JpkiOids.UserAuthenticationPolicy), false));
        if (info is not null && kind == CaKind.Signature)
        {
            request.CertificateExtensions.Add(new X509Extension(JpkiOids.SubjectAltName, SubjectAltName(info), false));
        }
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(subjectKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(caCertificate, true, false));
        if (publicUrl is not null)
        {
            var slug = CaKinds.Slug(kind);
            var root = publicUrl.TrimEnd('/');
            request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([$"{root}/pki/crl/{slug}.crl"]));
            request.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension([$"{root}/pki/ocsp/{slug}"], [$"{root}/pki/ca/{slug}.cer"]));
        }
        var notBefore = now;
        var notAfter = NotAfter(birthDate, now, cardExpiry);
        if (notAfter <= notBefore)
        {
            throw new ArgumentException("the card has expired: no certificate can be issued for it", nameof(cardExpiry));
        }
        if (notAfter > caCertificate.NotAfter)
        {
            notAfter = caCertificate.NotAfter;
        }
        // Build with a generator that only records the to-be-signed bytes; the CA signs them later (Sign).
        var capture = new TbsCapture();
        request.Create(caCertificate.SubjectName, capture, notBefore, notAfter, serial).Dispose();
        return new PreparedCertificate(kind, serial, capture.ToBeSigned!, notBefore, notAfter);
    }

    /// <summary>Signs stored to-be-signed bytes with the CA key: Certificate ::= SEQUENCE { tbs, sha256WithRSA, signature }.</summary>
    public static byte[] Sign(byte[] toBeSigned, RSA caKey)
    {
        var signature = caKey.SignData(toBeSigned, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            w.WriteEncodedValue(toBeSigned);
            w.WriteEncodedValue(Der.Sha256WithRsa);
            w.WriteBitString(signature);
        }
        return w.Encode();
    }

    private static byte[] Policies(string oid)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        using (w.PushSequence())
        {
            w.WriteObjectIdentifier(oid);
        }
        return w.Encode();
    }

    /// <summary>GeneralNames of otherName entries, each [0] { type-id, [0] EXPLICIT UTF8String } (DOMAIN §7.2).</summary>
    public static byte[] SubjectAltName(FourInformation info)
    {
        var entries = new List<(string Oid, string Value)>
        {
            (JpkiOids.Name, info.Name),
            (JpkiOids.NameAltFlags, info.NameAltFlags ?? new string('0', Elements(info.Name))),
            (JpkiOids.Sex, info.Sex.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (JpkiOids.BirthDate, JapaneseDate.JpkiBirthDate(info.BirthDate)),
            (JpkiOids.Address, info.Address),
            (JpkiOids.AddressAltFlags, info.AddressAltFlags ?? new string('0', Elements(info.Address))),
        };
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            foreach (var (oid, value) in entries)
            {
                using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                {
                    w.WriteObjectIdentifier(oid);
                    using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                    {
                        w.WriteCharacterString(UniversalTagNumber.UTF8String, value);
                    }
                }
            }
        }
        return w.Encode();
    }

    private static int Elements(string text) => new System.Globalization.StringInfo(text).LengthInTextElements;

    /// <summary>Reads the otherName entries back (for verifiers and tests).</summary>
    public static Dictionary<string, string> ReadSubjectAltName(X509Certificate2 certificate)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var extension = certificate.Extensions[JpkiOids.SubjectAltName];
        if (extension is null)
        {
            return result;
        }
        var names = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
        while (names.HasData)
        {
            var tag = names.PeekTag();
            if (tag.TagClass != TagClass.ContextSpecific || tag.TagValue != 0)
            {
                names.ReadEncodedValue();
                continue;
            }
            var other = names.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true));
            var oid = other.ReadObjectIdentifier();
            var value = other.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)).ReadCharacterString(UniversalTagNumber.UTF8String);
            result[oid] = value;
        }
        return result;
    }

    /// <summary>Records the bytes the builder would sign, answering with a placeholder signature that is thrown away.</summary>
    private sealed class TbsCapture : X509SignatureGenerator
    {
        public byte[]? ToBeSigned { get; private set; }

        public override byte[] GetSignatureAlgorithmIdentifier(HashAlgorithmName hashAlgorithm) => Der.Sha256WithRsa;

        public override byte[] SignData(byte[] data, HashAlgorithmName hashAlgorithm)
        {
            ToBeSigned = data;
            return new byte[256];
        }

        protected override PublicKey BuildPublicKey() => throw new NotSupportedException();
    }
}
