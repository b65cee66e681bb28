using Myna.Testing;

namespace Myna.Cli.Tests;

/// <summary><c>myna idv evaluate</c> as a batch job runs it.</summary>
public sealed class IdvCliTests
{
    [Fact]
    public async Task EvaluatesABatch_PrintsTheMethodOrTheMissingItems_AndSaysByExitCode()
    {
        await using var stores = await TestStores.CreateAsync("sqlite");
        var dir = Directory.CreateTempSubdirectory("myna-idv-");
        var batch = Path.Combine(dir.FullName, "cases.json");
        await File.WriteAllTextAsync(batch, """
            [ { "verifiedOn": "2026-11-24", "documents": [ { "kind": "passport" }, { "kind": "drivers-license" } ] },
              { "verifiedOn": "2026-11-24", "documents": [ { "kind": "drivers-license" } ] } ]
            """);
        var good = Path.Combine(dir.FullName, "good.json");
        await File.WriteAllTextAsync(good, """{ "documents": [ { "kind": "residence-card" } ], "measures": { "chipChecked": true } }""");
        var broken = Path.Combine(dir.FullName, "broken.json");
        await File.WriteAllTextAsync(broken, """{ "documents": [ { "kind": "pasport" } ] }""");

        var mixed = await MynaCli.RunAsync(stores, null, "idv", "evaluate", batch);
        var verified = await MynaCli.RunAsync(stores, null, "idv", "evaluate", good, "--json");
        var fromStdin = await MynaCli.RunAsync(stores, """{ "documents": [] }""", "idv", "evaluate", "-", "--json");
        var unreadable = await MynaCli.RunAsync(stores, null, "idv", "evaluate", broken);

        Assert.Equal(1, mixed.ExitCode);
        Assert.Contains("case 1: verified by method B", mixed.Out, StringComparison.Ordinal);
        Assert.Contains("case 2: not verified; missing:", mixed.Out, StringComparison.Ordinal);
        Assert.Contains("  - method A: PIN entry, an IC-chip check or questioning (聴聞)", mixed.Out, StringComparison.Ordinal);
        Assert.Equal(0, verified.ExitCode);
        Assert.Equal("""{"verified":true,"method":"A","missing":[],"messages":[]}""" + "\n", verified.Out);
        Assert.Equal(1, fromStdin.ExitCode);
        Assert.Contains("\"verified\":false", fromStdin.Out, StringComparison.Ordinal);
        Assert.Contains("1 photo ID (甲) of the applicant", fromStdin.Out, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"idv.gap\"", fromStdin.Out, StringComparison.Ordinal);
        Assert.Contains("本人の甲の書類 1点", fromStdin.Out, StringComparison.Ordinal);
        Assert.Equal(2, unreadable.ExitCode);
        Assert.Contains("$.documents[0].kind: 'pasport' is not a document kind", unreadable.Err, StringComparison.Ordinal);
    }
}
