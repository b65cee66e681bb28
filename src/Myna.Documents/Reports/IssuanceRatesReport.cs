using System.Globalization;
using Myna.Core.Statistics;
using Myna.Documents.Pdf;
using SkiaSharp;

namespace Myna.Documents.Reports;

/// <summary>
/// The issuance-rate report as files (DOMAIN §11.1): a printable PDF — the ranking as a bar chart, then the
/// published table (rank, name, population, cards issued, rate), A4, as many pages as the rows need — and
/// an Excel workbook of the table.
/// </summary>
public static class IssuanceRatesReport
{
    public const string Title = "マイナンバーカードの交付率";

    public static byte[] Xlsx(IReadOnlyList<RatedArea> rows) =>
        Spreadsheet.Write("交付率", ["順位", "団体名", "人口", "交付枚数", "交付率(%)"], rows.Select(r => (IReadOnlyList<object?>)[r.Rank, r.Name, r.Population, r.Issued, r.Rate]));

    private const float Margin = 18 * PdfDocument.Mm;
    private const float RowHeight = 13;

    public static byte[] Pdf(IReadOnlyList<RatedArea> rows, string author, string title = Title)
    {
        using var stream = new MemoryStream();
        using (var pdf = new PdfDocument(stream, title, author))
        {
            var width = PdfDocument.A4Width - 2 * Margin;
            var ranked = rows.Where(r => r.Rank is not null).ToList();
            var max = ranked.Count == 0 ? 1m : Math.Max(1m, ranked.Max(r => r.Rate));
            // Page 1 (and on): the chart.
            var y = 0f;
            void NewPage(string heading)
            {
                pdf.BeginPage();
                pdf.Text(heading, PdfDocument.A4Width / 2, 50, 14, SKTextAlign.Center);
                y = 80;
            }
            NewPage(title);
            const int Bar = 0x2f6fb5;
            foreach (var r in ranked)
            {
                if (y > PdfDocument.A4Height - Margin)
                {
                    pdf.EndPage();
                    NewPage(title);
                }
                pdf.Text(r.Rank!.Value.ToString(CultureInfo.InvariantCulture), Margin, y, 8.5f);
                pdf.TextFit(r.Name, Margin + 18, y, 8.5f, 110);
                var length = (float)(r.Rate / max) * (width - 180);
                pdf.FillRect(Margin + 135, y - 8, length, 9, Bar);
                pdf.Text(r.RateText, Margin + 140 + length, y, 8.5f);
                y += RowHeight;
            }
            pdf.EndPage();
            // Then the table.
            NewPage(title + "（一覧）");
            foreach (var r in rows)
            {
                if (y > PdfDocument.A4Height - Margin)
                {
                    pdf.EndPage();
                    NewPage(title + "（一覧）");
                }
                pdf.Text(r.Rank?.ToString(CultureInfo.InvariantCulture) ?? "", Margin, y, 9);
                pdf.TextFit(r.Name, Margin + 30, y, 9, 150);
                pdf.Text(r.Population.ToString("N0", CultureInfo.InvariantCulture), Margin + 280, y, 9, SKTextAlign.Right);
                pdf.Text(r.Issued.ToString("N0", CultureInfo.InvariantCulture), Margin + 380, y, 9, SKTextAlign.Right);
                pdf.Text(r.RateText, Margin + 450, y, 9, SKTextAlign.Right);
                y += RowHeight;
            }
            pdf.EndPage();
        }
        return stream.ToArray();
    }
}
