using System.Globalization;
using Myna.Core.Calendar;
using Myna.Documents.Pdf;
using SkiaSharp;

namespace Myna.Documents.Lifecycle;

/// <summary>One expiry notice letter: the addressee (or held at the office), what expires when, and from when to renew.</summary>
public sealed record ExpiryLetter(string FullName, string? PostalCode, string Address, bool HeldAtOffice, bool Certificates, DateOnly Expiry, DateOnly RenewalFrom);

/// <summary>A receipt (領収書) for a reissue or renewal (DOMAIN §8.4): free ones get one too, with ¥0.</summary>
public sealed record FeeReceipt(string ReceiptNumber, DateOnly ChargedOn, string FullName, string What, string Cause, int CardFeeYen, int CertificateFeeYen,
    bool SubsidyEligible, string ApplicationId, string MunicipalityName);

/// <summary>The A4 letters of the card lifecycle: expiry notices (§8.2) and fee receipts (§8.4).</summary>
public static class LifecycleDocuments
{
    private const float Margin = 20 * PdfDocument.Mm;

    /// <summary>有効期限通知書, one page per letter, in the order given (the print shop's postal-code order).</summary>
    public static byte[] ExpiryNotices(IReadOnlyList<ExpiryLetter> letters, string municipalityName)
    {
        using var stream = new MemoryStream();
        using (var pdf = new PdfDocument(stream, "有効期限通知書", municipalityName))
        {
            var width = PdfDocument.A4Width - 2 * Margin;
            foreach (var l in letters)
            {
                pdf.BeginPage();
                if (l.HeldAtOffice)
                {
                    pdf.Text("窓口保管（送付しない）", Margin, 60, 10.5f);
                }
                else
                {
                    pdf.Text("〒" + (l.PostalCode is { Length: 7 } p ? p[..3] + "-" + p[3..] : l.PostalCode ?? ""), Margin, 60, 11);
                    pdf.TextFit(l.Address, Margin, 78, 11, width * 0.6f);
                }
                pdf.Text(l.FullName + " 様", Margin, 100, 13);
                var subject = l.Certificates ? "電子証明書" : "マイナンバーカード";
                pdf.Text(subject + "の有効期限のお知らせ", PdfDocument.A4Width / 2, 160, 16, SKTextAlign.Center);
                pdf.Box(Margin, 185, width, 60);
                pdf.Text("有効期限", Margin + 10, 208, 11);
                pdf.Text(JapaneseDate.Format(l.Expiry), Margin + 110, 208, 14);
                pdf.Text("更新の受付開始", Margin + 10, 232, 11);
                pdf.Text(JapaneseDate.Format(l.RenewalFrom) + " から", Margin + 110, 232, 12);
                var lines = l.Certificates
                    ? new[]
                    {
                        "あなたのマイナンバーカードに記録された電子証明書の有効期限が近づいています。",
                        "有効期限の3か月前から、市区町村の窓口で電子証明書を更新できます（手数料はかかりません）。",
                        "お持ちいただくもの：マイナンバーカード、この通知書。カードの暗証番号の入力が必要です。",
                    }
                    : new[]
                    {
                        "あなたのマイナンバーカードの有効期限が近づいています。",
                        "有効期限の3か月前から、更新（新しいカードの申請）ができます。有効期限による更新の手数料はかかりません。",
                        "同封の交付申請書で、郵送・スマートフォン・パソコン・証明写真機から申請できます。",
                        "新しいカードの受取時に、今お持ちのカードを返納していただきます。",
                    };
                var y = 275f;
                foreach (var line in lines)
                {
                    pdf.TextFit(line, Margin, y, 10.5f, width);
                    y += 20;
                }
                pdf.Text(municipalityName, PdfDocument.A4Width - Margin, PdfDocument.A4Height - 60, 10.5f, SKTextAlign.Right);
                pdf.EndPage();
            }
            if (letters.Count == 0)
            {
                pdf.BeginPage();
                pdf.Text("この月の有効期限通知書はありません。", Margin, 80, 12);
                pdf.EndPage();
            }
        }
        return stream.ToArray();
    }

    public static byte[] Receipt(FeeReceipt r)
    {
        using var stream = new MemoryStream();
        using (var pdf = new PdfDocument(stream, "領収書 " + r.ReceiptNumber, r.MunicipalityName))
        {
            var width = PdfDocument.A4Width - 2 * Margin;
            var yen = (int v) => "¥" + v.ToString("N0", CultureInfo.InvariantCulture);
            pdf.BeginPage();
            pdf.Text("領収書", PdfDocument.A4Width / 2, 70, 18, SKTextAlign.Center);
            pdf.Text("No. " + r.ReceiptNumber, PdfDocument.A4Width - Margin, 100, 10.5f, SKTextAlign.Right);
            pdf.Text(JapaneseDate.Format(r.ChargedOn), PdfDocument.A4Width - Margin, 118, 10.5f, SKTextAlign.Right);
            pdf.Text(r.FullName + " 様", Margin, 150, 13);
            pdf.Box(Margin, 170, width, 44);
            pdf.Text("金額", Margin + 10, 198, 12);
            pdf.Text(yen(r.CardFeeYen + r.CertificateFeeYen), Margin + 120, 200, 18);
            var y = 245f;
            foreach (var (label, value) in new[]
            {
                ("但し", r.What),
                ("事由", r.Cause),
                ("カード再交付手数料", yen(r.CardFeeYen)),
                ("電子証明書発行手数料", yen(r.CertificateFeeYen)),
                ("交付申請書ID", r.ApplicationId),
            })
            {
                pdf.Text(label, Margin + 10, y, 10.5f);
                pdf.TextFit(value, Margin + 150, y, 10.5f, width - 160);
                pdf.Line(Margin, y + 6, Margin + width, y + 6);
                y += 24;
            }
            if (r.CardFeeYen + r.CertificateFeeYen == 0)
            {
                pdf.TextFit("手数料は免除されています" + (r.SubsidyEligible ? "（国庫補助の対象）。" : "。"), Margin, y + 10, 10, width);
            }
            pdf.Text(r.MunicipalityName + " 長", PdfDocument.A4Width - Margin, y + 60, 12, SKTextAlign.Right);
            pdf.EndPage();
        }
        return stream.ToArray();
    }
}
