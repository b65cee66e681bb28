using Myna.Core.Calendar;
using Myna.Hosting;

namespace Myna.Web.Infrastructure;

/// <summary>
/// The dated processing of moves abroad (DOMAIN §8.6) in the background: on its move date — not before — a notified move abroad
/// takes the person off the register and revokes the signature certificate (continued use) or lets the card lapse. Runs at
/// start and every <see cref="Interval"/>; each run does only what is due, so a missed day is caught up by the next run.
/// </summary>
public sealed class AbroadMoveProcessing(MynaRuntime runtime, ILogger<AbroadMoveProcessing> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(30);

    public const string Actor = "system:abroad-moves";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            foreach (var municipality in runtime.Stores.Municipalities)
            {
                try
                {
                    await using var db = runtime.Stores.OpenMunicipal(municipality.Code);
                    var done = await runtime.AbroadMoveDesk(municipality.Code).CompleteDueAsync(db, JapanClock.Today(runtime.Time), Actor, stoppingToken);
                    if (done.Problems.Count > 0)
                    {
                        // Move IDs and reasons only: no name, address or number reaches the log.
                        log.LogWarning("moves abroad of {Municipality}: {Problems}", municipality.Code.Value, string.Join("; ", done.Problems));
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "moves abroad of {Municipality} could not be processed", municipality.Code.Value);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class AbroadMoveProcessingRegistration
{
    /// <summary>Adds the background dated processing of moves abroad.</summary>
    public static IServiceCollection AddAbroadMoveProcessing(this IServiceCollection services) => services.AddHostedService<AbroadMoveProcessing>();
}
