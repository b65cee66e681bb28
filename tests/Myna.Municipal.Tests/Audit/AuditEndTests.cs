using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Contracts;
using Myna.Core.Protection;
using Myna.Storage.Audit;
using Myna.Testing;

namespace Myna.Municipal.Tests.Audit;

/// <summary>
/// DOMAIN §12: the end of the audit log is witnessed outside the store, by the signed anchor
/// file and the national checkpoint, so records cut off the end are named even when the
/// attacker also deletes the anchor file.
/// </summary>
public sealed class AuditEndTests
{
    private static readonly string AnchorFile = "the anchor file";
    private static readonly string Checkpoint = "the national checkpoint";

    private static AuditLog Audit(TestStores stores) => stores.Runtime.MunicipalAudit(TestStores.Ishinomaki);

    private static AuditAnchor Anchor(TestStores stores) =>
        new(stores.Runtime.Keys.AnchorPath(TestStores.Ishinomaki.Value), stores.Runtime.Keys.Read(TestStores.Ishinomaki.Value, KeyDirectory.Audit));

    private static async Task<TestStores> WithRecordsAsync(string provider, int count)
    {
        var stores = await TestStores.CreateAsync(provider);
        await using var db = stores.OpenMunicipal();
        for (var i = 1; i <= count; i++)
        {
            await Audit(stores).AppendAsync(db, "clerk", AuditActions.NumberRevealed, $"resident:{i}", "tax");
        }
        return stores;
    }

    private static async Task<AuditVerification> VerifyAsync(TestStores stores)
    {
        await using var db = stores.OpenMunicipal();
        return await Audit(stores).VerifyAsync(db);
    }

    private static async Task DeleteFromAsync(TestStores stores, long sequence)
    {
        await using var db = stores.OpenMunicipal();
        await AuditTamper.RunAsync(db, stores.Provider, $"DELETE FROM audit_records WHERE sequence >= {sequence}");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Append_EachCommit_MovesAnchorAndNationalCheckpointToTheNewestRecord(string provider)
    {
        await using var stores = await WithRecordsAsync(provider, 5);

        var anchored = Anchor(stores).Read();
        var checkpoint = await stores.Runtime.AuditCheckpoints().LatestAsync(TestStores.Ishinomaki);

        await using var db = stores.OpenMunicipal();
        var newest = await db.AuditRecords.SingleAsync(r => r.Sequence == 5);
        Assert.Equal(AnchorState.Valid, anchored.State);
        Assert.Equal(5, anchored.Sequence);
        Assert.Equal(newest.Hash, anchored.Hash);
        Assert.Equal(5, checkpoint!.Sequence);
        Assert.Equal(newest.Hash, checkpoint.Hash);
        Assert.True((await VerifyAsync(stores)).IsIntact);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Verify_LastRecordDeleted_IsNamedByAnchorAndCheckpoint(string provider)
    {
        await using var stores = await WithRecordsAsync(provider, 5);
        await DeleteFromAsync(stores, 5);

        var result = await VerifyAsync(stores);

        Assert.Equal([
            new AuditProblem(5, 5, AuditProblemKind.CutFromEnd, AnchorFile),
            new AuditProblem(5, 5, AuditProblemKind.CutFromEnd, Checkpoint),
        ], result.Problems);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Verify_AnchorFileDeleted_IsReportedAndNotRecreated(string provider)
    {
        await using var stores = await WithRecordsAsync(provider, 5);
        File.Delete(Anchor(stores).FilePath);

        var result = await VerifyAsync(stores);

        Assert.Equal([new AuditProblem(1, 5, AuditProblemKind.AnchorMissing)], result.Problems);
        Assert.False(File.Exists(Anchor(stores).FilePath));
        // A later action does not quietly create a new anchor at whatever end the log has now.
        await using (var db = stores.OpenMunicipal())
        {
            await Audit(stores).AppendAsync(db, "clerk", AuditActions.NumberRevealed, "resident:6", "tax");
        }
        Assert.Equal(AnchorState.Missing, Anchor(stores).Read().State);
        Assert.Contains(new AuditProblem(1, 6, AuditProblemKind.AnchorMissing), (await VerifyAsync(stores)).Problems);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Verify_AnchorFileAndLastRecordsDeleted_AreNamedThroughTheNationalCheckpoint(string provider)
    {
        await using var stores = await WithRecordsAsync(provider, 8);
        await DeleteFromAsync(stores, 6);
        File.Delete(Anchor(stores).FilePath);

        var result = await VerifyAsync(stores);

        Assert.Equal([
            new AuditProblem(1, 5, AuditProblemKind.AnchorMissing),
            new AuditProblem(6, 8, AuditProblemKind.CutFromEnd, Checkpoint),
        ], result.Problems);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Verify_EmptyTruncatedOrUnsignedAnchor_IsReportedAsDamaged(string provider)
    {
        await using var stores = await WithRecordsAsync(provider, 3);
        var path = Anchor(stores).FilePath;
        var genuine = await File.ReadAllTextAsync(path);
        await using var db = stores.OpenMunicipal();
        var hash = Convert.ToHexString((await db.AuditRecords.SingleAsync(r => r.Sequence == 3)).Hash);

        foreach (var (content, problem) in new[]
        {
            ("", "the file is empty"),
            (genuine[..(genuine.Length / 2)], "the file is not in the anchor format (truncated or edited)"),
            ("\0\u0001garbage", "the file is not in the anchor format (truncated or edited)"),
            ($"3 {hash}\n", "the file is in the older, unsigned format and cannot be trusted"),
        })
        {
            await File.WriteAllTextAsync(path, content);
            var result = await VerifyAsync(stores);
            Assert.Equal([new AuditProblem(1, 3, AuditProblemKind.AnchorDamaged, problem)], result.Problems);
        }
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Verify_AnchorEditedWithoutTheKey_IsReportedAsForged(string provider)
    {
        await using var stores = await WithRecordsAsync(provider, 5);
        await DeleteFromAsync(stores, 4);
        await using (var db = stores.OpenMunicipal())
        {
            // The attacker points the anchor at the new end, keeping the old signature.
            var hash = Convert.ToHexString((await db.AuditRecords.SingleAsync(r => r.Sequence == 3)).Hash);
            var parts = (await File.ReadAllTextAsync(Anchor(stores).FilePath)).Trim().Split(' ');
            await File.WriteAllTextAsync(Anchor(stores).FilePath, $"{AuditAnchor.Format} 3 {hash} {parts[3]}\n");
        }

        var result = await VerifyAsync(stores);

        Assert.Equal([
            new AuditProblem(3, 3, AuditProblemKind.AnchorForged),
            new AuditProblem(4, 5, AuditProblemKind.CutFromEnd, Checkpoint),
        ], result.Problems);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Append_RolledBack_DoesNotMoveAnchorOrCheckpoint(string provider)
    {
        await using var stores = await WithRecordsAsync(provider, 3);
        await using (var db = stores.OpenMunicipal())
        {
            await using (var rolledBack = await db.Database.BeginTransactionAsync())
            {
                await Audit(stores).AppendAsync(db, "clerk", AuditActions.NumberRevealed, "resident:4", "tax");
                await rolledBack.RollbackAsync();
            }
            await using (var abandoned = await db.Database.BeginTransactionAsync())
            {
                await Audit(stores).AppendAsync(db, "clerk", AuditActions.NumberRevealed, "resident:4", "tax");
                // Disposed without a commit: rolled back.
            }
        }

        Assert.Equal(3, Anchor(stores).Read().Sequence);
        Assert.Equal(3, (await stores.Runtime.AuditCheckpoints().LatestAsync(TestStores.Ishinomaki))!.Sequence);
        Assert.True((await VerifyAsync(stores)).IsIntact);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Append_InsideAnAction_AnchorsOnlyWhenTheActionCommits(string provider)
    {
        await using var stores = await WithRecordsAsync(provider, 3);
        await using var db = stores.OpenMunicipal();
        await using var action = await db.Database.BeginTransactionAsync();
        await Audit(stores).AppendAsync(db, "clerk", AuditActions.NumberRevealed, "resident:4", "tax");
        await Audit(stores).AppendAsync(db, "clerk", AuditActions.NumberRevealed, "resident:5", "tax");
        Assert.Equal(3, Anchor(stores).Read().Sequence);

        await action.CommitAsync();

        Assert.Equal(5, Anchor(stores).Read().Sequence);
        Assert.Equal(5, (await stores.Runtime.AuditCheckpoints().LatestAsync(TestStores.Ishinomaki))!.Sequence);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Append_AfterTheEndWasCut_LeavesTheWitnessesOnTheEvidence(string provider)
    {
        await using var stores = await WithRecordsAsync(provider, 5);
        await DeleteFromAsync(stores, 4);
        await using (var db = stores.OpenMunicipal())
        {
            for (var i = 4; i <= 7; i++)
            {
                await Audit(stores).AppendAsync(db, "intruder", AuditActions.NumberRevealed, $"resident:{i}", "tax");
            }
        }

        var result = await VerifyAsync(stores);

        Assert.Equal(5, Anchor(stores).Read().Sequence);
        Assert.Equal(5, (await stores.Runtime.AuditCheckpoints().LatestAsync(TestStores.Ishinomaki))!.Sequence);
        Assert.Equal([
            new AuditProblem(5, 5, AuditProblemKind.EndRewritten, AnchorFile),
            new AuditProblem(5, 5, AuditProblemKind.EndRewritten, Checkpoint),
        ], result.Problems);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AcceptEnd_AfterInvestigation_IsAuditedAndTheLogVerifiesAgain(string provider)
    {
        await using var stores = await WithRecordsAsync(provider, 6);
        await DeleteFromAsync(stores, 5);
        File.Delete(Anchor(stores).FilePath);
        Assert.False((await VerifyAsync(stores)).IsIntact);

        AuditEndAccepted accepted;
        await using (var db = stores.OpenMunicipal())
        {
            accepted = await Audit(stores).AcceptEndAsync(db, "admin", "restored from the 03:00 backup, records 5-6 lost");
        }

        Assert.Equal(5, accepted.Sequence);
        Assert.Equal(4, accepted.PreviousEnd);
        Assert.Equal(AnchorState.Missing, accepted.AnchorBefore.State);
        Assert.Equal(6, accepted.CheckpointBefore!.Sequence);
        Assert.True((await VerifyAsync(stores)).IsIntact);
        await using var check = stores.OpenMunicipal();
        var record = await check.AuditRecords.SingleAsync(r => r.Sequence == 5);
        Assert.Equal(AuditActions.AuditEndAccepted, record.Action);
        Assert.Equal("restored from the 03:00 backup, records 5-6 lost | the log ended at sequence 4; anchor file: missing; national checkpoint: " +
            accepted.CheckpointBefore, record.Detail);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task NationalCheckpoint_BackwardsOrContradicting_IsRefusedAndTheHeldOneKept(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        var checkpoints = stores.Runtime.AuditCheckpoints();
        var code = TestStores.Ishinomaki;
        var held = new AuditCheckpoint(7, Enumerable.Repeat((byte)7, 32).ToArray());
        await checkpoints.RecordAsync(code, held);
        await checkpoints.RecordAsync(code, held); // the same again: accepted

        var backwards = await Assert.ThrowsAsync<AuditCheckpointRefusedException>(() =>
            checkpoints.RecordAsync(code, new AuditCheckpoint(6, new byte[32])));
        var contradicting = await Assert.ThrowsAsync<AuditCheckpointRefusedException>(() =>
            checkpoints.RecordAsync(code, new AuditCheckpoint(7, new byte[32])));

        Assert.Equal(CheckpointRefusal.Backwards, backwards.Refusal);
        Assert.Equal(CheckpointRefusal.Contradicts, contradicting.Refusal);
        var kept = await checkpoints.LatestAsync(code);
        Assert.Equal(7, kept!.Sequence);
        Assert.Equal(held.Hash, kept.Hash);
        Assert.Null(await checkpoints.LatestAsync(TestStores.Higashimatsushima));

        await checkpoints.RecordAsync(code, new AuditCheckpoint(8, new byte[32]));
        Assert.Equal(8, (await checkpoints.LatestAsync(code))!.Sequence);
        await checkpoints.AcceptAsync(code, new AuditCheckpoint(2, new byte[32]), "accepted after a restore");
        Assert.Equal(2, (await checkpoints.LatestAsync(code))!.Sequence);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task NationalLog_LastRecordDeleted_IsNamedByItsSignedAnchor(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        var audit = stores.Runtime.NationalAudit();
        await using (var db = stores.Runtime.Stores.OpenNational())
        {
            for (var i = 1; i <= 3; i++)
            {
                await audit.AppendAsync(db, "operator", AuditActions.CertificateIssued, $"certificate:{i}");
            }
            Assert.True((await audit.VerifyAsync(db)).IsIntact);
            await AuditTamper.RunAsync(db, provider, "DELETE FROM audit_records WHERE sequence = 3");
        }

        await using var check = stores.Runtime.Stores.OpenNational();
        var result = await audit.VerifyAsync(check);

        Assert.Equal([new AuditProblem(3, 3, AuditProblemKind.CutFromEnd, AnchorFile)], result.Problems);
    }
}
