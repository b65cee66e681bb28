using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Protection;
using Myna.Core.Residents;
using Myna.Core.Text;
using Myna.Data.Audit;

namespace Myna.Data.Residents;

/// <summary>
/// Writes the register in the import format (docs/resident-csv.md), streaming. Numbers are
/// included only with a registered purpose, and that export is audited (DOMAIN §12). The file
/// appears only when complete: it is written beside the target and renamed at the end.
/// Residents under a support measure are left out (DOMAIN §9: the file would carry their
/// address to whoever receives it); <see cref="Withheld"/> counts them.
/// </summary>
public sealed class ResidentExporter(NumberProtector protector, AuditLog audit, PurposeCatalog purposes)
{
    /// <summary>Residents left out of the last export because their address is protected.</summary>
    public long Withheld { get; private set; }

    public async Task<long> ExportAsync(MunicipalDb db, string path, string? encodingName, bool includeNumbers, string? purposeCode,
        string actor, CancellationToken ct = default)
    {
        var encoding = encodingName is null or "" or "utf-8" or "utf8"
            ? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true)
            : TextEncodings.ForFile(path, encodingName);
        NumberPurpose? purpose = null;
        if (includeNumbers)
        {
            purpose = purposes.Require(purposeCode);
        }
        var full = Path.GetFullPath(path);
        var partial = full + ".partial";
        long count = 0;
        try
        {
            await using (var writer = new StreamWriter(partial, append: false, encoding, bufferSize: 1 << 16))
            {
                var csv = new CsvWriter(writer);
                csv.WriteRecord(includeNumbers ? ResidentCsv.Columns.Append(ResidentCsv.IndividualNumber) : ResidentCsv.Columns);
                Withheld = await db.Residents.CountAsync(r => r.AddressProtected, ct);
                var rows = db.Residents.AsNoTracking().Where(r => !r.AddressProtected).OrderBy(r => r.Id).Select(r => new
                {
                    Resident = r,
                    r.Household!.HouseholdCode,
                    Cipher = includeNumbers ? db.ResidentNumbers.Where(n => n.ResidentId == r.Id && n.IsCurrent).Select(n => n.Cipher).FirstOrDefault() : null,
                }).AsAsyncEnumerable();
                await foreach (var row in rows.WithCancellation(ct))
                {
                    var fields = ResidentCsv.Row(row.Resident.ResidentCode, ResidentSnapshot.Of(row.Resident, row.HouseholdCode), row.Resident.RegisteredOn);
                    if (includeNumbers)
                    {
                        fields = fields.Append(row.Cipher is null ? "" : protector.Unprotect(row.Cipher, row.Resident.Id).Value);
                    }
                    try
                    {
                        csv.WriteRecord(fields);
                    }
                    catch (EncoderFallbackException)
                    {
                        throw new InvalidOperationException(
                            $"resident {row.Resident.ResidentCode} has a character that {encoding.WebName} cannot represent; export in utf-8");
                    }
                    count++;
                }
            }
            // DOMAIN §12: the record of who exported which numbers for what is written before the file is released.
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
}
