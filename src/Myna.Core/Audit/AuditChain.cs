using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Myna.Core.Audit;

/// <summary>Computes and checks the HMAC chain of the audit log (DOMAIN §12).</summary>
public sealed class AuditChain(byte[] key)
{
    public static readonly byte[] GenesisHash = new byte[32];

    public byte[] ComputeHash(AuditRecord r)
    {
        // Length-prefixed fields: no two different records can encode to the same bytes.
        using var buffer = new MemoryStream();
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(number, r.Sequence);
        buffer.Write(number);
        WriteField(buffer, r.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture));
        WriteField(buffer, r.Actor);
        WriteField(buffer, r.Action);
        WriteField(buffer, r.Subject);
        WriteField(buffer, r.Purpose);
        WriteField(buffer, r.Detail);
        buffer.Write(r.PreviousHash);
        return HMACSHA256.HashData(key, buffer.ToArray());
    }

    private static void WriteField(MemoryStream buffer, string? value)
    {
        Span<byte> length = stackalloc byte[4];
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(length, -1);
            buffer.Write(length);
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(value);
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        buffer.Write(length);
        buffer.Write(bytes);
    }

    /// <summary>Checks records given in stored order; see <see cref="AuditChainVerifier"/>.</summary>
    public AuditVerification Verify(IEnumerable<AuditRecord> recordsInStoredOrder)
    {
        var verifier = new AuditChainVerifier(this);
        foreach (var r in recordsInStoredOrder)
        {
            verifier.Add(r);
        }
        return verifier.Result();
    }
}

/// <summary>
/// Walks records one at a time (memory stays flat however long the log) and reports every
/// sequence number that is missing, out of order, altered, or not linked to its predecessor.
/// </summary>
public sealed class AuditChainVerifier(AuditChain chain)
{
    private readonly List<AuditProblem> problems = [];
    private long expected = 1;
    private byte[] previousHash = AuditChain.GenesisHash;
    private long count;

    public void Add(AuditRecord r)
    {
        count++;
        if (r.Sequence > expected)
        {
            problems.Add(new AuditProblem(expected, r.Sequence - 1, AuditProblemKind.Missing));
        }
        else if (r.Sequence < expected)
        {
            problems.Add(new AuditProblem(r.Sequence, r.Sequence, AuditProblemKind.OutOfOrder));
        }
        if (!CryptographicOperations.FixedTimeEquals(chain.ComputeHash(r), r.Hash))
        {
            problems.Add(new AuditProblem(r.Sequence, r.Sequence, AuditProblemKind.Altered));
        }
        else if (!CryptographicOperations.FixedTimeEquals(r.PreviousHash, previousHash))
        {
            // The record itself is intact but does not follow the one before it.
            problems.Add(new AuditProblem(r.Sequence, r.Sequence, AuditProblemKind.BrokenLink));
        }
        previousHash = r.Hash;
        expected = Math.Max(expected, r.Sequence + 1);
    }

    public AuditVerification Result() => new(count, problems.ToList());
}

public enum AuditProblemKind
{
    Missing,
    OutOfOrder,
    Altered,
    BrokenLink,
    /// <summary>The log ends before the record a witness (anchor file, national checkpoint) names.</summary>
    CutFromEnd,
    /// <summary>The record a witness names is there but is not the one it named.</summary>
    EndRewritten,
    /// <summary>The log holds records but the anchor file is gone.</summary>
    AnchorMissing,
    /// <summary>The anchor file is empty, truncated, edited or in the older unsigned format.</summary>
    AnchorDamaged,
    /// <summary>The anchor file's signature does not match: written by someone without the key.</summary>
    AnchorForged,
    /// <summary>The log holds records but the national side keeps no checkpoint of it.</summary>
    CheckpointMissing,
}

/// <summary>
/// One finding of a verification. <see cref="Detail"/> says which witness saw it (the anchor
/// file, the national checkpoint) or what is wrong with the anchor file.
/// </summary>
public sealed record AuditProblem(long FirstSequence, long LastSequence, AuditProblemKind Kind, string? Detail = null)
{
    public override string ToString()
    {
        var range = FirstSequence == LastSequence
            ? FirstSequence.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{FirstSequence}-{LastSequence}");
        var held = LastSequence == 0 ? "no records" : $"records up to sequence {LastSequence}";
        return Kind switch
        {
            AuditProblemKind.Missing => $"sequence {range}: record(s) removed",
            AuditProblemKind.OutOfOrder => $"sequence {range}: out of order (reordered or duplicated)",
            AuditProblemKind.Altered => $"sequence {range}: record altered",
            AuditProblemKind.CutFromEnd => $"sequence {range}: record(s) removed from the end of the log ({Detail} names sequence {LastSequence})",
            AuditProblemKind.EndRewritten => $"sequence {range}: not the record {Detail} names (the end of the log was cut and rewritten)",
            AuditProblemKind.AnchorMissing => $"anchor file missing while the log holds {held} (deleted?)",
            AuditProblemKind.AnchorDamaged => $"anchor file damaged: {Detail}; the log holds {held}",
            AuditProblemKind.AnchorForged => $"anchor file forged or edited: its signature does not match (it claims sequence {FirstSequence}); the log holds {held}",
            AuditProblemKind.CheckpointMissing => $"the national side holds no checkpoint of this log, which holds {held}",
            _ => $"sequence {range}: not chained to the preceding record (a record before it was removed, replaced or reordered)",
        };
    }
}

public sealed record AuditVerification(long RecordCount, IReadOnlyList<AuditProblem> Problems)
{
    public bool IsIntact => Problems.Count == 0;
}
