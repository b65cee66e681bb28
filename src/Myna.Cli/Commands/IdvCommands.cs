using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Myna.Core.Calendar;
using Myna.Core.Issuance;

namespace Myna.Cli.Commands;

/// <summary><c>myna idv evaluate FILE.json</c>: identity-verification cases (DOMAIN §6.5) in batch, in the JSON form of docs/identity-verification.md.</summary>
internal static class IdvCommands
{
    private static readonly JsonSerializerOptions Output = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "A JSON case, or an array of cases; '-' reads standard input" };
        var json = new Option<bool>("--json") { Description = "Print one JSON result per line ({\"verified\",\"method\",\"missing\"})" };
        var evaluate = new Command("evaluate", "Evaluate identity-verification cases: the method that holds, or exactly what is missing. " +
            "Exit code 0 when every case is verified, 1 when one is not, 2 when the file cannot be read")
        {
            file, json,
        };
        evaluate.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            string text;
            try
            {
                text = path == "-" ? await Console.In.ReadToEndAsync(ct) : await File.ReadAllTextAsync(path, ct);
            }
            catch (IOException e)
            {
                throw new CliException($"{path}: {e.Message}", 2);
            }
            IReadOnlyList<VerificationCase> cases;
            try
            {
                cases = VerificationCaseJson.ReadAll(text, JapanClock.Today(TimeProvider.System));
            }
            catch (VerificationCaseFormatException e)
            {
                throw new CliException($"{path}: {e.Message}", 2);
            }
            var allVerified = true;
            for (var i = 0; i < cases.Count; i++)
            {
                var result = IdentityVerification.Evaluate(cases[i]);
                allVerified &= result.Verified;
                var prefix = cases.Count > 1 ? $"case {i + 1}: " : "";
                if (parse.GetValue(json))
                {
                    await Console.Out.WriteLineAsync(JsonSerializer.Serialize(result.ToAnswer(), Output));
                }
                else if (result.Verified)
                {
                    await Console.Out.WriteLineAsync($"{prefix}verified by method {result.Method}");
                }
                else
                {
                    await Console.Out.WriteLineAsync($"{prefix}not verified; missing:");
                    foreach (var m in result.Missing)
                    {
                        await Console.Out.WriteLineAsync("  - " + m.En);
                    }
                }
            }
            return allVerified ? 0 : 1;
        });
        return new Command("idv", "Identity verification at the window (DOMAIN §6.5)") { evaluate };
    }
}
