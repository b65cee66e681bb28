using System.Diagnostics;

namespace Myna.Testing;

/// <summary>Runs the real <c>myna</c> CLI (the built myna.dll) as a separate process.</summary>
internal static class MynaCli
{
    public static Process Start(TestStores? stores, params string[] args) => StartWithInput(stores, null, args);

    public static Process StartWithInput(TestStores? stores, string? stdin, params string[] args) => StartWithEnvironment(stores, stdin, null, args);

    /// <summary>Starts the CLI with extra environment variables (e.g. <c>MYNA_FAULT</c>, which makes it kill itself at a crash point).</summary>
    public static Process StartWithEnvironment(TestStores? stores, string? stdin, IReadOnlyDictionary<string, string>? environment, params string[] args)
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
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }
        var process = Process.Start(psi)!;
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }
        process.StandardInput.Close();
        return process;
    }

    public static Task<(int ExitCode, string Out, string Err)> RunAsync(TestStores? stores, string? stdin, params string[] args) =>
        RunCoreAsync(stores, stdin, null, args);

    public static Task<(int ExitCode, string Out, string Err)> RunWithEnvironmentAsync(TestStores? stores, IReadOnlyDictionary<string, string>? environment,
        params string[] args) => RunCoreAsync(stores, null, environment, args);

    private static async Task<(int ExitCode, string Out, string Err)> RunCoreAsync(TestStores? stores, string? stdin,
        IReadOnlyDictionary<string, string>? environment, string[] args)
    {
        using var p = StartWithEnvironment(stores, stdin, environment, args);
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await output, await error);
    }
}
