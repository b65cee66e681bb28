using System.CommandLine;
using Myna.Core.Staff;
using Myna.Core.Text;
using Myna.Storage.Staff;

namespace Myna.Cli.Commands;

internal static class StaffCommands
{
    /// <summary>
    /// <c>myna staff add USER --name NAME --role ROLE</c> (a municipality's staff) or
    /// <c>myna staff add USER --name NAME --national</c> (a J-LIS operator, in the national store);
    /// the password is read from standard input.
    /// </summary>
    public static Command Create()
    {
        var municipality = CliContext.MunicipalityOption();
        var user = new Argument<string>("user") { Description = "Sign-in name" };
        var name = new Option<string>("--name") { Description = "Display name", Required = true };
        var role = new Option<string[]>("--role") { Description = $"One or more of: {string.Join(", ", StaffRoles.All)}", AllowMultipleArgumentsPerToken = true };
        var national = new Option<bool>("--national") { Description = "A J-LIS operator of the national side (certificate operations) instead of a municipality's staff" };
        var add = new Command("add", "Create a staff account or reset its password and roles (password read from standard input)")
        {
            user, name, role, municipality, national,
        };
        add.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            var isNational = parse.GetValue(national);
            var roles = parse.GetValue(role) ?? [];
            if (isNational == roles.Length > 0)
            {
                throw new CliException(isNational ? "--national takes no --role: an operator has the J-LIS operator role" : "give --role (or --national for a J-LIS operator)", 2);
            }
            var code = isNational ? default : CliContext.Municipality(runtime, parse.GetValue(municipality));
            var password = (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r') ?? "";
            if (password.Length < 12)
            {
                throw new CliException("the password (read from standard input) must have at least 12 characters");
            }
            // The limits of the sign-in form and the token endpoint (docs/security.md, section 'Input limits'), so the account can always sign in.
            if ((FieldLimits.Check("userName", parse.GetRequiredValue(user)) ?? FieldLimits.Check("displayName", parse.GetRequiredValue(name))
                ?? FieldLimits.Check("password", password)) is { } problem)
            {
                throw new CliException(problem.Message, 2);
            }
            await runtime.Stores.MigrateAllAsync(ct);
            try
            {
                if (isNational)
                {
                    await using var db = runtime.Stores.OpenNational();
                    await StaffSignIn.EnsureOperatorAsync(db, parse.GetRequiredValue(user), parse.GetRequiredValue(name), password, runtime.Time, ct);
                }
                else
                {
                    await using var db = runtime.Stores.OpenMunicipal(code);
                    await StaffSignIn.EnsureAccountAsync(db, parse.GetRequiredValue(user), parse.GetRequiredValue(name), password, roles, runtime.Time, ct);
                }
            }
            catch (ArgumentException e)
            {
                throw new CliException(e.Message, 2);
            }
            await Console.Out.WriteLineAsync($"staff account '{parse.GetRequiredValue(user)}' ready");
            return 0;
        });
        return new Command("staff", "Staff accounts") { add, Disable("disable", disabled: true), Disable("enable", disabled: false) };
    }

    /// <summary>
    /// <c>myna staff disable USER [--national]</c>: the account can no longer sign in and its open
    /// sessions and tokens end at once; <c>myna staff enable USER</c> lets it sign in again.
    /// </summary>
    private static Command Disable(string verb, bool disabled)
    {
        var municipality = CliContext.MunicipalityOption();
        var user = new Argument<string>("user") { Description = "Sign-in name" };
        var national = new Option<bool>("--national") { Description = "A J-LIS operator's account (national store)" };
        var command = new Command(verb, disabled
            ? "Disable a staff account: no sign-in, and its open sessions and tokens end at once"
            : "Enable a disabled staff account again")
        {
            user, municipality, national,
        };
        command.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            await runtime.Stores.MigrateAllAsync(ct);
            var name = parse.GetRequiredValue(user);
            bool found;
            if (parse.GetValue(national))
            {
                await using var db = runtime.Stores.OpenNational();
                found = await new StaffSignIn(runtime.NationalAudit(), runtime.Time).SetDisabledAsync(db, name, disabled, CliContext.Actor, ct);
            }
            else
            {
                var code = CliContext.Municipality(runtime, parse.GetValue(municipality));
                await using var db = runtime.Stores.OpenMunicipal(code);
                found = await new StaffSignIn(runtime.MunicipalAudit(code), runtime.Time).SetDisabledAsync(db, name, disabled, CliContext.Actor, ct);
            }
            if (!found)
            {
                throw new CliException($"no staff account '{name}'", 2);
            }
            await Console.Out.WriteLineAsync($"staff account '{name}' {(disabled ? "disabled; its sessions have ended" : "enabled")}");
            return 0;
        });
        return command;
    }
}
