using System.CommandLine;

namespace Myna.Cli.Commands;

internal static class AuditCommands
{
    /// <summary><c>myna audit verify</c>: exit 1 and the sequence numbers of every broken record.</summary>
    public static Command Create()
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
            return intact ? 0 : 1;
        });
        return new Command("audit", "The tamper-evident audit logs (DOMAIN §12)") { verify };
    }
}
