using System.Globalization;
using Myna.Core.Identifiers;

namespace Myna.Core.Contracts;

/// <summary>The newest committed record of a municipality's audit log: its sequence number and hash.</summary>
public sealed record AuditCheckpoint(long Sequence, byte[] Hash)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"sequence {Sequence} ({Convert.ToHexString(Hash.AsSpan(0, Math.Min(4, Hash.Length)))}…)");
}

/// <summary>
/// The national side keeps each municipality's latest audit checkpoint (DOMAIN §12), outside
/// the municipal store and the municipal key directory: whoever can cut records off the end
/// of a municipal log and delete its anchor file still cannot move this copy back, so
/// <c>myna audit verify</c> names the removed sequence numbers.
/// <para>
/// A checkpoint carries no personal data: a sequence number and an HMAC the national side
/// cannot check (it does not hold the municipal audit key); it only compares what it is sent
/// with what it already holds.
/// </para>
/// </summary>
public interface IAuditCheckpoints
{
    /// <summary>
    /// Records that the municipality's log has committed up to <paramref name="checkpoint"/>.
    /// Idempotent for the checkpoint already held. Refuses, with
    /// <see cref="AuditCheckpointRefusedException"/>, a checkpoint behind the one held, or one
    /// naming the held sequence number with another hash; the held checkpoint is then kept.
    /// </summary>
    Task RecordAsync(MunicipalityCode municipality, AuditCheckpoint checkpoint, CancellationToken ct = default);

    /// <summary>The checkpoint held for the municipality, or null when none was ever recorded.</summary>
    Task<AuditCheckpoint?> LatestAsync(MunicipalityCode municipality, CancellationToken ct = default);

    /// <summary>
    /// Replaces the held checkpoint even backwards: only for an administrator who has
    /// investigated a reported end of the log and accepted it (<c>myna audit accept-end</c>),
    /// which is itself audited. <paramref name="reason"/> is kept beside the checkpoint.
    /// </summary>
    Task AcceptAsync(MunicipalityCode municipality, AuditCheckpoint checkpoint, string reason, CancellationToken ct = default);
}

public enum CheckpointRefusal
{
    /// <summary>The national side already holds a later sequence number.</summary>
    Backwards,
    /// <summary>The national side holds another hash for the same sequence number.</summary>
    Contradicts,
}

public sealed class AuditCheckpointRefusedException(MunicipalityCode municipality, CheckpointRefusal refusal, AuditCheckpoint sent, AuditCheckpoint held)
    : ContractRefusedException(ContractRefusals.AuditCheckpointPrefix + (refusal == CheckpointRefusal.Backwards ? "backwards" : "contradicts"),
        refusal == CheckpointRefusal.Backwards
        ? $"audit checkpoint of {municipality.Value} refused: {sent} is behind the {held} already held"
        : $"audit checkpoint of {municipality.Value} refused: {sent} contradicts the hash held for that sequence")
{
    public CheckpointRefusal Refusal { get; } = refusal;
    public AuditCheckpoint Sent { get; } = sent;
    public AuditCheckpoint Held { get; } = held;
}
