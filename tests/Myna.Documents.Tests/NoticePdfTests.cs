using Myna.Core.Identifiers;
using Myna.Core.Notices;
using Myna.Core.Residents;
using Myna.Documents.Notices;
using UglyToad.PdfPig;
using AppId = Myna.Core.Identifiers.ApplicationId;

namespace Myna.Documents.Tests;

public sealed class NoticePdfTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("myna-pdf-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    internal static NoticePrintRow Row(int envelope, int position, string family, string given, DateOnly noticeDate, string applicationId,
        string address = "宮城県石巻市穀町14番1号") =>
        new(7, envelope, position, DeliveryKind.RegisteredAddress, "986-8501", address, family + "\u3000" + given + " 様", "0000123",
            "12345678901", family, given, "イシノマキ", "タロウ", new DateOnly(1989, 1, 7), Sex.Male, address,
            NoticeKinds.For(noticeDate), "123456789018", applicationId, noticeDate);

    /// <summary>
    /// The page text as a reader copies it. The font maps some kanji's glyphs to the look-alike
    /// Kangxi radicals too (石 and ⽯ share a glyph), so text is compared after NFKC, which folds them.
    /// </summary>
    private static string Extracted(UglyToad.PdfPig.PdfDocument doc, int page) =>
        doc.GetPage(page).Text.Normalize(System.Text.NormalizationForm.FormKC);

    [Fact]
    public async Task Pdf_PrintsJapaneseTextAndEraDates_AndItsQrCodeDecodesToTheApplicationPageWithTheId()
    {
        var app = AppId.New(MunicipalityCode.Parse("042021")).Value;
        var rows = new[] { Row(1, 1, "髙橋", "𠮷男", new DateOnly(2026, 11, 24), app) };
        var result = await NoticeOutput.WriteAsync(rows.ToAsyncEnumerable(), 7, "石巻市",
            new NoticeOutputOptions(dir, ApplyUrl: "https://myna.city.ishinomaki.example/apply"));

        Assert.Equal(1, result.Rows);
        Assert.Equal(NoticePdf.PagesPerPerson, result.Pages);
        var pdf = Assert.Single(result.PdfFiles);
        using (var doc = PdfDocument.Open(pdf))
        {
            Assert.Equal(2, doc.NumberOfPages);
            var letter = Extracted(doc, 1);
            Assert.Contains("個人番号通知書", letter, StringComparison.Ordinal);
            Assert.Contains("髙橋", letter, StringComparison.Ordinal); // 髙 lies outside JIS X 0208 and is printed as itself
            Assert.Contains("〓男", letter, StringComparison.Ordinal); // 𠮷 is not in the font: the geta mark asks for 外字, no empty box
            Assert.Contains("昭和64年1月7日", letter, StringComparison.Ordinal);
            Assert.Contains("令和8年11月24日", letter, StringComparison.Ordinal);
            Assert.Contains("1234 5678 9018", letter, StringComparison.Ordinal);
            var form = Extracted(doc, 2);
            Assert.Contains("個人番号カード交付申請書", form, StringComparison.Ordinal);
        }
        // The phone's camera opens the application page with the ID filled in.
        Assert.Equal(["https://myna.city.ishinomaki.example/apply?id=" + app], ExternalTools.QrCodesOnPage(pdf, 2));
    }

    [Fact]
    public async Task BeforeTheLetterStarted_TheNoticeIsANotificationCardWithAddressAndSex()
    {
        var rows = new[] { Row(1, 1, "石巻", "太郎", new DateOnly(2020, 5, 24), AppId.New(MunicipalityCode.Parse("042021")).Value) };
        var result = await NoticeOutput.WriteAsync(rows.ToAsyncEnumerable(), 7, "石巻市", new NoticeOutputOptions(dir));
        using var doc = PdfDocument.Open(result.PdfFiles[0]);
        var text = Extracted(doc, 1);
        Assert.Contains("通知カード", text, StringComparison.Ordinal);
        Assert.Contains("令和2年5月24日", text, StringComparison.Ordinal);
        Assert.Contains("性別", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShiftJisPrintData_MarksCharactersOutsideTheEncoding_AndFlagsGaiji()
    {
        var app = AppId.New(MunicipalityCode.Parse("042021")).Value;
        var rows = new[] { Row(1, 1, "髙橋", "𠮷男", new DateOnly(2026, 11, 24), app), Row(2, 1, "佐藤", "花子", new DateOnly(2026, 11, 24), app) };

        var result = await NoticeOutput.WriteAsync(rows.ToAsyncEnumerable(), 7, "石巻市", new NoticeOutputOptions(dir, "cp932", Pdf: false));

        var lines = File.ReadAllLines(result.DataFile, System.Text.Encoding.GetEncoding(932));
        Assert.Equal(3, lines.Length);
        var fields = lines[1].Split(',');
        Assert.Equal(("髙橋", "〓男"), (fields[9], fields[10])); // 髙 is in CP932 (IBM extension); 𠮷 is not
        Assert.EndsWith(",1", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",0", lines[2], StringComparison.Ordinal);
        Assert.Empty(result.PdfFiles);
    }

    [Fact]
    public async Task Rerun_KeepsCompletePdfParts_AndWritesTheMissingOne()
    {
        var app = AppId.New(MunicipalityCode.Parse("042021")).Value;
        var rows = Enumerable.Range(1, 5).Select(i => Row(i, 1, "石巻", "太郎", new DateOnly(2026, 11, 24), app)).ToArray();
        var options = new NoticeOutputOptions(dir, EnvelopesPerPdf: 2);
        var first = await NoticeOutput.WriteAsync(rows.ToAsyncEnumerable(), 7, "石巻市", options);
        Assert.Equal(3, first.PdfFiles.Count);
        File.Delete(first.PdfFiles[1]);

        var second = await NoticeOutput.WriteAsync(rows.ToAsyncEnumerable(), 7, "石巻市", options);

        Assert.Equal(2, second.PdfPartsKept);
        Assert.Equal(2 * NoticePdf.PagesPerPerson, second.Pages);
        Assert.All(second.PdfFiles, f => Assert.True(File.Exists(f)));
    }
}
