using Myna.Testing;

namespace Myna.Cli.Tests;

/// <summary>The scripted contract of <c>myna validate</c>: exit 0 valid, 1 invalid, 2 usage.</summary>
public sealed class CliContractTests
{
    [Theory]
    [InlineData("individual-number", "123456789018", 0)]
    [InlineData("individual-number", "１２３４ ５６７８ ９０１８", 0)]
    [InlineData("individual-number", "621498320258", 1)]
    [InlineData("corporate-number", "5835678256246", 0)]
    [InlineData("corporate-number", "2835678256246", 1)]
    [InlineData("municipality-code", "042021", 0)]
    [InlineData("municipality-code", "042022", 1)]
    public async Task Validate_SingleValue_ExitCodeTellsValidity(string kind, string value, int expected)
    {
        var (exit, output, _) = await MynaCli.RunAsync(null, null, "validate", kind, value);
        Assert.Equal(expected, exit);
        Assert.StartsWith(expected == 0 ? "valid" : "invalid: ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_InvalidValue_PrintsTheRuleThatFailed()
    {
        var (exit, output, _) = await MynaCli.RunAsync(null, null, "validate", "municipality-code", "04202");
        Assert.Equal(1, exit);
        Assert.Contains("6 digits", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("validate", "passport-number", "123")]
    [InlineData("no-such-command")]
    public async Task Validate_UsageError_ExitsTwo(params string[] args)
    {
        var (exit, _, error) = await MynaCli.RunAsync(null, null, args);
        Assert.Equal(2, exit);
        Assert.NotEmpty(error);
    }

    [Fact]
    public async Task Validate_StandardInput_OneResultLinePerValue()
    {
        var (exit, output, _) = await MynaCli.RunAsync(null, "123456789018\n123456789010\n12345\n", "validate", "individual-number", "-");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1, exit);
        Assert.Equal(3, lines.Length);
        Assert.Equal("123456789018\tvalid", lines[0]);
        Assert.StartsWith("123456789010\tinvalid\t", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("12345\tinvalid\t", lines[2], StringComparison.Ordinal);
        Assert.Equal(3, lines[2].Split('\t').Length);
    }

    [Theory]
    [InlineData("init")]
    [InlineData("migrate")]
    [InlineData("demo")]
    [InlineData("import", "residents")]
    [InlineData("residents", "export")]
    [InlineData("number", "assign")]
    [InlineData("audit", "verify")]
    [InlineData("notices", "generate")]
    [InlineData("notices", "posted")]
    [InlineData("notices", "resend")]
    [InlineData("applications", "send")]
    [InlineData("ca", "init")]
    public async Task Commands_Help_DescribesUsage(params string[] command)
    {
        var (exit, output, _) = await MynaCli.RunAsync(null, null, [.. command, "--help"]);
        Assert.Equal(0, exit);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
    }
}
