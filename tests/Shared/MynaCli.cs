using System.Diagnostics;

namespace Myna.Testing;

/// <summary>Runs the real <c>myna</c> CLI (the built myna.dll) as a separate process.</summary>
internal static class MynaCli
{
    public static Process Start(TestStores? stores, params string[] args) => StartWithInput(stores, null, args);

    public static Process StartWithInput(TestStores? stores, string? stdin, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = stores?.Root ?? Path.GetTempPath(),
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "myna.dll"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        if (stores is not null)
        {
            foreach (var (key, value) in stores.Settings)
            {
                psi.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
        }
        var process = Process.Start(psi)!;
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }
        process.StandardInput.Close();
        return process;
    }

    public static async Task<(int ExitCode, string Out, string Err)> RunAsync(TestStores? stores, string? stdin, params string[] args)
    {
        using var p = StartWithInput(stores, stdin, args);
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await output, await error);
    }
}
