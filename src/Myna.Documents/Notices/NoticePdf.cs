using System.Globalization;
using Myna.Core.Calendar;
using Myna.Core.Notices;
using Myna.Core.Residents;
using Myna.Documents.Pdf;
using Myna.Documents.Qr;

namespace Myna.Documents.Notices;

/// <summary>
/// The printed contents of the envelopes (DOMAIN §3.1): per person, the notification letter (or
/// card, by date) and the card application form with its application ID and QR code. The first
/// letter of an envelope carries the delivery block where a window envelope shows it.
/// </summary>
public static class NoticePdf
{
    public const int PagesPerPerson = 2;

    private const float Margin = 20 * PdfDocument.Mm;

    /// <summary>One person's two pages; <paramref name="applyUrl"/> is the public application page the QR code opens (null: the bare ID).</summary>
    public static void WritePerson(PdfDocument pdf, NoticePrintRow row, string municipalityName, string? applyUrl = null)
    {
        WriteNotice(pdf, row, municipalityName);
        WriteApplicationForm(pdf, row, municipalityName, applyUrl);
    }

    /// <summary>What the form's QR code holds: the application page's address with the ID, as the national form's QR does, or the ID alone.</summary>
    public static string QrPayload(string applicationId, string? applyUrl) =>
        applyUrl is null ? applicationId : applyUrl + (applyUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "id=" + applicationId;

    private static void WriteNotice(PdfDocument pdf, NoticePrintRow row, string municipalityName)
    {
        pdf.BeginPage();
        var right = PdfDocument.A4Width - Margin;
        if (row.PositionInEnvelope == 1)
        {
            // Window-envelope block (長形3号): postal code, address, addressee.
            var top = 18 * PdfDocument.Mm;
            if (row.DeliveryPostalCode is { } postal)
            {
                pdf.Text("〒" + postal, Margin, top + 10, 10);
            }
            pdf.TextFit(row.DeliveryAddress, Margin, top + 26, 11, 90 * PdfDocument.Mm);
            pdf.TextFit(row.Addressee, Margin, top + 44, 13, 90 * PdfDocument.Mm);
            if (row.Delivery == DeliveryKind.HeldAtOffice)
            {
                pdf.Text("留め置き（窓口でお渡し）", Margin, top + 60, 9);
            }
            pdf.Text(string.Create(CultureInfo.InvariantCulture, $"No. {row.BatchId}-{row.EnvelopeSequence:D6}"), right, top + 10, 8, SkiaSharp.SKTextAlign.Right);
        }
        pdf.Text(JapaneseDate.Format(row.NoticeDate), right, 150, 10.5f, SkiaSharp.SKTextAlign.Right);
        pdf.Text(municipalityName + "長", right, 168, 10.5f, SkiaSharp.SKTextAlign.Right);
        pdf.Text(NoticeKinds.TitleJa(row.Kind), PdfDocument.A4Width / 2, 215, 22, SkiaSharp.SKTextAlign.Center);
        pdf.Text("あなたの個人番号（マイナンバー）を次のとおり通知します。", Margin, 250, 10.5f);

        float y = 275;
        void Field(string label, string value, float height = 34, float size = 12) =>
            y = LabeledBox(pdf, y, PdfDocument.A4Width - 2 * Margin, 90, label, value, height, size, 10);
        Field("フリガナ", row.FullNameKana, 24, 9.5f);
        Field("氏名", row.FullName, 38, 15);
        Field("生年月日", JapaneseDate.Format(row.BirthDate));
        if (row.Kind == NoticeKind.NotificationCard)
        {
            Field("性別", SexJa(row.Sex));
            Field("住所", row.RegisteredAddress.Length == 0 ? "（表示しません）" : row.RegisteredAddress);
        }
        Field("個人番号", GroupDigits(row.IndividualNumber, 4, " "), 48, 20);

        y += 24;
        foreach (var line in new[]
        {
            "・この通知書は、個人番号を証明する書類や本人確認書類として使用することはできません。",
            "・個人番号カードの交付を申請するときは、同封の交付申請書をご利用ください。",
            "・個人番号は、法律で定められた事務以外で他人に提供しないでください。",
        })
        {
            pdf.Text(line, Margin, y, 9);
            y += 16;
        }
        pdf.Text(string.Create(CultureInfo.InvariantCulture, $"住民票コード {row.ResidentCode}"), Margin, PdfDocument.A4Height - Margin, 7.5f);
    }

    private static void WriteApplicationForm(PdfDocument pdf, NoticePrintRow row, string municipalityName, string? applyUrl)
    {
        pdf.BeginPage();
        var width = PdfDocument.A4Width - 2 * Margin;
        pdf.Text("個人番号カード交付申請書", Margin, 70, 18);
        pdf.Text(municipalityName + "長 あて", Margin, 92, 10);

        // The application ID and its QR code (DOMAIN §1.5): read by phones and by the intake scanner.
        const float qrSide = 34 * PdfDocument.Mm;
        var qrLeft = PdfDocument.A4Width - Margin - qrSide;
        QrSymbol.Encode(QrPayload(row.ApplicationId, applyUrl)).Draw(pdf, qrLeft, 40, qrSide);
        pdf.Text("申請書ID", qrLeft - 10, 70, 9, SkiaSharp.SKTextAlign.Right);
        pdf.Text(GroupDigits(row.ApplicationId, 4, " "), qrLeft - 10, 88, 11, SkiaSharp.SKTextAlign.Right);

        float y = 150, labelWidth = 80;
        var photoWidth = 35 * PdfDocument.Mm;
        var fieldsWidth = width - photoWidth - 12;
        void Field(string label, string value, float height = 32, float size = 11.5f) =>
            y = LabeledBox(pdf, y, fieldsWidth, labelWidth, label, value, height, size, 9.5f);
        Field("フリガナ", row.FullNameKana, 22, 9);
        Field("氏名", row.FullName, 36, 14);
        Field("生年月日", JapaneseDate.Format(row.BirthDate));
        Field("性別", SexJa(row.Sex));
        Field("住所", row.RegisteredAddress.Length == 0 ? "（表示しません）" : row.RegisteredAddress, 40, 10.5f);

        // Photo box: 縦4.5cm × 横3.5cm (DOMAIN §4.3).
        var photoLeft = PdfDocument.A4Width - Margin - photoWidth;
        pdf.Box(photoLeft, 150, photoWidth, 45 * PdfDocument.Mm);
        pdf.Text("写真貼付欄", photoLeft + photoWidth / 2, 150 + 22.5f * PdfDocument.Mm - 6, 9, SkiaSharp.SKTextAlign.Center);
        pdf.Text("縦4.5cm×横3.5cm", photoLeft + photoWidth / 2, 150 + 22.5f * PdfDocument.Mm + 8, 8, SkiaSharp.SKTextAlign.Center);
        pdf.Text("6か月以内に撮影", photoLeft + photoWidth / 2, 150 + 45 * PdfDocument.Mm + 11, 7, SkiaSharp.SKTextAlign.Center);
        pdf.Text("無帽・正面・無背景", photoLeft + photoWidth / 2, 150 + 45 * PdfDocument.Mm + 21, 7, SkiaSharp.SKTextAlign.Center);

        y += 36;
        pdf.Text("電子証明書の発行について（希望しない場合のみ□にレ点）", Margin, y, 10);
        y += 20;
        pdf.Box(Margin + 4, y - 9, 10, 10);
        pdf.Text("署名用電子証明書は不要です（15歳未満の方には発行されません）", Margin + 20, y, 9.5f);
        y += 18;
        pdf.Box(Margin + 4, y - 9, 10, 10);
        pdf.Text("利用者証明用電子証明書は不要です", Margin + 20, y, 9.5f);
        y += 30;
        pdf.Text("点字表記を希望する場合は□にレ点", Margin, y, 10);
        pdf.Box(Margin + 170, y - 9, 10, 10);
        y += 30;
        pdf.Box(Margin, y, width, 30);
        pdf.Text("連絡先電話番号", Margin + 6, y + 19, 9.5f);
        y += 30;
        pdf.Box(Margin, y, width, 30);
        pdf.Text("メールアドレス", Margin + 6, y + 19, 9.5f);
        y += 44;
        pdf.Box(Margin, y, width, 56);
        pdf.Text("申請者署名（15歳未満の方は法定代理人が記入）", Margin + 6, y + 16, 9.5f);
        pdf.Text("申請日　　　　年　　月　　日", Margin + 6, y + 44, 9.5f);
        pdf.Text("スマートフォン・パソコンからも申請できます（QRコードを読み取ってください）。", Margin, PdfDocument.A4Height - Margin, 8);
    }

    /// <summary>A bordered row at the left margin: label cell, then the value shrunk to fit; returns the next row's top.</summary>
    private static float LabeledBox(PdfDocument pdf, float y, float width, float labelWidth, string label, string value, float height, float size,
        float labelSize)
    {
        pdf.Box(Margin, y, width, height);
        pdf.Line(Margin + labelWidth, y, Margin + labelWidth, y + height);
        pdf.Text(label, Margin + 7, y + height / 2 + 4, labelSize);
        pdf.TextFit(value, Margin + labelWidth + 9, y + height / 2 + size / 3, size, width - labelWidth - 18);
        return y + height;
    }

    /// <summary>Digits in groups for reading aloud and copying (e.g. 1234 5678 9012).</summary>
    public static string GroupDigits(string digits, int group, string separator) =>
        string.Join(separator, digits.Chunk(group).Select(c => new string(c)));

    public static string SexJa(Sex sex) => sex switch
    {
        Sex.Male => "男",
        Sex.Female => "女",
        _ => "―",
    };
}
