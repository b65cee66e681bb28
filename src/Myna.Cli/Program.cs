using System.CommandLine;
using Myna.Cli;
using Myna.Cli.Commands;

// `myna`: administration and batch jobs. Exit codes: 0 success, 1 failure or invalid input,
// 2 usage error (unknown command, missing argument, bad option value).
// Before anything can create a file: databases, keys, print data and exports are the owner's alone (DOMAIN §12).
Myna.Storage.PrivateFiles.RestrictUmask();
Console.OutputEncoding = System.Text.Encoding.UTF8;
var root = new RootCommand("Myna — Individual Number card operations for municipalities (administration CLI)");
root.Options.Add(CliContext.ConfigOption);
root.Subcommands.Add(ValidateCommand.Create());
root.Subcommands.Add(SetupCommands.Init());
root.Subcommands.Add(SetupCommands.Migrate());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(ResidentCommands.Import());
root.Subcommands.Add(ResidentCommands.Residents());
root.Subcommands.Add(NumberCommands.Create());
root.Subcommands.Add(NoticeCommands.Create());
root.Subcommands.Add(ApplicationCommands.Create());
root.Subcommands.Add(CaCommands.Create());
root.Subcommands.Add(VerifyCommand.Create());
root.Subcommands.Add(VerifierCommands.Create());
root.Subcommands.Add(CardCommands.Create());
root.Subcommands.Add(IdvCommands.Create());
root.Subcommands.Add(ProductionCommands.Production());
root.Subcommands.Add(ProductionCommands.Delivery());
root.Subcommands.Add(IssuanceCommands.Create());
root.Subcommands.Add(LifecycleCommands.Create());
root.Subcommands.Add(SupportMeasureCommands.Create());
root.Subcommands.Add(ReportCommands.Report());
root.Subcommands.Add(ReportCommands.Plan());
root.Subcommands.Add(AuditCommands.Create());
root.Subcommands.Add(StaffCommands.Create());
root.Subcommands.Add(OutboxCommands.Create());
root.Subcommands.Add(SupportForwardCommands.Create());
root.Subcommands.Add(NetworkCommands.Create());

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        await Console.Error.WriteLineAsync("error: " + error.Message);
    }
    await Console.Error.WriteLineAsync("Run 'myna --help' (or 'myna COMMAND --help') for usage.");
    return 2;
}
try
{
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (CliException e)
{
    await Console.Error.WriteLineAsync("error: " + e.Message);
    return e.ExitCode;
}
