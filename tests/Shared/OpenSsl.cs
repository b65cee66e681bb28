using System.Diagnostics;

namespace Myna.Testing;

/// <summary>The openssl command line, the reference client the certificates must satisfy.</summary>
internal static class OpenSsl
{
    public static (int ExitCode, string Output) Run(params string[] args)
    {
        var psi = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("openssl is missing: run the tests with ./test.sh");
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output.Result + error);
    }

    /// <summary>Runs openssl and fails the test with its output unless it exits 0.</summary>
    public static string Ok(params string[] args)
    {
        var (exitCode, output) = Run(args);
        Assert.True(exitCode == 0, output);
        return output;
    }
}
