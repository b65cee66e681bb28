using Myna.Core.Calendar;
using Myna.Documents.Pdf;
using SkiaSharp;

namespace Myna.Documents.Issuance;

/// <summary>What the PIN memo sheet names: whose card, its expiry and the certificates' expiry, and whether a signature PIN exists.</summary>
public sealed record PinMemo(string FullName, DateOnly CardExpiry, DateOnly? CertificateExpiry, bool SignaturePin, string MunicipalityName);

/// <summary>
/// The PIN memo sheet (暗証番号控え, DOMAIN §6.4 step 5) handed over with the card: one box per PIN
/// for the resident to write in by hand, the try limits and what to do when a PIN is locked. The
/// PINs themselves are never printed: the system does not know them after the chip took them.
/// </summary>
public static class PinMemoPdf
{
    public static byte[] Render(PinMemo m)
    {
        using var stream = new MemoryStream();
        using (var pdf = new PdfDocument(stream, "暗証番号の控え", m.MunicipalityName))
        {
            const float margin = 20 * PdfDocument.Mm;
            var width = PdfDocument.A4Width - 2 * margin;
            pdf.BeginPage();
            pdf.Text("マイナンバーカード 暗証番号の控え", PdfDocument.A4Width / 2, 70, 16, SKTextAlign.Center);
            pdf.Text(m.FullName + " 様", margin, 110, 13);
            pdf.Text("カードの有効期限　" + JapaneseDate.Format(m.CardExpiry), margin, 134, 10.5f);
            if (m.CertificateExpiry is { } certificate)
            {
                pdf.Text("電子証明書の有効期限　" + JapaneseDate.Format(certificate), margin, 152, 10.5f);
            }
            var y = 185f;
            var rows = new List<(string Name, string Rule)>
            {
                ("利用者証明用電子証明書", "数字4桁（3回間違えるとロック）"),
                ("住民基本台帳用", "数字4桁（3回間違えるとロック）"),
                ("券面事項入力補助用", "数字4桁（3回間違えるとロック）"),
            };
            if (m.SignaturePin)
            {
                rows.Insert(0, ("署名用電子証明書", "英数字6〜16文字（5回間違えるとロック）"));
            }
            foreach (var (name, rule) in rows)
            {
                pdf.Box(margin, y, width, 46);
                pdf.Text(name, margin + 8, y + 18, 11);
                pdf.Text(rule, margin + 8, y + 36, 9);
                pdf.Box(margin + width * 0.55f, y + 8, width * 0.42f, 30);
                y += 56;
            }
            y += 10;
            foreach (var line in new[]
            {
                "・暗証番号はご自身で記入してください。市区町村の職員が暗証番号を尋ねることはありません。",
                "・この控えはカードと別の場所に保管してください。",
                "・暗証番号を忘れた、またはロックされた場合は、カードと本人確認書類を持って市区町村の窓口で再設定してください。",
            })
            {
                pdf.TextFit(line, margin, y, 9.5f, width);
                y += 17;
            }
            pdf.EndPage();
        }
        return stream.ToArray();
    }
}
