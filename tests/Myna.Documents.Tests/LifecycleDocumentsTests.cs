using System.Text;
using Myna.Documents.Lifecycle;

namespace Myna.Documents.Tests;

/// <summary>The expiry notices (DOMAIN §8.2) and the fee receipt (§8.4) read back as a resident would.</summary>
public sealed class LifecycleDocumentsTests
{
    private static string Text(byte[] pdf)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("myna-life-").FullName, "doc.pdf");
        File.WriteAllBytes(path, pdf);
        return ExternalTools.Run("pdftotext", "-layout", path, "-").Normalize(NormalizationForm.FormKC);
    }

    [Fact]
    public void ExpiryNotices_OnePagePerLetter_WithTheExpiryAndTheRenewalDate_AndNoAddressForAProtectedOne()
    {
        var letters = new[]
        {
            new ExpiryLetter("石巻　太郎", "9860825", "宮城県石巻市穀町14-1", false, Certificates: false, new DateOnly(2027, 2, 4), new DateOnly(2026, 11, 4)),
            new ExpiryLetter("石巻　花子", null, "", true, Certificates: true, new DateOnly(2027, 1, 10), new DateOnly(2026, 10, 10)),
        };
        var text = Text(LifecycleDocuments.ExpiryNotices(letters, "宮城県石巻市"));

        Assert.Equal(2, text.Split('\f', StringSplitOptions.RemoveEmptyEntries).Count(p => p.Trim().Length > 0));
        Assert.Contains("〒986-0825", text, StringComparison.Ordinal);
        Assert.Contains("マイナンバーカードの有効期限のお知らせ", text, StringComparison.Ordinal);
        Assert.Contains("電子証明書の有効期限のお知らせ", text, StringComparison.Ordinal);
        Assert.Contains("令和9年2月4日", text, StringComparison.Ordinal);
        Assert.Contains("令和8年11月4日 から", text, StringComparison.Ordinal);
        Assert.Contains("窓口保管", text, StringComparison.Ordinal);
        Assert.Contains("手数料はかかりません", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AReceipt_NamesTheAmountTheCauseAndTheForm_AndAFreeOneSaysWhy()
    {
        var paid = Text(LifecycleDocuments.Receipt(new FeeReceipt("R2026-000001", new DateOnly(2026, 11, 24), "石巻　太郎", "マイナンバーカードの再交付", "紛失・盗難",
            800, 200, false, "04202112345678901234567", "石巻市")));
        var free = Text(LifecycleDocuments.Receipt(new FeeReceipt("R2026-000002", new DateOnly(2026, 11, 24), "石巻　太郎", "マイナンバーカードの更新",
            "有効期限による更新", 0, 0, true, "04202112345678901234568", "石巻市")));

        Assert.Contains("領収書", paid, StringComparison.Ordinal);
        Assert.Contains("R2026-000001", paid, StringComparison.Ordinal);
        Assert.Contains("¥1,000", paid, StringComparison.Ordinal);
        Assert.Contains("¥800", paid, StringComparison.Ordinal);
        Assert.Contains("紛失・盗難", paid, StringComparison.Ordinal);
        Assert.Contains("04202112345678901234567", paid, StringComparison.Ordinal);
        Assert.Contains("¥0", free, StringComparison.Ordinal);
        Assert.Contains("国庫補助の対象", free, StringComparison.Ordinal);
    }
}
