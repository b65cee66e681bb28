using System.Text;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Calendar;
using Myna.Core.Residents;
using Myna.Municipal.Residents;
using Myna.Testing;

namespace Myna.Municipal.Tests.Residents;

/// <summary>DOMAIN §2: names and addresses hold no NUL or control characters, on every way into the register; exports never half-write.</summary>
public sealed class ResidentInputLimitsTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ImportCsv_NulInANameOrTabInAnAddress_RefusedWithLineAndColumn_NothingStored(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        var records = TestData.Residents(5);
        records[1] = records[1] with { Data = records[1].Data with { FamilyName = "山\0田" } };
        records[3] = records[3] with { Data = records[3].Data with { Town = "中央\t一丁目" } };
        var path = TestData.WriteFile(stores.Root, "residents.csv", TestData.Csv(records));
        await using var db = stores.OpenMunicipal();

        var result = await stores.Runtime.ResidentImporter(TestStores.Ishinomaki).ImportCsvAsync(db, path, null, "test");

        Assert.False(result.Succeeded);
        Assert.Contains(result.Problems, p => p.Line == 3 && p.Column == ResidentCsv.FamilyName && p.Reason.Contains("control character", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Line == 5 && p.Column == ResidentCsv.Town);
        Assert.Equal(0, await db.Residents.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task RecordChange_ControlCharacterOrOverlongName_RefusedWithTheField(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        var path = TestData.WriteFile(stores.Root, "residents.csv", TestData.Csv(TestData.Residents(3)));
        await using var db = stores.OpenMunicipal();
        await stores.Runtime.ResidentImporter(TestStores.Ishinomaki).ImportCsvAsync(db, path, null, "test");
        var resident = await db.Residents.AsNoTracking().OrderBy(r => r.Id).FirstAsync();
        var today = JapanClock.Today(stores.Runtime.Time);
        var register = stores.Runtime.ResidentRegister(TestStores.Ishinomaki);

        var nul = await Assert.ThrowsAsync<RegisterRuleException>(() => register.RecordAsync(db, resident.Id,
            new ResidentChange(ResidentEventType.NameChange, today, today, FamilyName: "佐\0藤"), "clerk"));
        var building = await Assert.ThrowsAsync<RegisterRuleException>(() => register.RecordAsync(db, resident.Id,
            new ResidentChange(ResidentEventType.AddressChangeWithin, today, today, Town: "新町", Block: "1-1", Building: new string('棟', 101)), "clerk"));

        Assert.Equal(("familyName", "building"), (nul.Field, building.Field));
        db.ChangeTracker.Clear();
        Assert.Equal(resident.FamilyName, (await db.Residents.AsNoTracking().SingleAsync(r => r.Id == resident.Id)).FamilyName);
        Assert.Equal(3, await db.ResidentEvents.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ExportCp932_CharacterOutsideCp932_RefusedWithRowAndColumn_NoFileWrittenAndOldFileKept(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        var records = TestData.Residents(4);
        records[2] = records[2] with { Data = records[2].Data with { GivenName = "\U00020BB7子" } };
        var input = TestData.WriteFile(stores.Root, "in.csv", TestData.Csv(records));
        await using (var db = stores.OpenMunicipal())
        {
            Assert.True((await stores.Runtime.ResidentImporter(TestStores.Ishinomaki).ImportCsvAsync(db, input, null, "test")).Succeeded);
        }
        var fresh = Path.Combine(stores.Root, "fresh.csv");
        var existing = TestData.WriteFile(stores.Root, "existing.csv", "an earlier export\n");

        var first = await MynaCli.RunAsync(stores, null, "residents", "export", fresh, "--encoding", "cp932");
        var second = await MynaCli.RunAsync(stores, null, "residents", "export", existing, "--encoding", "cp932");
        var utf8 = await MynaCli.RunAsync(stores, null, "residents", "export", Path.Combine(stores.Root, "utf8.csv"));

        Assert.Equal((1, 1), (first.ExitCode, second.ExitCode));
        Assert.Contains($"row 3 (resident {records[2].Code.Value}), column given_name: character U+20BB7 at position 1 cannot be written in shift_jis",
            first.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(fresh));
        Assert.False(File.Exists(fresh + ".partial"));
        Assert.Equal("an earlier export\n", await File.ReadAllTextAsync(existing));
        Assert.Equal(0, utf8.ExitCode);
        Assert.Contains("\U00020BB7子", await File.ReadAllTextAsync(Path.Combine(stores.Root, "utf8.csv"), Encoding.UTF8), StringComparison.Ordinal);
    }
}
