using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Myna.Core.Statistics;
using Myna.Documents.Reports;

namespace Myna.Documents.Tests;

/// <summary>The issuance-rate report as an Excel workbook and a PDF (DOMAIN §11.1), read back.</summary>
public sealed class ReportDocumentsTests
{
    private static readonly List<RatedArea> Rows = IssuanceRates.Rank(
    [
        new AreaFigures("宮崎県", 1_095_903, 358_411), new AreaFigures("山口県", 1_369_882, 342_400), new AreaFigures("千葉県", 6_319_772, 1_577_748),
    ]);

    [Fact]
    public void TheWorkbook_HasTheTableWithNumbersAsNumbers()
    {
        using var stream = new MemoryStream(IssuanceRatesReport.Xlsx(Rows));
        using var document = SpreadsheetDocument.Open(stream, false);
        var cells = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Cell>().ToList();
        string Text(string reference) => cells.Single(c => c.CellReference == reference) is var c && c.DataType?.Value == CellValues.InlineString
            ? c.InlineString!.InnerText : c.CellValue!.Text;

        Assert.Equal("交付率", document.WorkbookPart.Workbook.Descendants<Sheet>().Single().Name!.Value);
        Assert.Equal(("順位", "団体名", "交付率(%)"), (Text("A1"), Text("B1"), Text("E1")));
        Assert.Equal(("1", "宮崎県", "1095903", "358411", "32.7"), (Text("A2"), Text("B2"), Text("C2"), Text("D2"), Text("E2")));
        Assert.Equal(("2", "2"), (Text("A3"), Text("A4"))); // 山口県 and 千葉県 share rank 2
        Assert.Equal(CellValues.Number, cells.Single(c => c.CellReference == "C2").DataType!.Value);
    }

    [Fact]
    public void ThePdf_DrawsTheRankingAndPrintsTheTable()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("myna-rates-").FullName, "rates.pdf");
        File.WriteAllBytes(path, IssuanceRatesReport.Pdf(Rows, "石巻市"));
        var text = ExternalTools.Run("pdftotext", "-layout", path, "-").Normalize(NormalizationForm.FormKC);

        Assert.Contains("マイナンバーカードの交付率", text, StringComparison.Ordinal);
        Assert.Contains("宮崎県", text, StringComparison.Ordinal);
        Assert.Contains("32.7%", text, StringComparison.Ordinal);
        Assert.Contains("1,095,903", text, StringComparison.Ordinal);
        Assert.Contains("(一覧)", text, StringComparison.Ordinal);
    }
}
