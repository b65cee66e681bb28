using Myna.Hosting;

namespace Myna.Web.Infrastructure;

/// <summary>
/// Delivers every municipality's outbox in the background (ARCHITECTURE principle 3): desks deliver
/// right after their commit; this catches what that could not (a receiver unreachable, the host
/// restarted between the two sides), every <see cref="Interval"/>.
/// </summary>
public sealed class OutboxDelivery(MynaRuntime runtime, ILogger<OutboxDelivery> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            foreach (var municipality in runtime.Stores.Municipalities)
            {
                try
                {
                    var round = await runtime.Outbox(municipality.Code).DeliverAsync(stoppingToken);
                    if (round.Waiting + round.Refused > 0)
                    {
                        // Message IDs, kinds and reasons only: payloads (and any number in them) never reach the log.
                        log.LogWarning("outbox of {Municipality}: {Waiting} waiting, {Refused} refused: {Problems}",
                            municipality.Code.Value, round.Waiting, round.Refused, string.Join("; ", round.Problems));
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Keep the job alive; the messages stay in the outbox and the next tick tries again.
                    log.LogError(e, "outbox delivery of {Municipality} failed", municipality.Code.Value);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class OutboxDeliveryRegistration
{
    /// <summary>Adds the background delivery of every municipality's outbox.</summary>
    public static IServiceCollection AddOutboxDelivery(this IServiceCollection services) => services.AddHostedService<OutboxDelivery>();
}
