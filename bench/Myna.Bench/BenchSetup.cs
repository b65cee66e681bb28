using Myna.Hosting;
using Myna.Pki.Authorities;

namespace Myna.Bench;

public static class BenchSetup
{
    /// <summary>A runtime ready for the certificate service: keys, migrated stores and the two CAs with their OCSP signers.</summary>
    public static async Task ReadyWithCasAsync(this MynaRuntime runtime)
    {
        runtime.EnsureKeys();
        await runtime.Stores.MigrateAllAsync();
        CaSetup.Ensure(runtime.CaKeyStore(), runtime.CaFolder, DateTimeOffset.UtcNow);
    }
}
