using Microsoft.EntityFrameworkCore;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Storage.Outbox;

namespace Myna.Municipal.Numbering;

/// <summary>A resident code that moved in here from <see cref="Origin"/> (DOMAIN §8.6).</summary>
public sealed record ResidentMoved(string Origin, string ResidentCode);

/// <summary>
/// Destination → national side: after a move-in the resident code belongs to this municipality (DOMAIN
/// §1.2), so this municipality may number it or change its number; the national side refuses both to a
/// municipality the code does not belong to.
/// </summary>
public sealed class ResidentMovedMessages(MunicipalityCode here, INationalNumbering national) : IOutboxHandler
{
    public const string Kind = "numbering.moved";

    string IOutboxHandler.Kind => Kind;

    public async Task<object?> SendAsync(DbContext store, OutboxMessage message, CancellationToken ct)
    {
        var p = Storage.Outbox.Outbox.Read<ResidentMoved>(message);
        await national.MovedAsync(MunicipalityCode.Parse(p.Origin), here, ResidentCode.Parse(p.ResidentCode), message.MessageId, ct);
        return null;
    }

    public Task AcknowledgedAsync(DbContext store, OutboxMessage message, object? answer, CancellationToken ct) => Task.CompletedTask;

    public bool IsRefusal(Exception e) => e is ContractRefusedException;
}
