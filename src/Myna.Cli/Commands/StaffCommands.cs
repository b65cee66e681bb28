using System.CommandLine;
using Myna.Core.Staff;
using Myna.Data.Staff;

namespace Myna.Cli.Commands;

internal static class StaffCommands
{
    /// <summary><c>myna staff add USER --name NAME --role ROLE</c>; the password is read from standard input.</summary>
    public static Command Create()
    {
        var municipality = CliContext.MunicipalityOption();
        var user = new Argument<string>("user") { Description = "Sign-in name" };
        var name = new Option<string>("--name") { Description = "Display name", Required = true };
        var role = new Option<string[]>("--role") { Description = $"One or more of: {string.Join(", ", StaffRoles.All)}", Required = true, AllowMultipleArgumentsPerToken = true };
        var add = new Command("add", "Create a staff account or reset its password and roles (password read from standard input)")
        {
            user, name, role, municipality,
        };
        add.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            var code = CliContext.Municipality(runtime, parse.GetValue(municipality));
            var password = (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r') ?? "";
            if (password.Length < 12)
            {
                throw new CliException("the password (read from standard input) must have at least 12 characters");
            }
            await runtime.Stores.MigrateAllAsync(ct);
            await using var db = runtime.Stores.OpenMunicipal(code);
            try
            {
                await StaffSignIn.EnsureAccountAsync(db, parse.GetRequiredValue(user), parse.GetRequiredValue(name), password,
                    parse.GetRequiredValue(role), runtime.Time, ct);
            }
            catch (ArgumentException e)
            {
                throw new CliException(e.Message, 2);
            }
            await Console.Out.WriteLineAsync($"staff account '{parse.GetRequiredValue(user)}' ready");
            return 0;
        });
        return new Command("staff", "Staff accounts") { add };
    }
}
