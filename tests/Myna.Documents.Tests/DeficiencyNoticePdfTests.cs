using System.Text;
using Myna.Documents.Applications;

namespace Myna.Documents.Tests;

/// <summary>The deficiency notice (DOMAIN §4.3) tells the resident where to re-apply and whom to ask, from the municipality's record.</summary>
public sealed class DeficiencyNoticePdfTests
{
    private static DeficiencyNotice Notice(string? window, string? department, string? phone) => new("04202100000000000000017", "石巻　太郎", "986-0825",
        "宮城県石巻市穀町14-1", new DateOnly(2026, 11, 24), ["背景に影があります"], new DateOnly(2026, 12, 7), "石巻市", "https://myna.example.jp/",
        window, department, phone);

    [Fact]
    public void Render_WithTheMunicipalityRecord_GivesTheOnlineAddressTheWindowAndTheContact()
    {
        var pdf = Path.Combine(Directory.CreateTempSubdirectory("myna-deficiency-").FullName, "deficiency.pdf");
        File.WriteAllBytes(pdf, DeficiencyNoticePdf.Render(Notice("〒986-8501 宮城県石巻市穀町14番1号 石巻市役所 本庁舎1階 市民課", "市民課 マイナンバーカード係", "0225-95-1111")));

        var text = ExternalTools.Run("pdftotext", pdf, "-").Normalize(NormalizationForm.FormKC);

        Assert.Contains("https://myna.example.jp/apply?id=04202100000000000000017", text, StringComparison.Ordinal);
        Assert.Contains("https://myna.example.jp/status", text, StringComparison.Ordinal);
        Assert.Contains("宮城県石巻市穀町14番1号", text, StringComparison.Ordinal);
        Assert.Contains("お問い合わせ先:石巻市", text, StringComparison.Ordinal);
        Assert.Contains("マイナンバーカード係", text, StringComparison.Ordinal);
        Assert.Contains("電話 0225-95-1111", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ReapplyLines_WithoutWindowOrPhone_LeavesThoseLinesOutAndKeepsTheMunicipality()
    {
        var lines = DeficiencyNoticePdf.ReapplyLines(Notice(null, null, null));

        Assert.DoesNotContain(lines, l => l.Contains("窓口でも申請", StringComparison.Ordinal));
        Assert.Equal("お問い合わせ先：石巻市", lines[^1]);
        Assert.Contains("　https://myna.example.jp/apply?id=04202100000000000000017", lines);
    }
}
