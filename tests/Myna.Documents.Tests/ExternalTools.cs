using System.Diagnostics;

namespace Myna.Documents.Tests;

/// <summary>
/// Standard tools that read our output back (installed by the test command): pdftoppm renders a
/// PDF page as an image, zbarimg decodes the QR codes on it.
/// </summary>
internal static class ExternalTools
{
    public static string Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        Process p;
        try
        {
            p = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"{file} is missing: run the tests with ./test.sh, which installs poppler-utils and zbar-tools");
        }
        using (p)
        {
            var stdout = p.StandardOutput.ReadToEnd();
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} exited {p.ExitCode}: {stderr}");
            }
            return stdout;
        }
    }

    /// <summary>The QR payloads zbarimg finds on one page of a PDF, rendered at 200 dpi.</summary>
    public static IReadOnlyList<string> QrCodesOnPage(string pdf, int page)
    {
        var prefix = Path.Combine(Path.GetDirectoryName(pdf)!, "page" + page);
        Run("pdftoppm", "-r", "200", "-gray", "-png", "-f", page.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-l", page.ToString(System.Globalization.CultureInfo.InvariantCulture), "-singlefile", pdf, prefix);
        var output = Run("zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", prefix + ".png");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
