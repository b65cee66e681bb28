using System.CommandLine;

namespace Myna.Cli.Commands;

internal static class ApplicationCommands
{
    /// <summary><c>myna applications send</c>: hands accepted applications to the national production queue (idempotent).</summary>
    public static Command Create()
    {
        var municipality = CliContext.MunicipalityOption();
        var send = new Command("send", "Queue every accepted application that has not reached the national production queue (after an interruption)")
        {
            municipality,
        };
        send.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            var code = CliContext.Municipality(runtime, parse.GetValue(municipality));
            await runtime.Stores.MigrateAllAsync(ct);
            await using var db = runtime.Stores.OpenMunicipal(code);
            var sent = await runtime.ApplicationDesk(code).SendAcceptedAsync(db, code, CliContext.Actor, ct);
            await Console.Out.WriteLineAsync($"{sent:N0} accepted application(s) queued for production");
            return 0;
        });
        return new Command("applications", "Card applications (DOMAIN §4)") { send };
    }
}
