using System.Runtime.Versioning;
using Myna.Storage;

namespace Myna.Municipal.Tests;

/// <summary>An installation made before files were owner-only is tightened at start (DOMAIN §12).</summary>
[UnsupportedOSPlatform("windows")]
public sealed class PrivateFilesTests
{
    private const UnixFileMode Loose = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode LooseFolder = Loose | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    [Fact]
    public void TightenExisting_WorldReadableInstallation_BecomesOwnerOnly_LinksNotFollowed()
    {
        var root = Path.Combine(Path.GetTempPath(), "myna-private-" + Guid.NewGuid().ToString("N")[..12]);
        var data = Path.Combine(root, "data");
        var outside = Path.Combine(root, "outside.txt");
        try
        {
            Directory.CreateDirectory(Path.Combine(data, "notices"), LooseFolder);
            File.SetUnixFileMode(data, LooseFolder);
            File.WriteAllText(Path.Combine(data, "042021.db"), "");
            File.SetUnixFileMode(Path.Combine(data, "042021.db"), Loose);
            File.WriteAllText(Path.Combine(data, "notices", "notices-000001.csv"), "");
            File.SetUnixFileMode(Path.Combine(data, "notices", "notices-000001.csv"), Loose);
            var readOnly = Path.Combine(data, "read-only.txt");
            File.WriteAllText(readOnly, "");
            File.SetUnixFileMode(readOnly, UnixFileMode.UserRead | UnixFileMode.GroupRead);
            File.WriteAllText(outside, "");
            File.SetUnixFileMode(outside, Loose);
            File.CreateSymbolicLink(Path.Combine(data, "link.txt"), outside);

            PrivateFiles.TightenExisting(data);

            Assert.Equal(PrivateFiles.FolderMode, File.GetUnixFileMode(data));
            Assert.Equal(PrivateFiles.FolderMode, File.GetUnixFileMode(Path.Combine(data, "notices")));
            Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(Path.Combine(data, "042021.db")));
            Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(Path.Combine(data, "notices", "notices-000001.csv")));
            Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(readOnly)); // never widened
            Assert.Equal(Loose, File.GetUnixFileMode(outside)); // the link's target is not ours
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void EnsureFolder_MissingOrLoose_IsOwnerOnly()
    {
        var root = Path.Combine(Path.GetTempPath(), "myna-private-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var created = Path.Combine(root, "new");
            PrivateFiles.EnsureFolder(created);
            Assert.Equal(PrivateFiles.FolderMode, File.GetUnixFileMode(created));

            var loose = Path.Combine(root, "loose");
            Directory.CreateDirectory(loose, LooseFolder);
            File.SetUnixFileMode(loose, LooseFolder);
            PrivateFiles.EnsureFolder(loose);
            Assert.Equal(PrivateFiles.FolderMode, File.GetUnixFileMode(loose));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
