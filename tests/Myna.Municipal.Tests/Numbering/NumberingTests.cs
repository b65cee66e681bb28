using Microsoft.EntityFrameworkCore;
using Myna.Core.Identifiers;
using Myna.Municipal.Residents;
using Myna.Testing;
using static Myna.Testing.RegisterScenarios;

namespace Myna.Municipal.Tests.Numbering;

public sealed class NumberingTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Assign_NumbersEveryResidentOnceWithDistinctValidNumbers(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        await LoadAsync(stores, 300);
        await using var db = stores.OpenMunicipal();

        var summary = await stores.Runtime.NumberAssignment(TestStores.Ishinomaki).RunAsync(db, TestStores.Ishinomaki, "test");

        Assert.Equal(300, summary.Numbered);
        await AssertEveryActiveResidentHasExactlyOneDistinctNumber(stores);
        var run = await db.NumberingRuns.SingleAsync();
        Assert.Equal((300, 300), (run.Pending, run.Done));
        Assert.NotNull(run.FinishedAt);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Assign_RunAgain_NumbersOnlyNewResidents(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        await LoadAsync(stores, 50);
        await using var db = stores.OpenMunicipal();
        var assignment = stores.Runtime.NumberAssignment(TestStores.Ishinomaki);
        await assignment.RunAsync(db, TestStores.Ishinomaki, "test");
        var before = await db.ResidentNumbers.Select(n => n.LookupHash).ToListAsync();

        var second = await assignment.RunAsync(db, TestStores.Ishinomaki, "test");

        Assert.Equal(0, second.Numbered);
        Assert.Equal(50, second.AlreadyNumbered);
        Assert.Equal(before.Count, await db.ResidentNumbers.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Assign_NationalSideAlreadyAnswered_GivesTheSameNumbersAgain(string provider)
    {
        // A crash between the national answer and the municipal commit: the national side has
        // recorded the numbers, the municipality has not. The rerun must get the same numbers.
        await using var stores = await TestStores.CreateAsync(provider);
        await LoadAsync(stores, 40);
        await using var db = stores.OpenMunicipal();
        var codes = await db.Residents.OrderBy(r => r.Id).Select(r => r.ResidentCode).ToListAsync();
        var national = stores.Runtime.NationalNumbering();
        var first = await national.AssignAsync(TestStores.Ishinomaki, codes.Take(20).Select(ResidentCode.Parse).ToList());

        await stores.Runtime.NumberAssignment(TestStores.Ishinomaki).RunAsync(db, TestStores.Ishinomaki, "test");

        var protector = stores.Runtime.Protector(TestStores.Ishinomaki);
        var ids = await db.Residents.OrderBy(r => r.Id).Select(r => r.Id).Take(20).ToListAsync();
        for (var i = 0; i < 20; i++)
        {
            var stored = await db.ResidentNumbers.SingleAsync(n => n.ResidentId == ids[i] && n.IsCurrent);
            Assert.Equal(first[i], protector.Unprotect(stored.Cipher, ids[i]));
        }
        await AssertEveryActiveResidentHasExactlyOneDistinctNumber(stores);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Change_GivesANewNumberAndKeepsTheOldOneAsRetiredHistory(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        await LoadAsync(stores, 5);
        await using var db = stores.OpenMunicipal();
        var assignment = stores.Runtime.NumberAssignment(TestStores.Ishinomaki);
        await assignment.RunAsync(db, TestStores.Ishinomaki, "test");
        var id = await db.Residents.OrderBy(r => r.Id).Select(r => r.Id).FirstAsync();
        var protector = stores.Runtime.Protector(TestStores.Ishinomaki);
        var old = protector.Unprotect((await db.ResidentNumbers.AsNoTracking().SingleAsync(n => n.ResidentId == id)).Cipher, id);

        await assignment.ChangeAsync(db, TestStores.Ishinomaki, id, "leaked in a phishing incident", "test");

        var history = await db.ResidentNumbers.AsNoTracking().Where(n => n.ResidentId == id).OrderBy(n => n.Id).ToListAsync();
        Assert.Equal(2, history.Count);
        Assert.False(history[0].IsCurrent);
        Assert.Equal("leaked in a phishing incident", history[0].RetiredReason);
        Assert.True(history[1].IsCurrent);
        var changed = protector.Unprotect(history[1].Cipher, id);
        Assert.NotEqual(old, changed);
        Assert.Equal(old, protector.Unprotect(history[0].Cipher, id));
        await AssertEveryActiveResidentHasExactlyOneDistinctNumber(stores);
        Assert.Contains(await db.AuditRecords.Select(a => a.Action).ToListAsync(), a => a == "number.change");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task NationalSide_AfterAChange_AnswersTheChangedNumberAndNeverReissuesTheOldOne(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        var national = stores.Runtime.NationalNumbering();
        var code = ResidentCode.FromBody(1234567890);
        var first = Assert.Single(await national.AssignAsync(TestStores.Ishinomaki, [code]));

        var second = await national.ChangeAsync(TestStores.Ishinomaki, code, Guid.NewGuid());
        var third = await national.ChangeAsync(TestStores.Ishinomaki, code, Guid.NewGuid());

        Assert.Equal(third, Assert.Single(await national.AssignAsync(TestStores.Ishinomaki, [code])));
        Assert.Equal(3, new[] { first, second, third }.Distinct().Count());
        await using var db = stores.Runtime.Stores.OpenNational();
        Assert.Equal(2, await db.RetiredNumbers.CountAsync());
        Assert.Equal(1, await db.ChangedNumbers.CountAsync());
        // Other codes still get their own numbers, none of them a retired or changed one.
        var others = await national.AssignAsync(TestStores.Ishinomaki, Enumerable.Range(1, 500).Select(i => ResidentCode.FromBody(2_000_000_000L + i)).ToList());
        Assert.DoesNotContain(first, others);
        Assert.DoesNotContain(second, others);
        Assert.DoesNotContain(third, others);
        Assert.Equal(500, others.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task StoredNumber_IsEncryptedAndFoundByKeyedHashOnly(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        await LoadAsync(stores, 3);
        await using var db = stores.OpenMunicipal();
        await stores.Runtime.NumberAssignment(TestStores.Ishinomaki).RunAsync(db, TestStores.Ishinomaki, "test");
        var row = await db.ResidentNumbers.AsNoTracking().FirstAsync();
        var protector = stores.Runtime.Protector(TestStores.Ishinomaki);
        var number = protector.Unprotect(row.Cipher, row.ResidentId);

        Assert.DoesNotContain(number.Value, System.Text.Encoding.Latin1.GetString(row.Cipher), StringComparison.Ordinal);
        Assert.Throws<System.Security.Cryptography.AuthenticationTagMismatchException>(() => protector.Unprotect(row.Cipher, row.ResidentId + 1));
        var queries = stores.Runtime.ResidentQueries(TestStores.Ishinomaki);
        var found = await queries.SearchAsync(db, new ResidentSearchCriteria(Identifier: number.FormatFull()), new Reader("test", false));
        Assert.Equal(row.ResidentId, Assert.Single(found.Items).Id);
    }
}
