using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Myna.Testing;

namespace Myna.National.Tests.Network;

/// <summary>The built web host (<c>Myna.Web.dll</c>) as a process of its own, with its output kept for failure messages; killed on dispose.</summary>
public sealed class WebHostProcess : IDisposable
{
    private readonly Process process;
    private readonly System.Text.StringBuilder output = new();

    public WebHostProcess(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var dll = Path.Combine(TestPostgres.RepositoryRoot(), "src", "Myna.Web", "bin", "Release", "net10.0", "Myna.Web.dll");
        Assert.True(File.Exists(dll), $"build the solution first: {dll} is missing");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        psi.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["MYNA_HOME"] = workingDirectory;
        foreach (var (key, value) in environment)
        {
            psi.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        process = Process.Start(psi)!;
        process.OutputDataReceived += (_, e) => Note(e.Data);
        process.ErrorDataReceived += (_, e) => Note(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    private void Note(string? line)
    {
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    /// <summary>Waits for <c>/health</c> at <paramref name="url"/>; fails with the host's output if it stops or takes too long.</summary>
    public async Task WaitUntilReadyAsync(string url)
    {
        using var http = new HttpClient();
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until)
        {
            Assert.False(process.HasExited, "the host stopped: " + Output);
            try
            {
                if ((await http.GetAsync(url + "/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        Assert.Fail("the host did not answer in time: " + Output);
    }

    /// <summary>Waits for the host to stop on its own (a start-up refusal) and returns its exit code.</summary>
    public async Task<int> ExitCodeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        process.WaitForExit(); // the output's end
        return process.ExitCode;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private bool disposed;

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }
        disposed = true;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        process.Dispose();
    }
}
