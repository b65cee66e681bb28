using System.CommandLine;
using Myna.Core.Identifiers;
using Myna.Hosting.Network;
using Myna.Pki.Network;
using Myna.Storage;

namespace Myna.Cli.Commands;

internal static class NetworkCommands
{
    /// <summary>
    /// <c>myna network</c>: the certificates of the network between municipal hosts and the national host (ARCHITECTURE
    /// principle 1: mutual TLS, the municipality named by its client certificate's CN).
    /// </summary>
    public static Command Create()
    {
        var init = new Command("init",
            "Create the network CA, the national host's server certificate (localhost, 127.0.0.1, ::1, this machine's name) and a client " +
            "certificate per configured municipality under the key directory's network/ folder; existing ones are kept");
        var hosts = new Option<string[]>("--host") { Description = "A further name or address of the national host for its certificate (repeatable)" };
        init.Options.Add(hosts);
        init.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            var folder = NationalConnections.NetworkFolder(runtime.Keys.Root);
            PrivateFiles.EnsureFolder(runtime.Keys.Root);
            var created = NetworkAuthority.Ensure(folder, runtime.Stores.Municipalities.Select(m => m.Code.Value),
                NetworkAuthority.LocalHostNames().Concat(parse.GetValue(hosts) ?? []), runtime.Time.GetUtcNow());
            await Console.Out.WriteLineAsync(created.Count == 0 ? $"network: all present under {folder}" : $"network: created {string.Join(", ", created)} under {folder}");
            using var ca = NetworkAuthority.LoadCa(folder);
            await Console.Out.WriteLineAsync($"  CA: {ca.Subject}; SHA-256 {ca.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256)}; until {ca.NotAfter:yyyy-MM-dd}");
            return 0;
        });

        var code = new Argument<string>("municipality") { Description = "Municipality code (6 digits) whose client certificate to export" };
        var output = new Option<string>("--out") { Description = "Folder to write CODE.pfx, CODE.crt, CODE.key and ca.crt into", Required = true };
        var password = new Option<string?>("--password") { Description = "Password of the PKCS#12 file (default: none; the files are owner-only)" };
        var export = new Command("client-cert", "Export a municipality's client certificate and key (PKCS#12 and PEM) and the network CA, for a separately deployed municipal host")
        {
            code, output, password,
        };
        export.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            if (!MunicipalityCode.TryParse(parse.GetValue(code), out var municipality, out var problem))
            {
                throw new CliException("municipality: " + problem.Message, 2);
            }
            var folder = NationalConnections.NetworkFolder(runtime.Keys.Root);
            var certificate = NetworkAuthority.ClientCertificatePath(folder, municipality.Value);
            if (!File.Exists(certificate))
            {
                throw new CliException($"no client certificate for {municipality.Value}: add it to Myna:Municipalities and run 'myna network init'");
            }
            var target = Path.GetFullPath(parse.GetValue(output)!);
            PrivateFiles.EnsureFolder(target);
            NetworkAuthority.ExportClient(folder, municipality.Value, Path.Combine(target, municipality.Value + ".pfx"), parse.GetValue(password));
            File.Copy(certificate, Path.Combine(target, municipality.Value + ".crt"), overwrite: true);
            File.Copy(NetworkAuthority.KeyPath(certificate), Path.Combine(target, municipality.Value + ".key"), overwrite: true);
            File.Copy(NetworkAuthority.CaCertificatePath(folder), Path.Combine(target, "ca.crt"), overwrite: true);
            await Console.Out.WriteLineAsync($"network: {municipality.Value}.pfx, {municipality.Value}.crt/.key and ca.crt written to {target}");
            await Console.Out.WriteLineAsync($"  on the municipal host: Myna:National:ClientCertificate={Path.Combine(target, municipality.Value + ".pfx")}, Myna:National:CaCertificate={Path.Combine(target, "ca.crt")}");
            return 0;
        });
        return new Command("network", "Certificates of the mutual-TLS network between municipal hosts and the national host") { init, export };
    }
}
