using Myna.Documents.Pdf;
using QRCoder;

namespace Myna.Documents.Qr;

/// <summary>
/// A QR code (ISO/IEC 18004) as a module matrix, drawn as vector rectangles so it stays sharp
/// at any print resolution. Error correction M, as on the card application form.
/// </summary>
public sealed class QrSymbol
{
    private readonly bool[][] modules;

    private QrSymbol(bool[][] modules) => this.modules = modules;

    /// <summary>Modules per side including the 4-module quiet zone.</summary>
    public int Size => modules.Length;

    public static QrSymbol Encode(string text)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var rows = new bool[matrix.Count][];
        for (var y = 0; y < matrix.Count; y++)
        {
            rows[y] = new bool[matrix[y].Length];
            for (var x = 0; x < rows[y].Length; x++)
            {
                rows[y][x] = matrix[y][x];
            }
        }
        return new QrSymbol(rows);
    }

    public bool IsDark(int x, int y) => modules[y][x];

    /// <summary>Draws the symbol (quiet zone included) in a square of <paramref name="side"/> points; runs of dark modules become one rectangle.</summary>
    public void Draw(PdfDocument pdf, float left, float top, float side)
    {
        var unit = side / Size;
        for (var y = 0; y < Size; y++)
        {
            var x = 0;
            while (x < Size)
            {
                if (!modules[y][x])
                {
                    x++;
                    continue;
                }
                var start = x;
                while (x < Size && modules[y][x])
                {
                    x++;
                }
                pdf.FillRect(left + start * unit, top + y * unit, (x - start) * unit, unit);
            }
        }
    }
}
