using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Identifiers;
using Myna.Hosting;

namespace Myna.Cli.Commands;

/// <summary>
/// <c>myna outbox status|deliver|retry</c>: the changes each municipality sends to another store
/// (ARCHITECTURE principle 3). Without --municipality, every municipality of the host.
/// </summary>
internal static class OutboxCommands
{
    public static Command Create()
    {
        var statusMunicipality = CliContext.MunicipalityOption();
        var status = new Command("status", "Show each municipality's outbox: messages acknowledged, waiting for delivery, refused") { statusMunicipality };
        status.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            await runtime.Stores.MigrateAllAsync(ct);
            var stuck = 0;
            foreach (var code in Selected(runtime, parse.GetValue(statusMunicipality)))
            {
                await using var db = runtime.Stores.OpenMunicipal(code);
                var counts = await Myna.Storage.Outbox.Outbox.CountAsync(db, ct);
                await Console.Out.WriteLineAsync($"{code.Value}: {counts.Acknowledged:N0} acknowledged, {counts.Pending:N0} waiting, {counts.Refused:N0} refused");
                foreach (var m in await Myna.Storage.Outbox.Outbox.OpenAsync(db, ct))
                {
                    stuck++;
                    var state = m.RefusedAt is null ? "waiting" : "REFUSED";
                    await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"  {m.MessageId} {state} {m.Kind} to {m.Destination} since {m.CreatedAt:yyyy-MM-dd HH:mm:ss}Z, {m.Attempts} attempt(s)")
                        + (m.LastError is null ? "" : ": " + m.LastError));
                }
            }
            return stuck == 0 ? 0 : 1;
        });

        var deliverMunicipality = CliContext.MunicipalityOption();
        var deliver = new Command("deliver", "Deliver every waiting message now, in order (safe to run again: receivers take each message once)")
        {
            deliverMunicipality,
        };
        deliver.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            CliContext.RequireKeys(runtime);
            await runtime.Stores.MigrateAllAsync(ct);
            var left = 0;
            foreach (var code in Selected(runtime, parse.GetValue(deliverMunicipality)))
            {
                var round = await runtime.Outbox(code).DeliverAsync(ct);
                left += round.Waiting + round.Refused;
                await Console.Out.WriteLineAsync($"{code.Value}: {round.Delivered:N0} delivered, {round.Refused:N0} refused, {round.Waiting:N0} still waiting");
                foreach (var problem in round.Problems)
                {
                    await Console.Error.WriteLineAsync("  " + problem);
                }
            }
            return left == 0 ? 0 : 1;
        });

        var retryMunicipality = CliContext.MunicipalityOption();
        var messageId = new Argument<Guid>("message-id") { Description = "The refused message's ID (from `myna outbox status`)" };
        var retry = new Command("retry", "Put a refused message back in line, once the cause of the refusal has been dealt with") { messageId, retryMunicipality };
        retry.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            var code = CliContext.Municipality(runtime, parse.GetValue(retryMunicipality));
            await runtime.Stores.MigrateAllAsync(ct);
            await using var db = runtime.Stores.OpenMunicipal(code);
            var id = parse.GetValue(messageId);
            var changed = await db.OutboxMessages.Where(m => m.MessageId == id && m.RefusedAt != null && m.AcknowledgedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.RefusedAt, (DateTimeOffset?)null), ct);
            if (changed == 0)
            {
                throw new CliException($"no refused message {id} in the outbox of {code.Value}");
            }
            await Console.Out.WriteLineAsync($"message {id} is waiting again; `myna outbox deliver` sends it");
            return 0;
        });
        return new Command("outbox", "Changes sent to other stores: the national side and other municipalities (ARCHITECTURE principle 3)")
        {
            status, deliver, retry,
        };
    }

    private static List<MunicipalityCode> Selected(MynaRuntime runtime, string? municipality) => municipality is null
        ? runtime.Stores.Municipalities.Select(m => m.Code).ToList()
        : [CliContext.Municipality(runtime, municipality)];
}
