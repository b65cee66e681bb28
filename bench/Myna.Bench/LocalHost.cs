using System.Diagnostics;
using System.Net.Sockets;
using Myna.Hosting;

namespace Myna.Bench;

/// <summary>The real web host (Release build) in its own process on a loopback port, for load tests.</summary>
public static class LocalHost
{
    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static WebHost Start(string dir, MynaOptions options, int port, IReadOnlyDictionary<string, string>? environment = null, params string[] args)
    {
        var dll = Path.Combine(Report.FindRoot(), "src", "Myna.Web", "bin", "Release", "net10.0", "Myna.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException("build the web host first: dotnet build -c Release src/Myna.Web");
        }
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }
        psi.Environment["MYNA_HOME"] = dir;
        psi.Environment["Myna__KeyDirectory"] = options.KeyDirectory;
        psi.Environment["Myna__Database__DataDirectory"] = options.Database.DataDirectory;
        psi.Environment["Myna__Database__Provider"] = options.Database.Provider.ToString();
        psi.Environment["Myna__Database__DatabasePrefix"] = options.Database.DatabasePrefix;
        if (options.Database.PostgresConnection is { } postgres)
        {
            psi.Environment["Myna__Database__PostgresConnection"] = postgres;
        }
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new WebHost(process);
    }

    public static async Task WaitForHealthAsync(HttpClient http)
    {
        for (var i = 0; i < 200; i++)
        {
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException("the web host did not start");
    }

    /// <summary>The host process, ended with the run even when the run fails.</summary>
    public sealed class WebHost(Process process) : IDisposable
    {
        /// <summary>The host's resident memory now (Linux <c>/proc</c>), in MiB.</summary>
        public double ResidentMiB()
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(line["VmRSS:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
            process.Dispose();
        }
    }
}
