using System.Globalization;
using System.Text;
using Myna.Core.Calendar;
using Myna.Core.Notices;
using Myna.Core.Residents;
using Myna.Core.Text;

namespace Myna.Documents.Notices;

/// <summary>
/// The printer's data file (docs/notice-print-data.md): one CSV record per person, in envelope
/// order. A record whose name or address has a character outside JIS X 0208 is flagged
/// (needs_gaiji) for the printer's 外字 handling; in Shift_JIS (CP932) a character the encoding
/// lacks is written as 〓 (geta) instead of the file failing.
/// </summary>
public sealed class NoticePrintFile(TextWriter writer)
{
    public const char Geta = '〓';

    public static readonly IReadOnlyList<string> Columns =
    [
        "batch_id", "envelope_no", "position", "delivery", "postal_code", "delivery_address", "addressee", "household_code",
        "resident_code", "family_name", "given_name", "family_name_kana", "given_name_kana", "birth_date", "birth_date_ja", "sex",
        "registered_address", "notice_kind", "individual_number", "application_id", "notice_date", "notice_date_ja", "needs_gaiji",
    ];

    private readonly CsvWriter csv = new(writer);

    public static Encoding EncodingFor(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        null or "" or "UTF-8" or "UTF8" => TextEncodings.StrictUtf8,
        "CP932" or "SHIFT_JIS" or "SHIFT-JIS" or "SJIS" or "WINDOWS-31J" =>
            TextEncodings.Cp932Replacing(Geta.ToString()),
        _ => throw new ArgumentException($"unknown encoding '{name}': use utf-8 or cp932", nameof(name)),
    };

    public void WriteHeader() => csv.WriteRecord(Columns);

    public void Write(NoticePrintRow r)
    {
        string[] fields =
        [
            r.BatchId.ToString(CultureInfo.InvariantCulture),
            r.EnvelopeSequence.ToString(CultureInfo.InvariantCulture),
            r.PositionInEnvelope.ToString(CultureInfo.InvariantCulture),
            DeliveryCode(r.Delivery),
            r.DeliveryPostalCode ?? "",
            r.DeliveryAddress,
            r.Addressee,
            r.HouseholdCode,
            r.ResidentCode,
            r.FamilyName,
            r.GivenName,
            r.FamilyNameKana,
            r.GivenNameKana,
            r.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            JapaneseDate.Format(r.BirthDate),
            ((int)r.Sex).ToString(CultureInfo.InvariantCulture),
            r.RegisteredAddress,
            r.Kind == NoticeKind.NotificationCard ? "card" : "letter",
            r.IndividualNumber,
            r.ApplicationId,
            r.NoticeDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            JapaneseDate.Format(r.NoticeDate),
            NeedsGaiji(r) ? "1" : "0",
        ];
        csv.WriteRecord(fields);
    }

    private static bool NeedsGaiji(NoticePrintRow r) =>
        AlternativeCharacters.Analyse(r.FullName).Flags is not null
        || AlternativeCharacters.Analyse(r.Addressee).Flags is not null
        || AlternativeCharacters.Analyse(r.DeliveryAddress).Flags is not null
        || AlternativeCharacters.Analyse(r.RegisteredAddress).Flags is not null;

    public static string DeliveryCode(DeliveryKind kind) => kind switch
    {
        DeliveryKind.Residence => "residence",
        DeliveryKind.Proxy => "proxy",
        DeliveryKind.HeldAtOffice => "held_at_office",
        _ => "registered_address",
    };
}
