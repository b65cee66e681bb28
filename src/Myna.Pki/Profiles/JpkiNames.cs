using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using Myna.Pki.Authorities;

namespace Myna.Pki.Profiles;

/// <summary>
/// The distinguished names the national CAs write (DOMAIN §7.1, §7.2), in the RDN order of the
/// real JPKI certificates: country first in the DER SEQUENCE (C=JP, O=JPKI, OU=…, …), the most
/// specific attribute last. <see cref="X500DistinguishedNameBuilder"/> encodes its attributes in
/// the reverse of the order they are added, which put C=JP last; these names are written here
/// attribute by attribute, in the order given, so the order on the wire is the order in the code.
/// </summary>
public static class JpkiNames
{
    private const string CountryOid = "2.5.4.6";
    private const string OrganizationOid = "2.5.4.10";
    private const string OrganizationalUnitOid = "2.5.4.11";
    private const string CommonNameOid = "2.5.4.3";

    /// <summary>C=JP, O=JPKI, OU=JPKI for digital signature | user authentication, OU=operator.</summary>
    public static X500DistinguishedName Authority(CaKind kind) => Encode(
        (CountryOid, "JP"),
        (OrganizationOid, "JPKI"),
        (OrganizationalUnitOid, kind == CaKind.Signature ? "JPKI for digital signature" : "JPKI for user authentication"),
        (OrganizationalUnitOid, CaKinds.Operator));

    /// <summary>C=JP, O=JPKI, CN=JPKI OCSP responder (sign|auth): the CA's delegated OCSP signer.</summary>
    public static X500DistinguishedName OcspResponder(CaKind kind) => Encode(
        (CountryOid, "JP"),
        (OrganizationOid, "JPKI"),
        (CommonNameOid, $"JPKI OCSP responder ({CaKinds.Slug(kind)})"));

    /// <summary>C=JP, CN=serial: an end-entity certificate's subject carries no personal data (§7.2).</summary>
    public static X500DistinguishedName EndEntity(string serialHex) => Encode((CountryOid, "JP"), (CommonNameOid, serialHex));

    /// <summary>
    /// One attribute per RDN, in the order given. The country is a PrintableString (RFC 5280
    /// Appendix A, X520countryName); the other attributes are UTF8String (RFC 5280 §4.1.2.6).
    /// </summary>
    private static X500DistinguishedName Encode(params (string Oid, string Value)[] attributes)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            foreach (var (oid, value) in attributes)
            {
                using (w.PushSetOf())
                using (w.PushSequence())
                {
                    w.WriteObjectIdentifier(oid);
                    w.WriteCharacterString(oid == CountryOid ? UniversalTagNumber.PrintableString : UniversalTagNumber.UTF8String, value);
                }
            }
        }
        return new X500DistinguishedName(w.Encode());
    }

    /// <summary>
    /// A name as people read JPKI names, in DER order: "C=JP, O=JPKI, OU=…". (.NET's
    /// <see cref="X500DistinguishedName.Name"/> prints the reverse, most specific first.)
    /// </summary>
    public static string Display(X500DistinguishedName name) => name.Decode(X500DistinguishedNameFlags.None);

    /// <summary>The (type, value) pairs of a name in DER order, for checks and tests.</summary>
    public static IReadOnlyList<(string Oid, string Value)> Read(X500DistinguishedName name)
    {
        var result = new List<(string, string)>();
        var rdns = new AsnReader(name.RawData, AsnEncodingRules.DER).ReadSequence();
        while (rdns.HasData)
        {
            var set = rdns.ReadSetOf();
            while (set.HasData)
            {
                var attribute = set.ReadSequence();
                var oid = attribute.ReadObjectIdentifier();
                result.Add((oid, attribute.ReadCharacterString((UniversalTagNumber)attribute.PeekTag().TagValue)));
            }
        }
        return result;
    }
}
