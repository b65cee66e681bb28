using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Testing;

namespace Myna.Municipal.Tests.Audit;

/// <summary>DOMAIN §12: altered, removed or reordered audit records are caught and named.</summary>
public sealed class AuditTamperTests
{
    private static async Task<TestStores> WithRecordsAsync(string provider, int count)
    {
        var stores = await TestStores.CreateAsync(provider);
        await using var db = stores.OpenMunicipal();
        var audit = stores.Runtime.MunicipalAudit(TestStores.Ishinomaki);
        for (var i = 1; i <= count; i++)
        {
            await audit.AppendAsync(db, "clerk", AuditActions.NumberRevealed, $"resident:{i}", "tax");
        }
        return stores;
    }

    private static Task TamperAsync(MunicipalDb db, string provider, string sql) => AuditTamper.RunAsync(db, provider, sql);

    private static async Task<AuditVerification> VerifyAsync(TestStores stores)
    {
        await using var db = stores.OpenMunicipal();
        return await stores.Runtime.MunicipalAudit(TestStores.Ishinomaki).VerifyAsync(db);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Verify_UntouchedLog_IsIntact(string provider)
    {
        await using var stores = await WithRecordsAsync(provider, 10);
        var result = await VerifyAsync(stores);
        Assert.True(result.IsIntact);
        Assert.Equal(10, result.RecordCount);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Database_RefusesUpdateAndDeleteOfAuditRecords(string provider)
    {
        await using var stores = await WithRecordsAsync(provider, 2);
        await using var db = stores.OpenMunicipal();
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_records SET actor = 'x'"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_records"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Verify_AlteredRecord_IsNamed(string provider)
    {
        await using var stores = await WithRecordsAsync(provider, 10);
        await using (var db = stores.OpenMunicipal())
        {
            await TamperAsync(db, provider, "UPDATE audit_records SET purpose = 'social-security' WHERE sequence = 4");
        }
        var result = await VerifyAsync(stores);
        Assert.Equal([new AuditProblem(4, 4, AuditProblemKind.Altered)], result.Problems);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Verify_RemovedRecords_AreNamed(string provider)
    {
        await using var stores = await WithRecordsAsync(provider, 10);
        await using (var db = stores.OpenMunicipal())
        {
            await TamperAsync(db, provider, "DELETE FROM audit_records WHERE sequence IN (6, 7)");
        }
        var result = await VerifyAsync(stores);
        Assert.Contains(new AuditProblem(6, 7, AuditProblemKind.Missing), result.Problems);
        Assert.Contains(new AuditProblem(8, 8, AuditProblemKind.BrokenLink), result.Problems);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Verify_RecordsCutOffTheEnd_AreNamedThroughTheAnchor(string provider)
    {
        await using var stores = await WithRecordsAsync(provider, 10);
        Assert.True((await VerifyAsync(stores)).IsIntact);
        await using (var db = stores.OpenMunicipal())
        {
            await TamperAsync(db, provider, "DELETE FROM audit_records WHERE sequence >= 8");
        }
        var result = await VerifyAsync(stores);
        Assert.Equal([
            new AuditProblem(8, 10, AuditProblemKind.CutFromEnd, "the anchor file"),
            new AuditProblem(8, 10, AuditProblemKind.CutFromEnd, "the national checkpoint"),
        ], result.Problems);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Verify_ReorderedRecords_AreNamed(string provider)
    {
        await using var stores = await WithRecordsAsync(provider, 10);
        await using (var db = stores.OpenMunicipal())
        {
            // Swap the positions of records 3 and 5 by swapping their sequence numbers.
            await TamperAsync(db, provider,
                "UPDATE audit_records SET sequence = -3 WHERE sequence = 3; " +
                "UPDATE audit_records SET sequence = 3 WHERE sequence = 5; " +
                "UPDATE audit_records SET sequence = 5 WHERE sequence = -3;");
        }
        var result = await VerifyAsync(stores);
        var named = result.Problems.Select(p => p.FirstSequence).ToHashSet();
        Assert.Contains(3, named);
        Assert.Contains(5, named);
        Assert.False(result.IsIntact);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AuditVerifyCommand_TamperedLog_ExitsNonZeroAndNamesTheSequence(string provider)
    {
        await using var stores = await WithRecordsAsync(provider, 6);
        var clean = await MynaCli.RunAsync(stores, null, "audit", "verify");
        Assert.Equal(0, clean.ExitCode);
        Assert.Contains("042021: 6 records, chain intact", clean.Out, StringComparison.Ordinal);
        await using (var db = stores.OpenMunicipal())
        {
            await TamperAsync(db, provider, "UPDATE audit_records SET actor = 'someone-else' WHERE sequence = 2");
        }

        var tampered = await MynaCli.RunAsync(stores, null, "audit", "verify");

        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("sequence 2: record altered", tampered.Out, StringComparison.Ordinal);
    }
}
