using Myna.Documents.Pdf.Fonts;

namespace Myna.Documents.Pdf;

/// <summary>
/// The Japanese typeface of every PDF: IPAex Gothic (Debian's fonts-ipaexfont), which covers
/// JIS X 0208 and the JIS X 0213 characters names need. Read once; each PDF embeds only the
/// glyphs it uses (<see cref="TrueTypeSubset"/>).
/// </summary>
public static class JapaneseFont
{
    /// <summary>Set <c>Myna__Documents__FontPath</c> (or this variable) to use another TrueType/OpenType file.</summary>
    public const string PathVariable = "MYNA_FONT";

    private static readonly string[] Candidates =
    [
        "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
        "/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf",
        "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
        "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
    ];

    private static readonly Lazy<TrueTypeFont> Loaded = new(Load);

    public static TrueTypeFont Font => Loaded.Value;

    /// <summary>Where the font is looked for, in order.</summary>
    public static IEnumerable<string> SearchPaths()
    {
        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } custom)
        {
            yield return custom;
        }
        foreach (var c in Candidates)
        {
            yield return c;
        }
    }

    private static TrueTypeFont Load()
    {
        foreach (var path in SearchPaths())
        {
            if (File.Exists(path))
            {
                return TrueTypeFont.Load(path);
            }
        }
        throw new InvalidOperationException(
            $"no Japanese font found for PDFs: install Debian's fonts-ipaexfont (apt-get install fonts-ipaexfont) or set {PathVariable} to a .ttf file");
    }
}
