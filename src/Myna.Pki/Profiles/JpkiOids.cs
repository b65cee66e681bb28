namespace Myna.Pki.Profiles;

/// <summary>Object identifiers of the JPKI certificate profiles (DOMAIN §7.2).</summary>
public static class JpkiOids
{
    public const string SignaturePolicy = "1.2.392.200149.8.5.1.1.20";
    public const string UserAuthenticationPolicy = "1.2.392.200149.8.5.1.3.30";

    public const string Name = "1.2.392.200149.8.5.5.1";
    public const string NameAltFlags = "1.2.392.200149.8.5.5.2";
    public const string Sex = "1.2.392.200149.8.5.5.3";
    public const string BirthDate = "1.2.392.200149.8.5.5.4";
    public const string Address = "1.2.392.200149.8.5.5.5";
    public const string AddressAltFlags = "1.2.392.200149.8.5.5.6";

    public const string OcspSigning = "1.3.6.1.5.5.7.3.9";
    /// <summary>id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1).</summary>
    public const string OcspNoCheck = "1.3.6.1.5.5.7.48.1.5";
    public const string CertificatePolicies = "2.5.29.32";
    public const string SubjectAltName = "2.5.29.17";
}
