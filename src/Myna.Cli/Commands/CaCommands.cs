using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Myna.Core.Audit;
using Myna.Pki.Authorities;

namespace Myna.Cli.Commands;

internal static class CaCommands
{
    /// <summary><c>myna ca init</c>: the two JPKI roots and their OCSP signers (DOMAIN §7.1).</summary>
    public static Command Create()
    {
        var init = new Command("init",
            "Create the signature and user-authentication CAs (RSA-2048 self-signed roots) and their delegated OCSP signers; existing ones are kept");
        init.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            runtime.EnsureKeys();
            await runtime.Stores.MigrateAllAsync(ct);
            var created = CaSetup.Ensure(runtime.CaKeyStore(), runtime.CaFolder, runtime.Time.GetUtcNow());
            if (created.Count > 0)
            {
                await using var db = runtime.Stores.OpenNational();
                await runtime.NationalAudit().AppendAsync(db, CliContext.Actor, AuditActions.CaCreated, "ca", detail: string.Join(",", created), ct: ct);
            }
            await Console.Out.WriteLineAsync(created.Count == 0 ? $"CAs: all present under {runtime.CaFolder}" : $"CAs: created {string.Join(", ", created)} under {runtime.CaFolder}");
            foreach (var kind in new[] { CaKind.Signature, CaKind.UserAuthentication })
            {
                using var cert = X509CertificateLoader.LoadCertificate(await File.ReadAllBytesAsync(CaSetup.CertificatePath(runtime.CaFolder, CaKinds.KeyName(kind)), ct));
                await Console.Out.WriteLineAsync($"  {CaKinds.Slug(kind)}: {Myna.Pki.Profiles.JpkiNames.Display(cert.SubjectName)}; SHA-256 {cert.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256)}; until {cert.NotAfter:yyyy-MM-dd}");
            }
            if (string.IsNullOrEmpty(runtime.Options.CaKeyStorePassword))
            {
                await Console.Error.WriteLineAsync("note: no Myna__CaKeyStorePassword configured; the development password in the key directory protects the CA keys");
            }
            return 0;
        });
        return new Command("ca", "The national certificate authorities (DOMAIN §7)") { init };
    }
}
