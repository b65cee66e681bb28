using System.CommandLine;

namespace Myna.Cli.Commands;

internal static class ResidentCommands
{
    /// <summary><c>myna import residents FILE</c>: all or nothing; every bad row reported.</summary>
    public static Command Import()
    {
        var municipality = CliContext.MunicipalityOption();
        var file = new Argument<FileInfo>("file") { Description = "Resident CSV (docs/resident-csv.md)" };
        file.AcceptExistingOnly();
        var encoding = new Option<string>("--encoding") { Description = "utf-8, cp932 (Shift_JIS) or auto", DefaultValueFactory = _ => "auto" };
        var residents = new Command("residents", "Import residents from a CSV file: the whole file or nothing; importing it again changes nothing")
        {
            file, municipality, encoding,
        };
        residents.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            var code = CliContext.Municipality(runtime, parse.GetValue(municipality));
            CliContext.RequireKeys(runtime);
            await runtime.Stores.MigrateAllAsync(ct);
            await using var db = runtime.Stores.OpenMunicipal(code);
            var path = parse.GetRequiredValue(file).FullName;
            var progress = new Progress<long>(n => Console.Error.Write(Console.IsErrorRedirected ? "" : $"\rimport: {n:N0} rows checked"));
            var result = await runtime.ResidentImporter(code).ImportCsvAsync(db, path, parse.GetValue(encoding), CliContext.Actor, progress, ct);
            if (!Console.IsErrorRedirected)
            {
                await Console.Error.WriteLineAsync();
            }
            if (!result.Succeeded)
            {
                foreach (var p in result.Problems)
                {
                    await Console.Out.WriteLineAsync(p.ToString());
                }
                var more = result.ProblemCount - result.Problems.Count;
                await Console.Out.WriteLineAsync(more > 0
                    ? $"{result.ProblemCount:N0} problems ({more:N0} not listed); nothing was imported"
                    : $"{result.ProblemCount:N0} problem(s); nothing was imported");
                return 1;
            }
            await Console.Out.WriteLineAsync($"imported {result.Rows:N0} rows: {result.Added:N0} added, {result.Changed:N0} changed, {result.Unchanged:N0} unchanged");
            return 0;
        });
        return new Command("import", "Import data into the register") { residents };
    }

    /// <summary><c>myna residents export FILE [--include-numbers --purpose CODE]</c>.</summary>
    public static Command Residents()
    {
        var municipality = CliContext.MunicipalityOption();
        var file = new Argument<string>("file") { Description = "Output CSV path (written completely or not at all)" };
        var includeNumbers = new Option<bool>("--include-numbers") { Description = "Add the individual_number column (needs --purpose; audited)" };
        var purpose = new Option<string?>("--purpose") { Description = "Registered purpose code for including numbers (DOMAIN §12)" };
        var encoding = new Option<string>("--encoding") { Description = "utf-8 or cp932", DefaultValueFactory = _ => "utf-8" };
        var export = new Command("export", "Export the register in the import format") { file, municipality, includeNumbers, purpose, encoding };
        export.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            var code = CliContext.Municipality(runtime, parse.GetValue(municipality));
            var withNumbers = parse.GetValue(includeNumbers);
            var purposeCode = parse.GetValue(purpose);
            if (withNumbers && !runtime.Purposes.TryGet(purposeCode, out _))
            {
                throw new CliException(purposeCode is null
                    ? $"--include-numbers needs --purpose; registered purposes: {string.Join(", ", runtime.Purposes.All.Select(p => p.Code))}"
                    : $"'{purposeCode}' is not a registered purpose; registered: {string.Join(", ", runtime.Purposes.All.Select(p => p.Code))}", 2);
            }
            if (!withNumbers && purposeCode is not null)
            {
                throw new CliException("--purpose is only meaningful with --include-numbers", 2);
            }
            CliContext.RequireKeys(runtime);
            await using var db = runtime.Stores.OpenMunicipal(code);
            var exporter = new Myna.Municipal.Residents.ResidentExporter(runtime.Protector(code), runtime.MunicipalAudit(code), runtime.Purposes, runtime.Time);
            try
            {
                // DOMAIN §9: the command line signs in nobody as the support-measure officer, so a withheld address is never written in clear.
                var rows = await exporter.ExportAsync(db, parse.GetRequiredValue(file), parse.GetValue(encoding), withNumbers, purposeCode,
                    new Myna.Municipal.Residents.Reader(CliContext.Actor, MaySeeProtected: false), ct);
                await Console.Out.WriteLineAsync($"exported {rows:N0} residents to {parse.GetRequiredValue(file)}{(withNumbers ? " with individual numbers (audited)" : "")}");
                if (exporter.Withheld > 0)
                {
                    await Console.Out.WriteLineAsync($"{exporter.Withheld:N0} address(es) withheld under a support measure (DOMAIN §9): written as {Myna.Core.Residents.AddressProtection.Hidden} " +
                        "with address_withheld=1; importing the file keeps the stored address of those rows");
                }
            }
            catch (InvalidOperationException e)
            {
                throw new CliException(e.Message);
            }
            catch (ArgumentException e)
            {
                throw new CliException(e.Message, 2);
            }
            return 0;
        });
        return new Command("residents", "Work with the resident register") { export };
    }
}
