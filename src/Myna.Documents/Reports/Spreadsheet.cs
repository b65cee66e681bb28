using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Myna.Documents.Reports;

/// <summary>
/// A one-sheet Excel workbook (.xlsx, Office Open XML) of a table: a header row and rows of text or
/// numbers (numbers stay numbers, so the sheet can sum and sort them). Text is written inline, so the
/// file needs no shared-string table.
/// </summary>
public static class Spreadsheet
{
    public static byte[] Write(string sheetName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            uint index = 1;
            data.Append(Row(index++, header.Cast<object?>().ToList()));
            foreach (var row in rows)
            {
                data.Append(Row(index++, row));
            }
            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName }));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Row Row(uint index, IReadOnlyList<object?> values)
    {
        var row = new Row { RowIndex = index };
        for (var i = 0; i < values.Count; i++)
        {
            var reference = Column(i) + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            row.Append(values[i] switch
            {
                null => new Cell { CellReference = reference },
                int or long or decimal or double => new Cell
                {
                    CellReference = reference, DataType = CellValues.Number,
                    CellValue = new CellValue(Convert.ToString(values[i], System.Globalization.CultureInfo.InvariantCulture)!),
                },
                var text => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text.ToString()!)) },
            });
        }
        return row;
    }

    private static string Column(int index) => index < 26 ? ((char)('A' + index)).ToString() : Column(index / 26 - 1) + (char)('A' + index % 26);
}
