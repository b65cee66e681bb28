using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Protection;
using Myna.Core.Residents;
using Myna.Core.Text;
using Myna.Storage.Audit;

namespace Myna.Municipal.Residents;

/// <summary>
/// Writes the register in the import format (docs/resident-csv.md), streaming. Numbers are
/// included only with a registered purpose, and that export is audited (DOMAIN §12). The file
/// appears only when complete: it is written beside the target and renamed at the end.
/// <para>
/// DOMAIN §9: every resident is written — an export that dropped people would lose them on the way back in — but an address
/// the support-measure rule withholds from the reader is written as the placeholder and the row is marked
/// (<c>address_withheld=1</c>); the importer leaves the stored address of a marked row untouched, so a round trip through
/// <c>myna residents export</c> and <c>myna import residents</c> loses nobody and never writes the placeholder as an address.
/// The withheld reads are logged for the officer before the file is released.
/// </para>
/// </summary>
public sealed class ResidentExporter(NumberProtector protector, AuditLog audit, PurposeCatalog purposes, TimeProvider time)
{
    /// <summary>Where the withheld reads of an export are logged as having been asked.</summary>
    public const string Where = "resident export (myna residents export)";

    /// <summary>Ids per audit record of withheld reads (the subject holds the list; see AuditLimits.Subject).</summary>
    private const int IdsPerRecord = 5000;

    /// <summary>Rows of the last export whose address was withheld (written as the placeholder and marked).</summary>
    public long Withheld { get; private set; }

    public async Task<long> ExportAsync(MunicipalDb db, string path, string? encodingName, bool includeNumbers, string? purposeCode,
        Reader reader, CancellationToken ct = default)
    {
        var actor = reader.Actor;
        var withheldIds = new SupportMeasures.AddressRule(audit, time).WithheldIds(db);
        var encoding = encodingName is null or "" or "utf-8" or "utf8"
            ? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true)
            : string.Equals(encodingName.Trim(), "auto", StringComparison.OrdinalIgnoreCase)
                ? throw new ArgumentException("an export is written in utf-8 or cp932, not 'auto'", nameof(encodingName))
                : TextEncodings.ForFile(path, encodingName);
        NumberPurpose? purpose = null;
        if (includeNumbers)
        {
            purpose = purposes.Require(purposeCode);
        }
        var full = Path.GetFullPath(path);
        var partial = full + ".partial";
        var checkEach = encoding is not UTF8Encoding;
        if (checkEach)
        {
            // A character the encoding lacks (𠮷 in CP932) is refused with its row and column before any file is written.
            await EnsureEncodableAsync(db, encoding, withheldIds, reader.MaySeeProtected, ct);
        }
        long count = 0;
        var hidden = new List<long>();
        try
        {
            await using (var writer = new StreamWriter(partial, append: false, encoding, bufferSize: 1 << 16))
            {
                var csv = new CsvWriter(writer);
                csv.WriteRecord(includeNumbers ? ResidentCsv.Columns.Append(ResidentCsv.IndividualNumber) : ResidentCsv.Columns);
                var rows = db.Residents.AsNoTracking().OrderBy(r => r.Id).Select(r => new
                {
                    Resident = r,
                    r.Household!.HouseholdCode,
                    Cipher = includeNumbers ? db.ResidentNumbers.Where(n => n.ResidentId == r.Id && n.IsCurrent).Select(n => n.Cipher).FirstOrDefault() : null,
                    Withheld = !reader.MaySeeProtected && withheldIds.Contains(r.Id),
                }).AsAsyncEnumerable();
                await foreach (var row in rows.WithCancellation(ct))
                {
                    if (row.Withheld)
                    {
                        hidden.Add(row.Resident.Id);
                    }
                    var fields = ResidentCsv.Row(row.Resident.ResidentCode, ResidentSnapshot.Of(row.Resident, row.HouseholdCode), row.Resident.RegisteredOn,
                        row.Withheld).ToList();
                    if (checkEach)
                    {
                        // Again while writing, for a row changed since the check: refused before it reaches the writer's buffer.
                        EnsureEncodable(encoding, count + 1, row.Resident.ResidentCode, fields);
                    }
                    if (includeNumbers)
                    {
                        fields.Add(row.Cipher is null ? "" : protector.Unprotect(row.Cipher, row.Resident.Id).Value);
                    }
                    csv.WriteRecord(fields);
                    count++;
                }
            }
            // DOMAIN §9, §12: the withheld reads and the record of who exported which numbers for what are written before the file is released.
            Withheld = hidden.Count;
            foreach (var chunk in hidden.Chunk(IdsPerRecord))
            {
                await audit.ProtectedAddressWithheldAsync(db, actor, chunk, Where, ct);
            }
            await audit.AppendAsync(db, actor, includeNumbers ? AuditActions.NumbersExported : AuditActions.ResidentsExported, "residents",
                purpose?.Code, string.Create(CultureInfo.InvariantCulture, $"rows={count} withheld={Withheld} file={Path.GetFileName(full)}"), ct);
            File.Move(partial, full, overwrite: true);
            return count;
        }
        finally
        {
            if (File.Exists(partial))
            {
                File.Delete(partial);
            }
        }
    }

    /// <summary>Reads the rows the export will write and refuses the first field <paramref name="encoding"/> cannot represent.</summary>
    private static async Task EnsureEncodableAsync(MunicipalDb db, Encoding encoding, IQueryable<long> withheldIds, bool maySeeProtected, CancellationToken ct)
    {
        long row = 0;
        var rows = db.Residents.AsNoTracking().OrderBy(r => r.Id)
            .Select(r => new { Resident = r, r.Household!.HouseholdCode, Withheld = !maySeeProtected && withheldIds.Contains(r.Id) }).AsAsyncEnumerable();
        await foreach (var r in rows.WithCancellation(ct))
        {
            EnsureEncodable(encoding, ++row, r.Resident.ResidentCode,
                ResidentCsv.Row(r.Resident.ResidentCode, ResidentSnapshot.Of(r.Resident, r.HouseholdCode), r.Resident.RegisteredOn, r.Withheld).ToList());
        }
    }

    private static void EnsureEncodable(Encoding encoding, long row, string residentCode, List<string?> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i] is { } value && Encodability.FirstUnencodable(encoding, value) is { } at)
            {
                throw new ExportEncodingException(row, ResidentCsv.Columns[i],
                    $"row {row} (resident {residentCode}), column {ResidentCsv.Columns[i]}: character {Encodability.CodePointAt(value, at)} at position {at + 1} " +
                    $"cannot be written in {encoding.WebName}; export in utf-8, or record the alternative character (代替文字, DOMAIN §2)");
            }
        }
    }
}
