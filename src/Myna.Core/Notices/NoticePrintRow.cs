namespace Myna.Core.Notices;

/// <summary>
/// One person's line of the printer's data (DOMAIN §3.1): the envelope it goes in, the notice,
/// and the application form. Carries the individual number in full, so it exists only while the
/// print data is written (an audited export, §12). <c>RegisteredAddress</c> is empty for a
/// protected resident (§9).
/// </summary>
public sealed record NoticePrintRow(
    long BatchId,
    int EnvelopeSequence,
    int PositionInEnvelope,
    DeliveryKind Delivery,
    string? DeliveryPostalCode,
    string DeliveryAddress,
    string Addressee,
    string HouseholdCode,
    string ResidentCode,
    string FamilyName,
    string GivenName,
    string FamilyNameKana,
    string GivenNameKana,
    DateOnly BirthDate,
    Residents.Sex Sex,
    string RegisteredAddress,
    NoticeKind Kind,
    string IndividualNumber,
    string ApplicationId,
    DateOnly NoticeDate)
{
    public string FullName => FamilyName + "\u3000" + GivenName;
    public string FullNameKana => FamilyNameKana + "\u3000" + GivenNameKana;
}
