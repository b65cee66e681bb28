using System.CommandLine;
using Myna.Core.Identifiers;
using Myna.Core.Protection;
using Myna.Hosting;

namespace Myna.Cli;

/// <summary>An expected failure with a message for the administrator and an exit code.</summary>
public sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>Shared options and helpers of the commands.</summary>
internal static class CliContext
{
    public static readonly Option<string?> ConfigOption = new("--config")
    {
        Description = "Configuration file (default: ./myna.json when present; Myna__* environment variables override)",
        Recursive = true,
    };

    public static Option<string?> MunicipalityOption() => new("--municipality", "-m")
    {
        Description = "Municipality code (6 digits); may be left out when the host serves only one",
    };

    public static string Actor => "cli:" + Environment.UserName;

    public static MynaRuntime Runtime(ParseResult parse)
    {
        try
        {
            return new MynaRuntime(MynaConfiguration.Load(parse.GetValue(ConfigOption)), TimeProvider.System);
        }
        catch (Exception e) when (e is InvalidOperationException or FileNotFoundException or InvalidDataException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            throw new CliException("configuration: " + e.Message);
        }
    }

    public static MunicipalityCode Municipality(MynaRuntime runtime, string? value)
    {
        if (value is null)
        {
            if (runtime.Stores.Municipalities.Count == 1)
            {
                return runtime.Stores.Municipalities.First().Code;
            }
            throw new CliException("this host serves several municipalities: name one with --municipality", 2);
        }
        if (!MunicipalityCode.TryParse(value, out var code, out var problem))
        {
            throw new CliException($"--municipality: {problem.Message}", 2);
        }
        if (!runtime.Stores.Serves(code))
        {
            throw new CliException($"municipality {code.Value} is not configured on this host (Myna:Municipalities)");
        }
        return code;
    }

    /// <summary>Fails early with the command to run when keys are missing.</summary>
    public static void RequireKeys(MynaRuntime runtime)
    {
        if (!runtime.Keys.Exists(KeyDirectory.NationalScope, KeyDirectory.Numbering))
        {
            throw new CliException($"no keys under {runtime.Keys.Root}: run 'myna init' first");
        }
    }
}

/// <summary>
/// Progress on standard error: a redrawn bar on a terminal, a line per 10 % when redirected.
/// </summary>
internal sealed class ConsoleProgress(string label) : IProgress<(long Done, long Total)>
{
    private int lastDecile = -1;

    public void Report((long Done, long Total) value)
    {
        var (done, total) = value;
        var fraction = total <= 0 ? 1.0 : Math.Min(1.0, (double)done / total);
        if (!Console.IsErrorRedirected)
        {
            var width = 30;
            var filled = (int)(fraction * width);
            Console.Error.Write($"\r{label} [{new string('#', filled)}{new string('.', width - filled)}] {done:N0}/{total:N0} ({fraction:P0})");
            if (done >= total)
            {
                Console.Error.WriteLine();
            }
            return;
        }
        var decile = (int)(fraction * 10);
        if (decile != lastDecile)
        {
            lastDecile = decile;
            Console.Error.WriteLine($"{label}: {done:N0}/{total:N0} ({fraction:P0})");
        }
    }
}
