using System.Runtime.InteropServices;

namespace Myna.Storage;

/// <summary>
/// Myna's files hold names, addresses (protected ones included) and individual numbers
/// (DOMAIN §12): databases, print data, letters, exports, keys. Only the account that runs Myna
/// may read them. The process umask does it for every file whoever creates it (.NET, SQLite and
/// its -wal/-shm files, the PDF and CSV writers, the data-protection key ring); the data and key
/// folders are also tightened at start when an older installation left them looser.
/// </summary>
public static class PrivateFiles
{
    /// <summary>rwx------: a folder only its owner may list or enter.</summary>
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>rw-------: a file only its owner may read or write.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    // 077: no bit for the group or others survives in a newly created file or folder.
    private const uint OwnerOnlyMask = 0b000_111_111;

    /// <summary>
    /// Sets the process umask to 077. Called first thing in the web host's and the CLI's entry
    /// point, before any thread or native library can create a file; it holds for the whole process.
    /// Not for Windows, whose folders inherit their ACLs (nothing to do there).
    /// </summary>
    public static void RestrictUmask()
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = umask(OwnerOnlyMask);
        }
    }

    /// <summary>
    /// Takes group and other bits off an existing folder and everything under it (an installation
    /// made before the umask was set); a missing folder is left to be created by whoever needs it.
    /// Never widens a mode: a file already 0400 stays 0400.
    /// </summary>
    public static void TightenExisting(string folder)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(folder))
        {
            return;
        }
        Tighten(folder);
        // Symbolic links are skipped, not followed: a link's own mode means nothing, and its target may not be ours.
        var walk = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        foreach (var path in Directory.EnumerateFileSystemEntries(folder, "*", walk))
        {
            Tighten(path);
        }
    }

    /// <summary>Creates a folder owner-only, or tightens it if it exists looser.</summary>
    public static void EnsureFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }
        Directory.CreateDirectory(folder, FolderMode);
        Tighten(folder);
    }

    private static void Tighten(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var mode = File.GetUnixFileMode(path);
        var owner = mode & FolderMode;
        if (owner != mode)
        {
            File.SetUnixFileMode(path, owner);
        }
    }

    // mode_t is a 32-bit unsigned integer on Linux; the call cannot fail and returns the previous mask.
    [DllImport("libc", EntryPoint = "umask", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern uint umask(uint mask);
}
