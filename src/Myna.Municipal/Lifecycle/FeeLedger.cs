using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Lifecycle;

namespace Myna.Municipal.Lifecycle;

/// <summary>One line of the fee ledger (手数料台帳): a reissue or renewal with its receipt, fee and subsidy eligibility (DOMAIN §8.4).</summary>
public sealed record FeeLedgerLine(string ReceiptNumber, DateOnly ChargedOn, ReplacementKind Kind, ReissueCause Cause, string ApplicationId, string? OldSerial,
    int CardFeeYen, int CertificateFeeYen, bool SubsidyEligible, string CreatedBy)
{
    public int TotalYen => CardFeeYen + CertificateFeeYen;
}

/// <summary>The fee ledger by period (DOMAIN §8.4): every reissue and renewal, free ones included, for the accounts and the subsidy claim.</summary>
public static class FeeLedger
{
    public static async Task<List<FeeLedgerLine>> LinesAsync(MunicipalDb db, DateOnly from, DateOnly to, CancellationToken ct = default) =>
        (await db.Replacements.AsNoTracking().Where(r => r.ChargedOn >= from && r.ChargedOn <= to).OrderBy(r => r.ChargedOn).ThenBy(r => r.Id).ToListAsync(ct))
        .Select(r => new FeeLedgerLine(r.ReceiptNumber, r.ChargedOn, r.Kind, r.Cause, r.ApplicationId, r.OldSerial, r.CardFeeYen, r.CertificateFeeYen,
            r.SubsidyEligible, r.CreatedBy)).ToList();

    /// <summary>CSV (UTF-8, header) with a closing total line: fees charged and the count eligible for the subsidy.</summary>
    public static string Csv(IReadOnlyList<FeeLedgerLine> lines)
    {
        var csv = new StringBuilder("receipt_number,charged_on,kind,cause,application_id,old_card,card_fee_yen,certificate_fee_yen,total_yen,subsidy_eligible,recorded_by\n");
        foreach (var l in lines)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{l.ReceiptNumber},{l.ChargedOn:yyyy-MM-dd},{l.Kind},{l.Cause},{l.ApplicationId},{l.OldSerial},{l.CardFeeYen},{l.CertificateFeeYen},{l.TotalYen},{(l.SubsidyEligible ? 1 : 0)},{ExpiryNoticeBatch.Quote(l.CreatedBy)}\n");
        }
        csv.Append(CultureInfo.InvariantCulture,
            $"total,,,,,,{lines.Sum(l => l.CardFeeYen)},{lines.Sum(l => l.CertificateFeeYen)},{lines.Sum(l => l.TotalYen)},{lines.Count(l => l.SubsidyEligible)},\n");
        return csv.ToString();
    }
}
