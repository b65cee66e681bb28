using System.Globalization;
using System.Runtime.CompilerServices;
using Myna.Core.Audit;
using Myna.Core.Notices;
using Myna.Core.Protection;
using Myna.Core.Residents;
using Myna.Data.Audit;

namespace Myna.Data.Notices;

/// <summary>
/// Reads a batch back in print order (envelope, then head first) with the numbers decrypted, for
/// the printer's data file and the PDFs. A re-send envelope carries the notices of the envelope
/// it re-sends, with the same application IDs.
/// Every read is an export of full numbers for the
/// number-notification purpose and is audited (DOMAIN §12) by <see cref="RecordPrintedAsync"/>.
/// </summary>
public sealed class NoticePrintData(NumberProtector protector, AuditLog audit)
{
    public const string Purpose = "number-notification";

    public async IAsyncEnumerable<NoticePrintRow> ReadAsync(MunicipalDb db, long batchId, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await Sql.OpenAsync(db, ct);
        await using var select = Sql.Command(db, """
            SELECT e.sequence, e.delivery, e.postal_code, e.address, e.addressee, h.household_code,
                   r.id, r.resident_code, r.family_name, r.given_name, r.family_name_kana, r.given_name_kana, r.birth_date, r.sex,
                   r.prefecture, r.city, r.town, r.block, r.building, r.address_protected,
                   x.kind, x.application_id, n.cipher, b.notice_date
            FROM notice_envelopes e
            JOIN notices x ON x.envelope_id = COALESCE(e.resend_of_id, e.id)
            JOIN notice_batches b ON b.id = e.batch_id
            JOIN residents r ON r.id = x.resident_id
            JOIN households h ON h.id = r.household_id
            JOIN resident_numbers n ON n.id = x.resident_number_id
            WHERE e.batch_id = @b
            ORDER BY e.sequence, CASE WHEN r.relationship = '世帯主' THEN 0 ELSE 1 END, r.id
            """, "@b");
        select.Set(0, batchId);
        await using var reader = await select.ExecuteReaderAsync(ct);
        int lastEnvelope = -1, position = 0;
        while (await reader.ReadAsync(ct))
        {
            var envelope = reader.GetInt32(0);
            position = envelope == lastEnvelope ? position + 1 : 1;
            lastEnvelope = envelope;
            var residentId = reader.GetInt64(6);
            var isProtected = reader.GetBoolean(19);
            var address = isProtected ? "" : string.Concat(reader.GetString(14), reader.GetString(15), reader.GetString(16), reader.GetString(17),
                reader.IsDBNull(18) ? "" : " " + reader.GetString(18));
            yield return new NoticePrintRow(batchId, envelope, position, (DeliveryKind)reader.GetInt32(1),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetString(7), reader.GetString(8), reader.GetString(9), reader.GetString(10), reader.GetString(11),
                reader.GetFieldValue<DateOnly>(12), (Sex)reader.GetInt32(13), address,
                (NoticeKind)reader.GetInt32(20), protector.Unprotect((byte[])reader.GetValue(22), residentId).Value, reader.GetString(21),
                reader.GetFieldValue<DateOnly>(23));
        }
    }

    /// <summary>The audit record of one print output: who wrote how many full numbers, for which purpose (§12).</summary>
    public Task RecordPrintedAsync(MunicipalDb db, long batchId, string output, long rows, string actor, CancellationToken ct = default) =>
        audit.AppendAsync(db, actor, AuditActions.NoticesPrinted, string.Create(CultureInfo.InvariantCulture, $"notice-batch:{batchId}"),
            purpose: Purpose, detail: string.Create(CultureInfo.InvariantCulture, $"{output}; numbers={rows}"), ct: ct);
}
