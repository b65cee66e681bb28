using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Notices;
using Myna.Core.Protection;
using Myna.Core.Residents;
using Myna.Municipal.SupportMeasures;
using Myna.Storage;
using Myna.Storage.Audit;

namespace Myna.Municipal.Notices;

/// <summary>
/// Reads a batch back in print order (envelope, then head first) with the numbers decrypted, for
/// the printer's data file and the PDFs. A re-send envelope carries the notices of the envelope
/// it re-sends, with the same application IDs.
/// Every read is an export of full numbers for the
/// number-notification purpose and is audited (DOMAIN §12) by <see cref="RecordPrintedAsync"/>.
/// A letter is the person's own (§9): a withheld address is printed on it, and the use is logged for the
/// officer — except on a letter held at the office, which needs no address.
/// </summary>
public sealed class NoticePrintData(NumberProtector protector, AuditLog audit, AddressRule rule)
{
    public const string Purpose = "number-notification";

    public async IAsyncEnumerable<NoticePrintRow> ReadAsync(MunicipalDb db, long batchId, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var withheld = await WithheldInBatchAsync(db, batchId, ct);
        await Sql.OpenAsync(db, ct);
        await using var select = Sql.Command(db, """
            SELECT e.sequence, e.delivery, e.postal_code, e.address, e.addressee, h.household_code,
                   r.id, r.resident_code, r.family_name, r.given_name, r.family_name_kana, r.given_name_kana, r.birth_date, r.sex,
                   r.prefecture, r.city, r.town, r.block, r.building,
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
            var delivery = (DeliveryKind)reader.GetInt32(1);
            var address = withheld.Contains(residentId) && delivery == DeliveryKind.HeldAtOffice ? "" : RegisterAddress.Join(reader.GetString(14), reader.GetString(15), reader.GetString(16), reader.GetString(17),
                reader.IsDBNull(18) ? null : reader.GetString(18));
            yield return new NoticePrintRow(batchId, envelope, position, delivery,
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetString(7), reader.GetString(8), reader.GetString(9), reader.GetString(10), reader.GetString(11),
                reader.GetFieldValue<DateOnly>(12), (Sex)reader.GetInt32(13), address,
                (NoticeKind)reader.GetInt32(19), protector.Unprotect((byte[])reader.GetValue(21), residentId).Value, reader.GetString(20),
                reader.GetFieldValue<DateOnly>(22));
        }
    }

    /// <summary>The audit record of one print output: who wrote how many full numbers, for which purpose (§12).</summary>
    /// <remarks>§9: the withheld addresses printed on their people's own letters are logged as served with it.</remarks>
    public async Task RecordPrintedAsync(MunicipalDb db, long batchId, string output, long rows, string actor, CancellationToken ct = default)
    {
        await audit.AppendAsync(db, actor, AuditActions.NoticesPrinted, string.Create(CultureInfo.InvariantCulture, $"notice-batch:{batchId}"),
            purpose: Purpose, detail: string.Create(CultureInfo.InvariantCulture, $"{output}; numbers={rows}"), ct: ct);
        var printed = await WithheldInBatchAsync(db, batchId, ct, exceptHeld: true);
        await rule.ServedAsync(db, actor, printed, "notice print data (" + output + ")", ct);
    }

    /// <summary>The people of a batch whose address is withheld (§9); <paramref name="exceptHeld"/>: only those whose letter carries an address.</summary>
    private async Task<HashSet<long>> WithheldInBatchAsync(MunicipalDb db, long batchId, CancellationToken ct, bool exceptHeld = false)
    {
        var envelopes = db.NoticeEnvelopes.AsNoTracking().Where(e => e.BatchId == batchId && (!exceptHeld || e.Delivery != DeliveryKind.HeldAtOffice))
            .Select(e => e.ResendOfId ?? e.Id);
        var withheld = rule.WithheldIds(db);
        return (await db.Notices.AsNoTracking().Where(n => envelopes.Contains(n.EnvelopeId) && withheld.Contains(n.ResidentId))
            .Select(n => n.ResidentId).Distinct().ToListAsync(ct)).ToHashSet();
    }
}
