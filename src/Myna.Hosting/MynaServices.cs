using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Myna.Hosting;

/// <summary>
/// Composition by dependency injection (ARCHITECTURE principle 4): the validated options and the host's one
/// <see cref="MynaRuntime"/> (keys read once per host), then each side's services — a host serving both sides calls both.
/// </summary>
public static class MynaServices
{
    /// <summary>The options as <see cref="IOptions{MynaOptions}"/> (read and validated by <see cref="MynaConfiguration"/>) and the runtime built on them.</summary>
    public static IServiceCollection AddMyna(this IServiceCollection services, MynaOptions options)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(Options.Create(options));
        services.AddSingleton<IValidateOptions<MynaOptions>, MynaOptionsValidator>();
        services.AddSingleton(sp => new MynaRuntime(sp.GetRequiredService<IOptions<MynaOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>
    /// The national side as this host serves it (J-LIS): its own implementations of the contracts, the call centre, the
    /// certificate service's OCSP responder and CRL publisher, and the verifiers' service.
    /// </summary>
    public static IServiceCollection AddMynaNational(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<MynaRuntime>().NationalNumbering());
        services.AddSingleton(sp => sp.GetRequiredService<MynaRuntime>().CardProduction());
        services.AddSingleton(sp => sp.GetRequiredService<MynaRuntime>().CallCentre());
        services.AddSingleton(sp => sp.GetRequiredService<MynaRuntime>().OcspResponder());
        services.AddSingleton(sp => sp.GetRequiredService<MynaRuntime>().CrlPublisher());
        services.AddSingleton(sp => sp.GetRequiredService<MynaRuntime>().Verifiers());
        return services;
    }

    /// <summary>
    /// The municipal side: the national contracts as a municipality reaches them — the national host over mutual TLS when
    /// <c>Myna:National:Url</c> is set, the in-process implementations otherwise (the runtime decides, in one place).
    /// </summary>
    public static IServiceCollection AddMynaMunicipal(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<MynaRuntime>().NumberingContract());
        services.AddSingleton(sp => sp.GetRequiredService<MynaRuntime>().ProductionContract());
        services.AddSingleton(sp => sp.GetRequiredService<MynaRuntime>().CardService());
        services.AddSingleton(sp => sp.GetRequiredService<MynaRuntime>().CardLifecycle());
        services.AddSingleton(sp => sp.GetRequiredService<MynaRuntime>().CertificateEvents());
        services.AddSingleton(sp => sp.GetRequiredService<MynaRuntime>().AuditCheckpoints());
        return services;
    }
}
