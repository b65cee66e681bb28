using System.CommandLine;
using Myna.Core.Identifiers;

namespace Myna.Cli.Commands;

/// <summary>
/// <c>myna validate KIND VALUE</c>: a scripting contract. Exit 0 valid, 1 invalid (reason on
/// stdout), 2 usage. With VALUE "-", one value per line from stdin, one result line each:
/// <c>VALUE&lt;TAB&gt;valid</c> or <c>VALUE&lt;TAB&gt;invalid&lt;TAB&gt;reason</c>.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var kind = new Argument<string>("kind")
        {
            Description = "individual-number | corporate-number | municipality-code | resident-code",
        };
        kind.AcceptOnlyFromAmong([.. IdentifierKinds.Names]);
        var value = new Argument<string>("value") { Description = "The value to check, or - to read one value per line from standard input" };
        var command = new Command("validate", "Check an identifier's length, digits and check digit (DOMAIN §1)") { kind, value };
        command.SetAction(async (parse, ct) =>
        {
            var k = parse.GetRequiredValue(kind);
            var v = parse.GetRequiredValue(value);
            if (v != "-")
            {
                var problem = IdentifierKinds.Validate(k, v);
                await Console.Out.WriteLineAsync(problem is null ? "valid" : "invalid: " + problem.Value.Message);
                return problem is null ? 0 : 1;
            }
            var allValid = true;
            string? line;
            while ((line = await Console.In.ReadLineAsync(ct)) is not null)
            {
                var problem = IdentifierKinds.Validate(k, line);
                allValid &= problem is null;
                await Console.Out.WriteLineAsync(problem is null ? $"{line}\tvalid" : $"{line}\tinvalid\t{problem.Value.Message}");
            }
            return allValid ? 0 : 1;
        });
        return command;
    }
}
