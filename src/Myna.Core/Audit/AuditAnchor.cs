using System.Globalization;

namespace Myna.Core.Audit;

/// <summary>
/// The newest audit record known to be committed (sequence and hash), kept in a file beside
/// the audit key, outside the database. A hash chain alone cannot show that records were cut
/// off its end; the anchor can: a log that ends before the anchor, or whose anchored record
/// differs, has been truncated or rewritten. The file only ever moves forward.
/// </summary>
public sealed class AuditAnchor(string path)
{
    public (long Sequence, byte[] Hash)? Read()
    {
        if (!File.Exists(path))
        {
            return null;
        }
        var parts = File.ReadAllText(path).Trim().Split(' ');
        return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? (sequence, Convert.FromHexString(parts[1]))
            : throw new InvalidDataException($"audit anchor {path} is damaged");
    }

    /// <summary>Moves the anchor forward to a committed record; never backwards.</summary>
    public void Advance(long sequence, byte[] hash)
    {
        if (Read() is { } current && current.Sequence >= sequence)
        {
            return;
        }
        // A unique temporary name and an atomic rename: two processes appending at once leave
        // one complete anchor, at worst the slightly older one, which is still a valid anchor.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, string.Create(CultureInfo.InvariantCulture, $"{sequence} {Convert.ToHexString(hash)}\n"));
        File.Move(temporary, path, overwrite: true);
    }
}
