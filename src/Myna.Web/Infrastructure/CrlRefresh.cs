using Myna.Hosting;
using Myna.Pki.Authorities;

namespace Myna.Web.Infrastructure;

/// <summary>
/// Publishes each CA's CRL without waiting for someone to download it (DOMAIN §7.4): every
/// <see cref="MynaOptions.CrlRefreshSeconds"/> it asks the publisher for the current CRL, which
/// builds a new one when a status changed since the last or the last is a day old. On the same
/// tick it renews each CA's delegated OCSP signer when it is due (OcspSigners.RenewBefore).
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
                    // The OCSP signer is renewed here too, so a quiet responder does not wait for a request to do it.
                    var ca = runtime.Authority(kind);
                    var before = ca.OcspSigner;
                    var signer = ca.OcspSignerAt(runtime.Time.GetUtcNow());
                    if (!ReferenceEquals(before, signer) && log.IsEnabled(LogLevel.Information))
                    {
                        log.LogInformation("OCSP signer of the {Ca} CA renewed: serial {Serial}, until {NotAfter:O}", CaKinds.Slug(kind),
                            signer.Certificate.SerialNumber, signer.Certificate.NotAfter.ToUniversalTime());
                    }
                    if (ca.OcspRenewalProblem is { } problem)
                    {
                        log.LogError("OCSP signer of the {Ca} CA could not be renewed (the current one is used until {NotAfter:O}): {Problem}",
                            CaKinds.Slug(kind), signer.Certificate.NotAfter.ToUniversalTime(), problem);
                    }
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
