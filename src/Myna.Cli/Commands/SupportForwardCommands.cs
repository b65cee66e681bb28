using System.CommandLine;
using System.Globalization;
using Myna.Municipal.SupportMeasures;

namespace Myna.Cli.Commands;

/// <summary>
/// <c>myna support-forward send|list</c>: the support-measure officer's forwards to other municipalities (DOMAIN §9).
/// A forward is recorded, then delivered at once; one that cannot be delivered waits in the outbox and is retried
/// (<c>myna outbox deliver</c>, or the web host every 15 s) until the receiver acknowledges it.
/// </summary>
internal static class SupportForwardCommands
{
    public static Command Create()
    {
        var sendMunicipality = CliContext.MunicipalityOption();
        var measure = new Argument<long>("measure-id") { Description = "The measure's id (as on the officer's page)" };
        var to = new Option<string>("--to") { Description = "The receiving municipality's code (6 digits, 地方公共団体コード)", Required = true };
        var send = new Command("send", "Forward a support measure to a named municipality") { measure, to, sendMunicipality };
        send.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            CliContext.RequireKeys(runtime);
            var code = CliContext.Municipality(runtime, parse.GetValue(sendMunicipality));
            await runtime.Stores.MigrateAllAsync(ct);
            await using var db = runtime.Stores.OpenMunicipal(code);
            try
            {
                var row = await runtime.SupportMeasureForwarding(code).ForwardToAsync(db, parse.GetValue(measure), parse.GetValue(to), CliContext.Actor, ct);
                await Console.Out.WriteLineAsync(row.AcknowledgedAt is null
                    ? $"forward to {row.Destination} recorded; waiting for delivery (retried until acknowledged: myna outbox status)"
                    : $"forwarded to {row.Destination}, acknowledged: {row.Receipt}");
                return row.AcknowledgedAt is null ? 2 : 0;
            }
            catch (SupportMeasureException e)
            {
                throw new CliException($"{e.Field}: {e.Text.En}");
            }
        });

        var listMunicipality = CliContext.MunicipalityOption();
        var listMeasure = new Argument<long>("measure-id") { Description = "The measure's id" };
        var list = new Command("list", "Show where a support measure was forwarded and whether each forward was acknowledged") { listMeasure, listMunicipality };
        list.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            var code = CliContext.Municipality(runtime, parse.GetValue(listMunicipality));
            await runtime.Stores.MigrateAllAsync(ct);
            await using var db = runtime.Stores.OpenMunicipal(code);
            foreach (var f in await SupportMeasureForwarding.ForwardsAsync(db, parse.GetValue(listMeasure), ct))
            {
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{f.Destination} {SupportMeasureForwarding.ReasonName(f.Reason)} recorded {f.RecordedAt:yyyy-MM-dd HH:mm:ss}Z ")
                    + (f.Waiting
                        ? string.Create(CultureInfo.InvariantCulture, $"WAITING, {f.Attempts} attempt(s)") + (f.LastError is null ? "" : ": " + f.LastError)
                        : string.Create(CultureInfo.InvariantCulture, $"acknowledged {f.AcknowledgedAt:yyyy-MM-dd HH:mm:ss}Z: {f.Receipt}")));
            }
            return 0;
        });

        return new Command("support-forward", "Forwards of support measures to other municipalities (DOMAIN §9)") { send, list };
    }
}
