using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Myna.Core.Audit;

/// <summary>
/// The newest audit record known to be committed (sequence and hash), kept in a file beside
/// the audit key, outside the database (DOMAIN §12). A hash chain alone cannot show that
/// records were cut off its end; the anchor can: a log that ends before the anchor, or whose
/// anchored record differs, has been truncated or rewritten.
/// <para>
/// The file is signed with a key derived from the audit key, so whoever can write the file
/// but does not hold the key can neither forge an anchor nor move it back. Reading never
/// throws on content: an empty, truncated, edited or forged file is a finding, not a crash.
/// </para>
/// </summary>
public sealed class AuditAnchor
{
    /// <summary>The first word of the file; the unsigned format before it had none.</summary>
    public const string Format = "myna-audit-anchor/2";

    private readonly byte[] signingKey;

    public AuditAnchor(string path, byte[] auditKey)
    {
        FilePath = path;
        // A derived key: an anchor's signature can never be mistaken for a record's hash.
        signingKey = HMACSHA256.HashData(auditKey, "myna audit anchor signing key"u8);
    }

    public string FilePath { get; }

    public AnchorReading Read()
    {
        string text;
        try
        {
            text = File.ReadAllText(FilePath, Encoding.UTF8);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return AnchorReading.Missing;
        }
        var parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return AnchorReading.Damaged("the file is empty");
        }
        if (parts.Length == 2 && parts[0].All(char.IsAsciiDigit))
        {
            return AnchorReading.Damaged("the file is in the older, unsigned format and cannot be trusted");
        }
        if (parts.Length != 4 || parts[0] != Format
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence < 1
            || TryHash(parts[2]) is not { } hash || TryHash(parts[3]) is not { } signature)
        {
            return AnchorReading.Damaged("the file is not in the anchor format (truncated or edited)");
        }
        return CryptographicOperations.FixedTimeEquals(Sign(sequence, hash), signature)
            ? AnchorReading.Valid(sequence, hash)
            : AnchorReading.Forged(sequence);
    }

    /// <summary>
    /// Writes the anchor unconditionally. Whether it may move (forward, after a commit) is the
    /// caller's decision; see <c>AuditLog</c>.
    /// </summary>
    public void Write(long sequence, byte[] hash)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{Format} {sequence} {Convert.ToHexString(hash)} {Convert.ToHexString(Sign(sequence, hash))}\n");
        // A unique temporary name and an atomic rename: a crash or a second writer leaves one
        // complete anchor, never a half-written one. No fsync: it would cost more than the
        // audited action (about 10 ms here); like the store's own last commits (SQLite runs with
        // synchronous=NORMAL), the newest anchor may be lost by a power failure, which verify
        // then reports for the administrator to accept.
        var temporary = $"{FilePath}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(Encoding.UTF8.GetBytes(line));
        }
        File.Move(temporary, FilePath, overwrite: true);
    }

    private byte[] Sign(long sequence, byte[] hash) =>
        HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{Format} {sequence} {Convert.ToHexString(hash)}")));

    private static byte[]? TryHash(string hex)
    {
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
        {
            return null;
        }
        return Convert.FromHexString(hex);
    }
}

public enum AnchorState
{
    Missing,
    Damaged,
    Forged,
    Valid,
}

/// <summary>What the anchor file says, or why it cannot be believed.</summary>
public sealed record AnchorReading(AnchorState State, long Sequence, byte[] Hash, string? Problem)
{
    public static readonly AnchorReading Missing = new(AnchorState.Missing, 0, [], null);

    public static AnchorReading Damaged(string problem) => new(AnchorState.Damaged, 0, [], problem);

    public static AnchorReading Forged(long claimedSequence) => new(AnchorState.Forged, claimedSequence, [], null);

    public static AnchorReading Valid(long sequence, byte[] hash) => new(AnchorState.Valid, sequence, hash, null);

    public bool IsValid => State == AnchorState.Valid;

    public override string ToString() => State switch
    {
        AnchorState.Missing => "missing",
        AnchorState.Damaged => "damaged (" + Problem + ")",
        AnchorState.Forged => string.Create(CultureInfo.InvariantCulture, $"forged (claims sequence {Sequence})"),
        _ => string.Create(CultureInfo.InvariantCulture, $"sequence {Sequence}"),
    };
}
