using System.Globalization;
using Myna.Core.Text;

namespace Myna.Core.Production;

/// <summary>One card on a delivery list: which card, for which application and person, and what it carries.</summary>
public sealed record DeliveryListEntry(int Line, string Serial, string ApplicationId, string FamilyName, string GivenName, DateOnly BirthDate,
    DateOnly Expiry, bool SignatureCertificate, bool UserCertificate, bool Braille);

/// <summary>
/// The delivery list (発行一覧表, DOMAIN §5) that travels with a batch of cards from production to
/// the municipality; its file form is documented in docs/delivery-list.md. UTF-8 CSV with a header
/// record (<c>H</c>), one data record per card (<c>D</c>) and a trailer record (<c>T</c>) with the
/// count, so a truncated file is refused rather than half-imported.
/// </summary>
public sealed record DeliveryList(string Id, string MunicipalityCode, DateTimeOffset CreatedAt, IReadOnlyList<DeliveryListEntry> Entries)
{
    public const string Format = "myna-delivery-list/1";

    public string ToCsv()
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var csv = new CsvWriter(text);
        csv.WriteRecord(["H", Format, Id, MunicipalityCode, CreatedAt.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture)]);
        foreach (var e in Entries)
        {
            csv.WriteRecord(["D", e.Line.ToString(CultureInfo.InvariantCulture), e.Serial, e.ApplicationId, e.FamilyName, e.GivenName, Iso(e.BirthDate),
                Iso(e.Expiry), Flag(e.SignatureCertificate), Flag(e.UserCertificate), Flag(e.Braille)]);
        }
        csv.WriteRecord(["T", Entries.Count.ToString(CultureInfo.InvariantCulture)]);
        return text.ToString();
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Flag(bool b) => b ? "1" : "0";

    /// <summary>Reads a list strictly: every problem names its line; nothing is returned for a broken file.</summary>
    public static DeliveryList Parse(string text)
    {
        var reader = new CsvReader(new StringReader(text.TrimStart('\uFEFF')));
        if (!reader.Read() || reader.Fields is not ["H", var format, var id, var municipality, var created])
        {
            throw new CsvFormatException(1, "the first record must be the header: H,myna-delivery-list/1,LIST-ID,MUNICIPALITY,CREATED-AT");
        }
        if (format != Format)
        {
            throw new CsvFormatException(1, $"format '{format}' is not {Format}");
        }
        if (!DateTimeOffset.TryParseExact(created, "yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var createdAt))
        {
            throw new CsvFormatException(1, $"created-at '{created}' is not an ISO 8601 time with offset");
        }
        if (!Identifiers.MunicipalityCode.TryParse(municipality, out _, out var problem))
        {
            throw new CsvFormatException(1, "municipality: " + problem.Message);
        }
        var entries = new List<DeliveryListEntry>();
        var serials = new HashSet<string>(StringComparer.Ordinal);
        var applicationLines = new Dictionary<string, long>(StringComparer.Ordinal); // one card per application (§5: reconciled one to one)
        while (reader.Read())
        {
            var line = reader.RecordLine;
            var f = reader.Fields;
            if (f is ["T", var count])
            {
                if (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n != entries.Count)
                {
                    throw new CsvFormatException(line, $"the trailer says {count} cards, the file has {entries.Count}: the file is incomplete");
                }
                if (reader.Read())
                {
                    throw new CsvFormatException(reader.RecordLine, "nothing may follow the trailer record");
                }
                return new DeliveryList(id, municipality, createdAt, entries);
            }
            if (f is not ["D", var seq, var serial, var applicationId, var family, var given, var birth, var expiry, var sig, var user, var braille])
            {
                throw new CsvFormatException(line, "a data record has 11 fields: D,LINE,SERIAL,APPLICATION-ID,FAMILY,GIVEN,BIRTH,EXPIRY,SIG,USER,BRAILLE");
            }
            if (!int.TryParse(seq, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number != entries.Count + 1)
            {
                throw new CsvFormatException(line, $"line number '{seq}' should be {entries.Count + 1}");
            }
            if (serial.Length != 16 || !serial.All(Uri.IsHexDigit) || !serials.Add(serial))
            {
                throw new CsvFormatException(line, $"card serial '{serial}' is not 16 hexadecimal digits or appears twice");
            }
            if (!Identifiers.ApplicationId.TryParse(applicationId, out _, out var idProblem))
            {
                throw new CsvFormatException(line, "application ID: " + idProblem.Message);
            }
            if (!applicationLines.TryAdd(applicationId, line))
            {
                throw new CsvFormatException(line, $"the application ID also has a card on line {applicationLines[applicationId]}: one card per application");
            }
            entries.Add(new DeliveryListEntry(number, serial, applicationId, family, given, Date(birth, line, "birth date"), Date(expiry, line, "expiry"),
                Bool(sig, line), Bool(user, line), Bool(braille, line)));
        }
        throw new CsvFormatException(reader.RecordLine + 1, "the trailer record (T,COUNT) is missing: the file is incomplete");
    }

    private static DateOnly Date(string value, long line, string what) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new CsvFormatException(line, $"{what} '{value}' is not a date YYYY-MM-DD");

    private static bool Bool(string value, long line) => value switch
    {
        "1" => true,
        "0" => false,
        _ => throw new CsvFormatException(line, $"'{value}' should be 1 or 0"),
    };
}
