using System.CommandLine;

namespace Myna.Cli.Commands;

internal static class SetupCommands
{
    /// <summary><c>myna init</c>: creates missing key files and the stores; never replaces an existing key.</summary>
    public static Command Init()
    {
        var command = new Command("init", "Create the key files (outside the databases) and migrate every store; existing keys are kept");
        command.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            var created = runtime.EnsureKeys();
            await Console.Out.WriteLineAsync(created.Count == 0
                ? $"keys: all present under {runtime.Keys.Root}"
                : $"keys: created {string.Join(", ", created)} under {runtime.Keys.Root}");
            await runtime.Stores.MigrateAllAsync(ct);
            await Console.Out.WriteLineAsync($"store national: {runtime.Stores.Describe("national")}");
            foreach (var m in runtime.Stores.Municipalities)
            {
                await Console.Out.WriteLineAsync($"store {m.Code.Value} {m.Name}: {runtime.Stores.Describe(m.Code.Value)}");
            }
            return 0;
        });
        return command;
    }

    /// <summary><c>myna migrate</c>: applies pending migrations to every store.</summary>
    public static Command Migrate()
    {
        var command = new Command("migrate", "Apply pending database migrations to the national store and every municipality's store");
        command.SetAction(async (parse, ct) =>
        {
            var runtime = CliContext.Runtime(parse);
            await runtime.Stores.MigrateAllAsync(ct);
            await Console.Out.WriteLineAsync($"migrated {runtime.Stores.Municipalities.Count + 1} stores ({runtime.Stores.Options.Provider})");
            return 0;
        });
        return command;
    }
}
