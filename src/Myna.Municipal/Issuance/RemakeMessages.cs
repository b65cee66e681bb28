using Microsoft.EntityFrameworkCore;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Storage.Outbox;

namespace Myna.Municipal.Issuance;

/// <summary>A card sent back for remaking, on its way to the national side.</summary>
public sealed record RemakeRequest(string Serial, string Reason, string Actor);

/// <summary>
/// Delivers a remake (DOMAIN §5) to the national side, which voids the card and queues its application
/// again, once per message ID. The municipal side's part (the card kept as returned, the application
/// waiting) was committed with the message, so the acknowledgement adds nothing here.
/// </summary>
public sealed class RemakeMessages(MunicipalityCode municipality, ICardProduction production) : IOutboxHandler
{
    public const string Kind = "card.remake";

    string IOutboxHandler.Kind => Kind;

    public async Task<object?> SendAsync(DbContext store, OutboxMessage message, CancellationToken ct)
    {
        var request = Storage.Outbox.Outbox.Read<RemakeRequest>(message);
        await production.RequestRemakeAsync(municipality, request.Serial, request.Reason, request.Actor, message.MessageId, ct);
        return null;
    }

    public Task AcknowledgedAsync(DbContext store, OutboxMessage message, object? answer, CancellationToken ct) => Task.CompletedTask;

    public bool IsRefusal(Exception e) => e is ContractRefusedException;
}
