using Microsoft.EntityFrameworkCore;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Storage.Audit;
using Myna.Storage.Outbox;

namespace Myna.Municipal.SupportMeasures;

/// <summary>A support measure's forward as it waits in the sender's outbox (no address of a covered person: see <see cref="ForwardedSupportMeasure"/>).</summary>
public sealed record SupportMeasureForwardPayload(string Origin, string Destination, ForwardedSupportMeasure Measure);

/// <summary>
/// Sender → related municipality: a support measure (DOMAIN §9), through <see cref="IMunicipalExchange"/>. An unreachable
/// municipality is retried every round until it answers (a forward is never dropped); the receipt is recorded on the
/// measure with the acknowledgement.
/// </summary>
public sealed class SupportMeasureForwardMessages(IMunicipalExchange exchange, AuditLog audit, TimeProvider time) : IOutboxHandler
{
    public const string Kind = "support-measure.forward";

    string IOutboxHandler.Kind => Kind;

    public async Task<object?> SendAsync(DbContext store, OutboxMessage message, CancellationToken ct)
    {
        var p = Storage.Outbox.Outbox.Read<SupportMeasureForwardPayload>(message);
        return await exchange.ForwardSupportMeasureAsync(MunicipalityCode.Parse(p.Origin), MunicipalityCode.Parse(p.Destination), p.Measure, message.MessageId, ct);
    }

    public Task AcknowledgedAsync(DbContext store, OutboxMessage message, object? answer, CancellationToken ct) =>
        SupportMeasureForwarding.AcknowledgedAsync((MunicipalDb)store, message.MessageId, answer as ForwardReceipt, audit, time, ct);

    /// <summary>Never final: the receiving municipality may come back, and §9 wants the measure there.</summary>
    public bool IsRefusal(Exception e) => false;
}
