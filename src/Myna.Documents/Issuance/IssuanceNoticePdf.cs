using Myna.Core.Calendar;
using Myna.Documents.Notices;
using Myna.Documents.Pdf;
using Myna.Documents.Qr;
using SkiaSharp;

namespace Myna.Documents.Issuance;

/// <summary>What one issuance notice (交付通知書, DOMAIN §6.2) or its reminder says.</summary>
public sealed record IssuanceNoticePage(string NoticeNumber, string FullName, string? PostalCode, string Address, DateOnly SentOn, DateOnly Deadline,
    bool Reminder, bool HasSignatureCertificate, string MunicipalityName, string BookingUrl, string? OfficePhone, int DestroyAfterMonths = 3);

/// <summary>
/// The issuance notice as one A4 page: the card is ready, the deadline, what to bring, how to book
/// (the booking page, with the notice number and birth date), and a QR code of the notice number
/// that the window scans. It doubles as the inquiry reply (照会回答書) and the proxy's authorisation
/// (委任状), whose fields the resident fills in by hand. A reminder says the deadline has passed.
/// </summary>
public static class IssuanceNoticePdf
{
    public static byte[] Render(IEnumerable<IssuanceNoticePage> pages, string municipalityName)
    {
        using var stream = new MemoryStream();
        using (var pdf = new PdfDocument(stream, "個人番号カード交付通知書", municipalityName))
        {
            foreach (var page in pages)
            {
                Write(pdf, page);
            }
        }
        return stream.ToArray();
    }

    /// <summary>The notice number as printed: 4-4-4 digits.</summary>
    public static string Grouped(string number) => NoticePdf.GroupDigits(number, 4, "-");

    private static void Write(PdfDocument pdf, IssuanceNoticePage n)
    {
        const float margin = 18 * PdfDocument.Mm;
        var right = PdfDocument.A4Width - margin;
        var width = PdfDocument.A4Width - 2 * margin;
        pdf.BeginPage();
        if (n.PostalCode is { } postal)
        {
            pdf.Text("〒" + postal, margin, 52, 10);
        }
        pdf.TextFit(n.Address, margin, 68, 11, 100 * PdfDocument.Mm);
        pdf.TextFit(n.FullName + " 様", margin, 88, 13, 100 * PdfDocument.Mm);
        const float qrSide = 26 * PdfDocument.Mm;
        QrSymbol.Encode(n.NoticeNumber).Draw(pdf, right - qrSide, 36, qrSide);
        pdf.Text("交付通知書番号", right - qrSide / 2, 36 + qrSide + 12, 8, SKTextAlign.Center);
        pdf.Text(Grouped(n.NoticeNumber), right - qrSide / 2, 36 + qrSide + 24, 10, SKTextAlign.Center);
        pdf.Text(JapaneseDate.Format(n.SentOn), right, 150, 10, SKTextAlign.Right);
        pdf.Text(n.MunicipalityName + "長", right, 165, 10, SKTextAlign.Right);

        var title = n.Reminder ? "個人番号カードの受取について（再通知）" : "個人番号カード交付通知書（兼照会書・回答書・委任状）";
        pdf.Text(title, PdfDocument.A4Width / 2, 200, 15, SKTextAlign.Center);
        var y = 228f;
        var opening = n.Reminder
            ? new[] { $"あなたの個人番号カードの交付期限（{JapaneseDate.Format(n.Deadline)}）が過ぎました。", "カードは引き続き保管しています。お早めにご予約のうえ、受け取りにお越しください。" }
            : new[] { "申請された個人番号カードの準備ができましたので、お知らせします。", "予約のうえ、次のものを持って受け取りにお越しください。" };
        foreach (var line in opening)
        {
            pdf.Text(line, margin, y, 10.5f);
            y += 16;
        }
        y += 8;
        pdf.Text("交付期限", margin, y, 11);
        pdf.Text(JapaneseDate.Format(n.Deadline) + $"（期限を過ぎた後、{n.DestroyAfterMonths}か月を経過したカードは廃棄します）", margin + 70, y, 11);
        y += 24;

        y = Section(pdf, "お持ちいただくもの", [
            "・この交付通知書",
            "・本人確認書類：顔写真付きのもの（運転免許証、旅券、在留カード等）1点、またはそれがない場合は",
            "　健康保険証・年金手帳等のうち2点（うち1点は顔写真付きのものが望ましい）",
            "・通知カード（お持ちの方）、住民基本台帳カード（お持ちの方）",
        ], margin, y, width);
        y = Section(pdf, "予約の方法", [
            $"・予約ページ {n.BookingUrl} で、交付通知書番号と生年月日を入力してください。",
            "・予約の変更・取消しは、予約時刻の1時間前まで同じページでできます。" + (n.OfficePhone is { } phone ? $"電話：{phone}" : ""),
            "・窓口では、暗証番号（数字4桁" + (n.HasSignatureCertificate ? "、署名用は英数字6〜16文字" : "") + "）をご本人が専用の入力端末で設定します。",
        ], margin, y, width);
        y = Section(pdf, "照会書・回答書（本人確認のため、ご本人が記入してください）", [
            "上記の個人番号カードの交付申請は、私本人が行ったものに相違ありません。",
            "　　　　　　　　　　　　　　　　　　　氏名（自署）＿＿＿＿＿＿＿＿＿＿＿＿＿＿",
        ], margin, y, width);
        Section(pdf, "委任状（代理人が受け取る場合のみ：病気、身体の障害、15歳未満、施設入所等の理由がある場合）", [
            "私は、次の者を代理人と定め、個人番号カードの受取を委任します。",
            "代理人　住所＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿　氏名＿＿＿＿＿＿＿＿＿＿＿＿",
            "委任者（ご本人）氏名（自署）＿＿＿＿＿＿＿＿＿＿＿　代理人が来庁できない理由＿＿＿＿＿＿＿＿",
            "※代理人の本人確認書類、ご本人の本人確認書類、来庁できない理由を証する書類が必要です。",
        ], margin, y, width);
        pdf.EndPage();
    }

    private static float Section(PdfDocument pdf, string heading, IReadOnlyList<string> lines, float margin, float y, float width)
    {
        pdf.TextFit(heading, margin, y, 11, width);
        y += 6;
        var top = y;
        y += 16;
        foreach (var line in lines)
        {
            pdf.TextFit(line, margin + 8, y, 9.5f, width - 16);
            y += 15;
        }
        pdf.Box(margin, top, width, y - top - 6);
        return y + 14;
    }
}
