using Myna.Core.Calendar;
using Myna.Documents.Notices;
using Myna.Documents.Pdf;

namespace Myna.Documents.Applications;

/// <summary>
/// What a deficiency notice (不備通知, DOMAIN §4.3) says; the address is empty when protected (§9). Where to re-apply and whom
/// to ask come from the municipality's record: <paramref name="PublicUrl"/> (the online application, /apply, and the status
/// page, /status), <paramref name="WindowAddress"/>, <paramref name="Department"/> and <paramref name="Phone"/>; a line
/// whose value the municipality has not set is left out.
/// </summary>
public sealed record DeficiencyNotice(string ApplicationId, string FullName, string? PostalCode, string Address, DateOnly ReceivedOn,
    IReadOnlyList<string> Reasons, DateOnly IssuedOn, string MunicipalityName, string PublicUrl, string? WindowAddress = null, string? Department = null,
    string? Phone = null)
{
    /// <summary>The online application with this ID filled in (the same link as the form's QR code, §4.1).</summary>
    public string ApplyUrl => PublicUrl.TrimEnd('/') + "/apply?id=" + ApplicationId;

    public string StatusUrl => PublicUrl.TrimEnd('/') + "/status";
}

/// <summary>The deficiency notice as one A4 page: what was wrong with the photo, and how to resubmit under the same ID.</summary>
public static class DeficiencyNoticePdf
{
    public static byte[] Render(DeficiencyNotice n)
    {
        using var stream = new MemoryStream();
        using (var pdf = new PdfDocument(stream, "個人番号カード交付申請の不備について", n.MunicipalityName))
        {
            const float margin = 20 * PdfDocument.Mm;
            var right = PdfDocument.A4Width - margin;
            pdf.BeginPage();
            if (n.Address.Length > 0)
            {
                if (n.PostalCode is { } postal)
                {
                    pdf.Text("〒" + postal, margin, 60, 10);
                }
                pdf.TextFit(n.Address, margin, 76, 11, 90 * PdfDocument.Mm);
            }
            pdf.TextFit(n.FullName + " 様", margin, 96, 13, 90 * PdfDocument.Mm);
            pdf.Text(JapaneseDate.Format(n.IssuedOn), right, 140, 10.5f, SkiaSharp.SKTextAlign.Right);
            pdf.Text(n.MunicipalityName + "長", right, 158, 10.5f, SkiaSharp.SKTextAlign.Right);
            pdf.Text("個人番号カード交付申請の不備について（お知らせ）", PdfDocument.A4Width / 2, 205, 16, SkiaSharp.SKTextAlign.Center);
            var y = 240f;
            foreach (var line in new[]
            {
                $"{JapaneseDate.Format(n.ReceivedOn)}に受け付けた個人番号カードの交付申請について、",
                "顔写真に次の不備がありました。お手数ですが、写真を撮り直して再度申請してください。",
            })
            {
                pdf.Text(line, margin, y, 10.5f);
                y += 18;
            }
            y += 10;
            pdf.Text("申請書ID　" + NoticePdf.GroupDigits(n.ApplicationId, 4, " "), margin, y, 11);
            y += 26;
            pdf.Text("不備の内容", margin, y, 11);
            y += 8;
            var boxTop = y;
            y += 20;
            foreach (var reason in n.Reasons)
            {
                pdf.TextFit("・" + reason, margin + 10, y, 10.5f, PdfDocument.A4Width - 2 * margin - 20);
                y += 18;
            }
            pdf.Box(margin, boxTop, PdfDocument.A4Width - 2 * margin, y - boxTop);
            y += 30;
            foreach (var line in ReapplyLines(n))
            {
                pdf.TextFit(line, margin, y, line.StartsWith('・') || line.StartsWith('　') ? 9.5f : 11, PdfDocument.A4Width - 2 * margin);
                y += 17;
            }
        }
        return stream.ToArray();
    }

    /// <summary>How to re-apply (online at the address, by mail, or at the window) and whom to ask, in the letter's order.</summary>
    public static IReadOnlyList<string> ReapplyLines(DeficiencyNotice n)
    {
        var lines = new List<string>
        {
            "再申請の方法",
            "・同じ申請書IDのまま申請できます。スマートフォン・パソコンからは次の申請用ページで新しい写真を添付してください。",
            "　" + n.ApplyUrl,
            "・郵送の場合は新しい写真を貼った申請書を返信用封筒でお送りください。",
        };
        if (n.WindowAddress is { Length: > 0 } window)
        {
            lines.Add("・窓口でも申請できます（本人確認書類をお持ちください）：" + window);
        }
        lines.Add("・写真の条件：6か月以内に撮影、正面・無帽・無背景、JPEG形式、20KB〜7MB、縦横480〜6000ピクセル。");
        lines.Add("・申請の状況は、申請状況の確認ページ（" + n.StatusUrl + "）で申請書IDと生年月日を入力して確認できます。");
        var contact = string.Join("　", new[] { n.MunicipalityName + (n.Department is { Length: > 0 } d ? " " + d : ""), n.Phone is { Length: > 0 } p ? "電話 " + p : null }
            .Where(x => x is not null));
        lines.Add("お問い合わせ先：" + contact);
        return lines;
    }
}
