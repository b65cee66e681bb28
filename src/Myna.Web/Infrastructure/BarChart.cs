using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Myna.Web.Infrastructure;

/// <summary>One bar: its label, its value (the bar's length), the text shown after it, and whether it is highlighted.</summary>
public sealed record Bar(string Label, double Value, string ValueText, bool Mark = false);

/// <summary>
/// A horizontal bar chart as inline SVG (the reports of DOMAIN §11): drawn on the server, so it prints,
/// needs no script and reads the same in every browser.
/// </summary>
public static class BarChart
{
    public static IHtmlContent Render(IReadOnlyList<Bar> bars, string title, string testId, int labelWidth = 150, int row = 18, int width = 720)
    {
        var max = Math.Max(bars.Count == 0 ? 1 : bars.Max(b => b.Value), double.Epsilon);
        var scale = width - labelWidth - 70;
        var html = HtmlEncoder.Default;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {width} {bars.Count * row + 6}\" role=\"img\" aria-label=\"{html.Encode(title)}\" data-testid=\"{testId}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{html.Encode(title)}</title>");
        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            var length = b.Value / max * scale;
            var y = i * row;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + row - 5}\">{html.Encode(b.Label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar{(b.Mark ? " mark" : "")}\" x=\"{labelWidth}\" y=\"{y + 2}\" width=\"{length:0.0}\" height=\"{row - 4}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + length + 5:0.0}\" y=\"{y + row - 5}\">{html.Encode(b.ValueText)}</text>");
        }
        return new HtmlString(svg.Append("</svg>").ToString());
    }
}
