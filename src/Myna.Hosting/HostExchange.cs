using Myna.Core.Contracts;
using Myna.Core.Identifiers;

namespace Myna.Hosting;

/// <summary>
/// <see cref="IMunicipalExchange"/> between the municipalities this host serves (DOMAIN §8.6, §0.3):
/// the message is handed to the receiving municipality's own move desk, which writes only to its own
/// store. A municipality this host does not serve is unreachable from here.
/// </summary>
public sealed class HostExchange(MynaRuntime runtime) : IMunicipalExchange
{
    public async Task SendAdvanceMoveOutAsync(AdvanceMoveOut information, Guid messageId, CancellationToken ct = default)
    {
        Reachable(information.Destination);
        await using var db = runtime.Stores.OpenMunicipal(information.Destination);
        await runtime.MoveDesk(information.Destination).ReceiveAsync(db, information, messageId, ct);
    }

    public async Task SendMoveInNotifiedAsync(MunicipalityCode origin, MunicipalityCode destination, ResidentCode code, DateOnly movedInOn, bool cardContinued,
        Guid messageId, CancellationToken ct = default)
    {
        if (!runtime.Stores.Serves(origin))
        {
            return; // the origin is elsewhere: its own system learns of the move-in through its own channel
        }
        await using var db = runtime.Stores.OpenMunicipal(origin);
        await runtime.MoveDesk(origin).MoveInNotifiedAsync(db, code, destination, movedInOn, cardContinued, messageId, ct);
    }

    public async Task<ForwardReceipt> ForwardSupportMeasureAsync(MunicipalityCode origin, MunicipalityCode destination, ForwardedSupportMeasure measure,
        Guid messageId, CancellationToken ct = default)
    {
        if (!runtime.Stores.Serves(destination))
        {
            throw new MunicipalityUnreachableException(
                $"municipality {destination.Value} is not served by this host: the forward waits for the inter-municipal network and is retried");
        }
        await using var db = runtime.Stores.OpenMunicipal(destination);
        return await runtime.SupportMeasureForwarding(destination).ReceiveAsync(db, origin, measure, messageId, ct);
    }

    private void Reachable(MunicipalityCode destination)
    {
        if (!runtime.Stores.Serves(destination))
        {
            throw new MunicipalityUnreachableException($"municipality {destination.Value} is not served by this host: send the advance information through the inter-municipal network");
        }
    }
}
