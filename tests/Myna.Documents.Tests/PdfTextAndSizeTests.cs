using System.Globalization;
using Myna.Core.Identifiers;
using Myna.Core.Statistics;
using Myna.Documents.Applications;
using Myna.Documents.Issuance;
using Myna.Documents.Lifecycle;
using Myna.Documents.Notices;
using Myna.Documents.Reports;
using AppId = Myna.Core.Identifiers.ApplicationId;

namespace Myna.Documents.Tests;

/// <summary>
/// Every kind of PDF the system produces, read back with poppler's pdftotext as a screen reader,
/// a search or copy and paste would: the text is the characters written, not look-alikes (石 and
/// not the Kangxi radical ⽯ that shares its glyph), and a one-page letter embeds only the glyphs
/// it uses (well under 200 KB, where the whole font is 6 MB).
/// </summary>
public sealed class PdfTextAndSizeTests : IDisposable
{
    private const int OnePageLimit = 200 * 1024;
    private const string City = "宮城県石巻市";
    // Kanji that the font also maps from a Kangxi radical or a compatibility ideograph.
    private const string Name = "石田　長子";
    private const string Address = "宮城県石巻市日和が丘一丁目2番3号 見月生方ハイツ101";

    private readonly string dir = Directory.CreateTempSubdirectory("myna-pdftext-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    public static TheoryData<string> Kinds() =>
        ["deficiency", "pin-memo", "issuance-notice", "issuance-reminder", "expiry-notice", "receipt", "issuance-rates", "notice"];

    [Theory, MemberData(nameof(Kinds))]
    public async Task Render_EveryKind_ExtractedTextIsWhatWasWritten(string kind)
    {
        var (pdf, written) = await Render(kind);

        var text = Extract(pdf);

        foreach (var expected in written)
        {
            Assert.Contains(Spaced(expected), text, StringComparison.Ordinal);
        }
        // None of these was written, so none may come back: radicals, compatibility ideographs.
        var lookAlikes = text.EnumerateRunes().Where(r => r.Value is >= 0x2E80 and <= 0x2FDF or >= 0xF900 and <= 0xFAFF).ToList();
        Assert.True(lookAlikes.Count == 0, kind + " gives look-alike characters: " + string.Concat(lookAlikes));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Render_EveryKind_EmbedsOnlyASubsetOfTheFont(string kind)
    {
        var (pdf, _) = await Render(kind);

        var fonts = ExternalTools.Run("pdffonts", pdf).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();

        var font = Assert.Single(fonts);
        // name  type  encoding  emb  sub  uni  object
        var columns = font.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches("^[A-Z]{6}\\+", columns[0]);
        Assert.Equal(["yes", "yes", "yes"], columns[^5..^2]);
        var pages = int.Parse(ExternalTools.Run("pdfinfo", pdf).Split('\n').First(l => l.StartsWith("Pages:", StringComparison.Ordinal))[6..].Trim(), CultureInfo.InvariantCulture);
        Assert.True(new FileInfo(pdf).Length < OnePageLimit * pages, $"{kind}: {new FileInfo(pdf).Length} bytes for {pages} page(s)");
    }

    [Fact]
    public void Render_TwoCharactersSharingOneGlyph_EachComesBackAsWritten()
    {
        var pdf = Save("shared.pdf", LifecycleDocuments.Receipt(Receipt("石巻市 と ⽯巻市")));

        var text = Extract(pdf);

        Assert.Contains(Spaced("石巻市 と ⽯巻市"), text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OnePageLetter_IsUnder200Kilobytes()
    {
        var letter = DeficiencyNoticePdf.Render(Deficiency());

        Assert.InRange(letter.Length, 1, OnePageLimit);
    }

    private async Task<(string Pdf, string[] Written)> Render(string kind)
    {
        var notice = new IssuanceNoticePage("123456789012", Name, "986-0825", Address, new DateOnly(2026, 11, 24), new DateOnly(2027, 2, 24), Reminder: kind == "issuance-reminder",
            HasSignatureCertificate: true, "石巻市", "https://myna.example/book", "0225-95-1111");
        switch (kind)
        {
            case "deficiency":
                return (Save(kind, DeficiencyNoticePdf.Render(Deficiency())), [Name + " 様", Address, "石巻市長", "顔写真が不鮮明", "個人番号カード交付申請の不備について", "市民課 マイナンバーカード担当", "0225-95-1111", "https://myna.example.jp"]);
            case "pin-memo":
                return (Save(kind, PinMemoPdf.Render(new PinMemo(Name, new DateOnly(2036, 5, 1), new DateOnly(2031, 5, 1), SignaturePin: true, "石巻市"))),
                    [Name + " 様", "マイナンバーカード 暗証番号の控え", "令和18年5月1日", "署名用電子証明書"]);
            case "issuance-notice":
            case "issuance-reminder":
                return (Save(kind, IssuanceNoticePdf.Render([notice], "石巻市")), [Name, Address, "石巻市長", "令和9年2月24日", "本人確認書類"]);
            case "expiry-notice":
                return (Save(kind, LifecycleDocuments.ExpiryNotices([new ExpiryLetter(Name, "9860825", Address, false, Certificates: true, new DateOnly(2027, 2, 4), new DateOnly(2026, 11, 4))], City)),
                    [Name, Address, "令和9年2月4日", "電子証明書の有効期限のお知らせ"]);
            case "receipt":
                return (Save(kind, LifecycleDocuments.Receipt(Receipt(Name))), [Name, "領収書", "紛失・盗難", "¥1,000"]);
            case "issuance-rates":
                var rows = new[] { new RatedArea("石巻市", 140_000, 98_000, 70.0m, 1, null), new RatedArea("東松島市", 39_000, 25_000, 64.1m, 2, null) };
                return (Save(kind, IssuanceRatesReport.Pdf(rows, "石巻市")), ["石巻市", "東松島市", "70.0%", "64.1%"]);
            case "notice":
                var app = AppId.New(MunicipalityCode.Parse("042021")).Value;
                var row = NoticePdfTests.Row(1, 1, "石田", "長子", new DateOnly(2026, 11, 24), app, Address);
                var result = await NoticeOutput.WriteAsync(new[] { row }.ToAsyncEnumerable(), 7, "石巻市", new NoticeOutputOptions(Path.Combine(dir, kind)));
                return (result.PdfFiles[0], ["石田", "長子", Address, "石巻市長", "個人番号通知書", "個人番号カード交付申請書"]);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such PDF kind");
        }
    }

    private static DeficiencyNotice Deficiency() =>
        new("04202112345678901234567", Name, "986-0825", Address, new DateOnly(2026, 11, 1), ["顔写真が不鮮明"], new DateOnly(2026, 11, 24), "石巻市",
            "https://myna.example.jp", "宮城県石巻市穀町14番1号 石巻市役所1階 市民課", "市民課 マイナンバーカード担当", "0225-95-1111");

    private static FeeReceipt Receipt(string name) =>
        new("R2026-000001", new DateOnly(2026, 11, 24), name, "マイナンバーカードの再交付", "紛失・盗難", 800, 200, false, "04202112345678901234567", "石巻市");

    private string Save(string name, byte[] pdf)
    {
        var path = Path.Combine(dir, name.EndsWith(".pdf", StringComparison.Ordinal) ? name : name + ".pdf");
        File.WriteAllBytes(path, pdf);
        return path;
    }

    /// <summary>
    /// The text poppler extracts, characters exactly as they come (no normalisation that would hide
    /// look-alikes); only spacing is made uniform, since an extractor rebuilds spaces (an
    /// ideographic space too) from the gaps between glyphs.
    /// </summary>
    private static string Extract(string pdf) => Spaced(ExternalTools.Run("pdftotext", "-layout", "-enc", "UTF-8", pdf, "-"));

    private static string Spaced(string text) =>
        string.Join(' ', text.Split([' ', '\u3000', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
