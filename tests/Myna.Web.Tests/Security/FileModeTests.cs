using System.Diagnostics;

namespace Myna.Web.Tests.Security;

/// <summary>
/// Files on disk (issue 16, point 7; DOMAIN §12): what the real CLI and the real web host leave
/// in the data and key folders is the owner's alone, even when started from a shell whose umask
/// (022) would make them world-readable.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FileModeTests
{
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task CliAndDemoHost_FromALooseUmask_LeaveOnlyOwnerOnlyFilesAndFolders()
    {
        var root = Path.Combine(Path.GetTempPath(), "myna-modes-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        try
        {
            var data = Path.Combine(root, "data");
            var keys = Path.Combine(root, "keys");
            var environment = new Dictionary<string, string>
            {
                ["MYNA_HOME"] = root,
                ["Myna__Database__DataDirectory"] = data,
                ["Myna__KeyDirectory"] = keys,
                ["Myna__DemoResidents"] = "20",
            };
            var residents = Path.Combine(root, "residents.csv");
            var export = Path.Combine(root, "export.csv");

            // An administrator's day: set up, import, number, print the notices, export with numbers.
            await CliAsync(root, environment, "init");
            await CliAsync(root, environment, "demo", "--residents", "30", "--csv", residents);
            await CliAsync(root, environment, "import", "residents", residents);
            await CliAsync(root, environment, "number", "assign");
            await CliAsync(root, environment, "notices", "generate");
            await CliAsync(root, environment, "residents", "export", export, "--include-numbers", "--purpose", "card-issuance");

            // The web host's demo start on the same folders: CAs, the neighbour's store, the sign-in key ring.
            await DemoHostAsync(root, environment);

            var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToList();
            Assert.Contains(files, f => f.EndsWith(".db", StringComparison.Ordinal));
            Assert.Contains(files, f => f.EndsWith(".db-wal", StringComparison.Ordinal)); // left by the killed host
            Assert.Contains(files, f => f.EndsWith(".db-shm", StringComparison.Ordinal));
            Assert.Contains(files, f => f.Contains($"{Path.DirectorySeparatorChar}notices{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && f.EndsWith(".csv", StringComparison.Ordinal));
            Assert.Contains(files, f => f.Contains($"{Path.DirectorySeparatorChar}notices{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && f.EndsWith(".pdf", StringComparison.Ordinal));
            Assert.Contains(files, f => f.Contains($"{Path.DirectorySeparatorChar}web{Path.DirectorySeparatorChar}", StringComparison.Ordinal)); // data-protection keys
            Assert.Contains(files, f => f.EndsWith(".key", StringComparison.Ordinal));

            var loose = new List<string>();
            foreach (var folder in new[] { data, keys })
            {
                Check(folder, FolderMode, loose);
                foreach (var entry in Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories))
                {
                    Check(entry, Directory.Exists(entry) ? FolderMode : FileMode, loose);
                }
            }
            Check(export, FileMode, loose);
            Check(residents, FileMode, loose);
            Assert.True(loose.Count == 0, "not owner-only:\n" + string.Join("\n", loose));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void Check(string path, UnixFileMode expected, List<string> loose)
    {
        var mode = File.GetUnixFileMode(path);
        if (mode != expected)
        {
            loose.Add($"{Convert.ToString((int)mode, 8)} {path}");
        }
    }

    /// <summary>
    /// Starts a built program through a shell that first sets the umask every distribution gives a
    /// login (022): what the program creates is then tight only because the program made it so.
    /// </summary>
    private static Process Start(string root, Dictionary<string, string> environment, string dll, params string[] args)
    {
        var psi = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = root,
        };
        foreach (var a in (string[])["-c", "umask 022 && exec \"$@\"", "sh", "dotnet", Path.Combine(AppContext.BaseDirectory, dll), .. args])
        {
            psi.ArgumentList.Add(a);
        }
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }
        var process = Process.Start(psi)!;
        process.StandardInput.Close();
        return process;
    }

    private static async Task CliAsync(string root, Dictionary<string, string> environment, params string[] args)
    {
        using var p = Start(root, environment, "myna.dll", args);
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, $"myna {string.Join(' ', args)}: exit {p.ExitCode}\n{await output}\n{await error}");
    }

    private static async Task DemoHostAsync(string root, Dictionary<string, string> environment)
    {
        using var host = Start(root, environment, "Myna.Web.dll", "--demo", "--urls", "http://127.0.0.1:0");
        try
        {
            var error = host.StandardError.ReadToEndAsync();
            string? url = null;
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            while (url is null && await host.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                const string Ready = "Myna is running at ";
                if (line.StartsWith(Ready, StringComparison.Ordinal))
                {
                    url = line[Ready.Length..].Split(',')[0].Trim();
                }
            }
            Assert.True(url is not null, "the demo host did not start: " + (host.HasExited ? await error : "no address"));
            _ = host.StandardOutput.ReadToEndAsync(CancellationToken.None);
            using var client = new HttpClient { BaseAddress = new Uri(url) };
            // The sign-in form makes the host create its data-protection key ring (antiforgery).
            Assert.True((await client.GetAsync("/account/login")).IsSuccessStatusCode);
            Assert.True((await client.GetAsync("/health")).IsSuccessStatusCode);
        }
        finally
        {
            // Killed, not stopped: the SQLite -wal and -shm files it had open stay behind to be checked.
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
        }
    }
}
