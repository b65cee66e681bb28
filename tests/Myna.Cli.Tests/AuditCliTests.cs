using Myna.Core.Audit;
using Myna.Testing;

namespace Myna.Cli.Tests;

/// <summary>
/// <c>myna audit verify</c> and <c>myna audit accept-end</c> through the real process (DOMAIN §12):
/// exit 0 intact, 1 with the findings and their sequence numbers, 2 for usage; never a crash.
/// </summary>
public sealed class AuditCliTests
{
    private static async Task<TestStores> WithRecordsAsync(string provider, int count)
    {
        var stores = await TestStores.CreateAsync(provider);
        await using var db = stores.OpenMunicipal();
        for (var i = 1; i <= count; i++)
        {
            await stores.Runtime.MunicipalAudit(TestStores.Ishinomaki).AppendAsync(db, "clerk", AuditActions.NumberRevealed, $"resident:{i}", "tax");
        }
        return stores;
    }

    private static string AnchorPath(TestStores stores) => stores.Runtime.Keys.AnchorPath(TestStores.Ishinomaki.Value);

    private static async Task DeleteFromAsync(TestStores stores, long sequence)
    {
        await using var db = stores.OpenMunicipal();
        await AuditTamper.RunAsync(db, stores.Provider, $"DELETE FROM audit_records WHERE sequence >= {sequence}");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AuditVerify_LastRecordDeleted_ExitsOneAndNamesTheSequence(string provider)
    {
        await using var stores = await WithRecordsAsync(provider, 4);
        await DeleteFromAsync(stores, 4);

        var (exit, output, _) = await MynaCli.RunAsync(stores, null, "audit", "verify", "-m", "042021");

        Assert.Equal(1, exit);
        Assert.Contains("042021: sequence 4: record(s) removed from the end of the log (the anchor file names sequence 4)", output, StringComparison.Ordinal);
        Assert.Contains("042021: sequence 4: record(s) removed from the end of the log (the national checkpoint names sequence 4)", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AuditVerify_EmptyAnchorFile_ReportsItWithoutCrashing(string provider)
    {
        await using var stores = await WithRecordsAsync(provider, 2);
        await File.WriteAllTextAsync(AnchorPath(stores), "");

        var (exit, output, error) = await MynaCli.RunAsync(stores, null, "audit", "verify");

        Assert.Equal(1, exit);
        Assert.Contains("042021: anchor file damaged: the file is empty; the log holds records up to sequence 2", output, StringComparison.Ordinal);
        Assert.Empty(error);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AuditVerify_AnchorAndLastRecordsDeleted_NamesThemThroughTheNationalCheckpoint(string provider)
    {
        await using var stores = await WithRecordsAsync(provider, 6);
        await DeleteFromAsync(stores, 5);
        File.Delete(AnchorPath(stores));

        var (exit, output, _) = await MynaCli.RunAsync(stores, null, "audit", "verify", "-m", "042021");

        Assert.Equal(1, exit);
        Assert.Contains("042021: anchor file missing while the log holds records up to sequence 4", output, StringComparison.Ordinal);
        Assert.Contains("042021: sequence 5-6: record(s) removed from the end of the log (the national checkpoint names sequence 6)", output, StringComparison.Ordinal);
        Assert.False(File.Exists(AnchorPath(stores))); // verify never re-anchors
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AuditAcceptEnd_AfterInvestigation_IsAuditedAndVerifyPassesAgain(string provider)
    {
        await using var stores = await WithRecordsAsync(provider, 3);
        await DeleteFromAsync(stores, 3);

        var (acceptExit, acceptOut, acceptError) = await MynaCli.RunAsync(stores, null,
            "audit", "accept-end", "-m", "042021", "--reason", "record 3 lost in the disk failure of 2026-12-06");
        var (verifyExit, verifyOut, _) = await MynaCli.RunAsync(stores, null, "audit", "verify", "-m", "042021");

        Assert.True(acceptExit == 0, acceptError);
        Assert.Contains("042021: end accepted at sequence 3 (the log ended at sequence 2; anchor file was sequence 3; national checkpoint was sequence 3", acceptOut, StringComparison.Ordinal);
        Assert.Equal(0, verifyExit);
        Assert.Contains("042021: 3 records, chain intact", verifyOut, StringComparison.Ordinal);
        await using var db = stores.OpenMunicipal();
        var accepted = Assert.Single(db.AuditRecords.Where(r => r.Action == AuditActions.AuditEndAccepted));
        Assert.StartsWith("cli:", accepted.Actor, StringComparison.Ordinal);
        Assert.StartsWith("record 3 lost in the disk failure of 2026-12-06 | the log ended at sequence 2", accepted.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AuditAcceptEnd_BlankReason_ExitsTwoAndChangesNothing(string provider)
    {
        await using var stores = await WithRecordsAsync(provider, 2);
        var anchor = await File.ReadAllTextAsync(AnchorPath(stores));

        var (exit, _, error) = await MynaCli.RunAsync(stores, null, "audit", "accept-end", "--reason", "  ");

        Assert.Equal(2, exit);
        Assert.Contains("--reason", error, StringComparison.Ordinal);
        Assert.Equal(anchor, await File.ReadAllTextAsync(AnchorPath(stores)));
        await using var db = stores.OpenMunicipal();
        Assert.Equal(2, db.AuditRecords.Count());
    }
}
