using System.CommandLine;

namespace Myna.Cli.Commands;

internal static class AuditCommands
{
    /// <summary>
    /// <c>myna audit verify</c>: exit 1 and the sequence numbers of every broken record, of records
    /// cut off the end, and every problem with the anchor file or the national checkpoint.
    /// <c>myna audit accept-end</c>: the administrator's explicit, audited acceptance of the end.
    /// </summary>
    public static Command Create() => new("audit", "The tamper-evident audit logs (DOMAIN §12)") { Verify(), AcceptEnd() };

    private static Command Verify()
    {
        var municipality = CliContext.MunicipalityOption();
        var national = new Option<bool>("--national") { Description = "Only the national side's log" };
        var verify = new Command("verify", "Check the audit logs' hash chains; names every altered, removed or reordered record")
        {
            municipality, national,
        };
        verify.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            CliContext.RequireKeys(runtime);
            var logs = new List<(string Name, Func<Task<Myna.Core.Audit.AuditVerification>> Verify)>();
            var onlyNational = parse.GetValue(national);
            var chosen = parse.GetValue(municipality);
            if (onlyNational || chosen is null)
            {
                logs.Add(("national", async () =>
                {
                    await using var db = runtime.Stores.OpenNational();
                    return await runtime.NationalAudit().VerifyAsync(db, ct);
                }));
            }
            if (!onlyNational)
            {
                var codes = chosen is null
                    ? runtime.Stores.Municipalities.Select(m => m.Code).ToList()
                    : [CliContext.Municipality(runtime, chosen)];
                foreach (var code in codes)
                {
                    logs.Add((code.Value, async () =>
                    {
                        await using var db = runtime.Stores.OpenMunicipal(code);
                        return await runtime.MunicipalAudit(code).VerifyAsync(db, ct);
                    }));
                }
            }
            var intact = true;
            foreach (var (name, run) in logs)
            {
                var result = await run();
                if (result.IsIntact)
                {
                    await Console.Out.WriteLineAsync($"{name}: {result.RecordCount:N0} records, chain intact");
                    continue;
                }
                intact = false;
                await Console.Out.WriteLineAsync($"{name}: {result.RecordCount:N0} records, {result.Problems.Count} problem(s):");
                foreach (var p in result.Problems)
                {
                    await Console.Out.WriteLineAsync($"  {name}: {p}");
                }
            }
            if (!intact)
            {
                await Console.Out.WriteLineAsync("Investigate before anything else (docs/security.md, section 'The audit log'); once the end is understood, 'myna audit accept-end --reason TEXT' records the acceptance.");
            }
            return intact ? 0 : 1;
        });
        return verify;
    }

    /// <summary>Longest reason kept in the audit record and beside the national checkpoint.</summary>
    private const int MaxReasonLength = 500;

    private static Command AcceptEnd()
    {
        var municipality = CliContext.MunicipalityOption();
        var national = new Option<bool>("--national") { Description = "The national side's log instead of a municipality's" };
        var reason = new Option<string>("--reason") { Description = "Why the end is accepted: what was investigated and found (kept in the audit log)", Required = true };
        var command = new Command("accept-end",
            "After investigating what 'audit verify' reported: accept the log's end as it now is. Appends an audited record, " +
            "then moves the anchor file (and the national checkpoint) to it, even backwards")
        {
            municipality, national, reason,
        };
        command.SetAction(async (parse, ct) =>
        {
            var text = parse.GetValue(reason)!.Trim();
            if (text.Length == 0 || text.Length > MaxReasonLength || text.Any(char.IsControl))
            {
                throw new CliException($"--reason: give what was investigated, 1 to {MaxReasonLength} characters on one line, without control characters", 2);
            }
            if (parse.GetValue(national) && parse.GetValue(municipality) is not null)
            {
                throw new CliException("--national and --municipality name different logs: give one", 2);
            }
            var runtime = CliContext.Runtime(parse);
            CliContext.RequireKeys(runtime);
            string name;
            Myna.Storage.Audit.AuditEndAccepted accepted;
            if (parse.GetValue(national))
            {
                name = "national";
                await using var db = runtime.Stores.OpenNational();
                accepted = await runtime.NationalAudit().AcceptEndAsync(db, CliContext.Actor, text, ct);
            }
            else
            {
                var code = CliContext.Municipality(runtime, parse.GetValue(municipality));
                name = code.Value;
                await using var db = runtime.Stores.OpenMunicipal(code);
                accepted = await runtime.MunicipalAudit(code).AcceptEndAsync(db, CliContext.Actor, text, ct);
            }
            await Console.Out.WriteLineAsync(
                $"{name}: end accepted at sequence {accepted.Sequence} (the log ended at sequence {accepted.PreviousEnd}; " +
                $"anchor file was {accepted.AnchorBefore}" +
                (name == "national" ? "" : "; national checkpoint was " + (accepted.CheckpointBefore?.ToString() ?? "none")) + ")");
            return 0;
        });
        return command;
    }
}
