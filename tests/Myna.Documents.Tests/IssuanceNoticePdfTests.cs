using System.Text;
using Myna.Core.Issuance;
using Myna.Documents.Issuance;

namespace Myna.Documents.Tests;

/// <summary>The issuance notice (DOMAIN §6.2) read back as a resident and a window scanner would.</summary>
public sealed class IssuanceNoticePdfTests
{
    [Fact]
    public void ANoticeStatesTheDeadlineWhatToBringHowToBook_AndItsQrCodeIsTheNoticeNumber()
    {
        var number = NoticeNumber.New();
        var pages = new[]
        {
            new IssuanceNoticePage(number, "石巻　太郎", "986-0825", "宮城県石巻市穀町14-1", new DateOnly(2026, 11, 24), new DateOnly(2027, 2, 24), Reminder: false,
                HasSignatureCertificate: true, "石巻市", "http://localhost:5080/book", "0225-95-1111"),
            new IssuanceNoticePage(number, "石巻　太郎", "986-0825", "宮城県石巻市穀町14-1", new DateOnly(2027, 2, 25), new DateOnly(2027, 2, 24), Reminder: true,
                HasSignatureCertificate: false, "石巻市", "http://localhost:5080/book", null, DestroyAfterMonths: 6),
        };
        var pdf = Path.Combine(Directory.CreateTempSubdirectory("myna-issuance-").FullName, "notice.pdf");
        File.WriteAllBytes(pdf, IssuanceNoticePdf.Render(pages, "石巻市"));

        var text = ExternalTools.Run("pdftotext", "-layout", pdf, "-").Normalize(NormalizationForm.FormKC);

        Assert.Contains("交付通知書(兼照会書・回答書・委任状)", text, StringComparison.Ordinal);
        Assert.Contains("令和9年2月24日", text, StringComparison.Ordinal); // the deadline, in the era
        Assert.Contains(IssuanceNoticePdf.Grouped(number), text, StringComparison.Ordinal);
        Assert.Contains("http://localhost:5080/book", text, StringComparison.Ordinal);
        Assert.Contains("本人確認書類", text, StringComparison.Ordinal);
        Assert.Contains("委任状", text, StringComparison.Ordinal);
        Assert.Contains("署名用は英数字6〜16文字", text, StringComparison.Ordinal);
        Assert.Contains("(再通知)", text, StringComparison.Ordinal);
        Assert.Contains("3か月を経過したカードは廃棄", text, StringComparison.Ordinal); // each letter says the municipality's configured period
        Assert.Contains("6か月を経過したカードは廃棄", text, StringComparison.Ordinal);
        Assert.Equal([number], ExternalTools.QrCodesOnPage(pdf, 1));
        Assert.Equal([number], ExternalTools.QrCodesOnPage(pdf, 2));
        Assert.Equal(number, NoticeNumber.Parse(IssuanceNoticePdf.Grouped(number)));
        Assert.Null(NoticeNumber.Parse(number[..11] + (char)('0' + (number[11] - '0' + 1) % 10))); // one wrong digit is caught
    }
}
