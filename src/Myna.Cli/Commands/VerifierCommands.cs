using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Myna.National.Verifiers;

namespace Myna.Cli.Commands;

/// <summary><c>myna verifier add|list|renew-key</c>: verifier organisations of the public certificate service (DOMAIN §7.5).</summary>
internal static class VerifierCommands
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "The organisation's name", Required = true };
        var kind = new Option<string>("--kind") { Description = "signature (署名検証者), user-authentication (利用者証明検証者) or both", Required = true };
        kind.AcceptOnlyFromAmong("signature", "user-authentication", "both");
        var corporate = new Option<string?>("--corporate-number") { Description = "法人番号 (13 digits), when it has one" };
        var add = new Command("add", "Register a verifier organisation and print its API key (shown once)") { name, kind, corporate };
        add.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            CliContext.RequireKeys(runtime);
            await runtime.Stores.MigrateAllAsync(ct);
            var verifierKind = parse.GetValue(kind) switch
            {
                "signature" => VerifierKind.Signature,
                "user-authentication" => VerifierKind.UserAuthentication,
                _ => VerifierKind.Both,
            };
            await using var db = runtime.Stores.OpenNational();
            try
            {
                var (verifier, key) = await runtime.Verifiers().RegisterAsync(db, parse.GetValue(name)!, verifierKind, parse.GetValue(corporate), CliContext.Actor, ct);
                await Console.Out.WriteLineAsync($"verifier {verifier.Id}: {verifier.Name} ({Describe(verifier.Kind)})");
                await Console.Out.WriteLineAsync($"API key (shown only now; send as 'Authorization: Bearer <key>'): {key}");
            }
            catch (VerifierException e)
            {
                throw new CliException(e.Message);
            }
            return 0;
        });

        var list = new Command("list", "List the verifier organisations");
        list.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            await using var db = runtime.Stores.OpenNational();
            foreach (var v in await db.Verifiers.AsNoTracking().OrderBy(v => v.Id).ToListAsync(ct))
            {
                await Console.Out.WriteLineAsync($"{v.Id}\t{v.Name}\t{Describe(v.Kind)}\t{v.CorporateNumber ?? "-"}\tkey {v.KeyPrefix}…\t{(v.DisabledAt is null ? "active" : "disabled")}");
            }
            return 0;
        });

        var id = new Argument<long>("ID") { Description = "The verifier's number (see 'myna verifier list')" };
        var renew = new Command("renew-key", "Give a verifier a new API key; the old one stops working at once") { id };
        renew.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            CliContext.RequireKeys(runtime);
            await using var db = runtime.Stores.OpenNational();
            try
            {
                var key = await runtime.Verifiers().RenewKeyAsync(db, parse.GetValue(id), CliContext.Actor, ct);
                await Console.Out.WriteLineAsync($"new API key (shown only now): {key}");
            }
            catch (VerifierException e)
            {
                throw new CliException(e.Message);
            }
            return 0;
        });
        return new Command("verifier", "Verifier organisations of the public certificate service (DOMAIN §7.5)") { add, list, renew };
    }

    public static string Describe(VerifierKind kind) => kind switch
    {
        VerifierKind.Signature => "signature",
        VerifierKind.UserAuthentication => "user-authentication",
        _ => "both",
    };
}
