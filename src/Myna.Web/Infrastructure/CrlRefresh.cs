using Myna.Data;
using Myna.Pki.Authorities;

namespace Myna.Web.Infrastructure;

/// <summary>
/// Publishes each CA's CRL without waiting for someone to download it (DOMAIN §7.4): every
/// <see cref="MynaOptions.CrlRefreshSeconds"/> it asks the publisher for the current CRL, which
/// builds a new one when a status changed since the last or the last is a day old.
/// </summary>
public sealed class CrlRefresh(MynaRuntime runtime, ILogger<CrlRefresh> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, runtime.Options.CrlRefreshSeconds)));
        do
        {
            foreach (var kind in new[] { CaKind.Signature, CaKind.UserAuthentication })
            {
                if (!File.Exists(CaSetup.CertificatePath(runtime.CaFolder, CaKinds.KeyName(kind))))
                {
                    continue; // 'myna ca init' has not run yet
                }
                try
                {
                    await using var db = runtime.Stores.OpenNational();
                    await runtime.CrlPublisher().CurrentAsync(db, kind, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Keep the job alive; the next tick tries again and the endpoint still serves the last CRL.
                    log.LogError(e, "CRL refresh of the {Ca} CA failed", CaKinds.Slug(kind));
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
