using System.Text;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Residents;
using Myna.Core.Text;
using Myna.Testing;

namespace Myna.Municipal.Tests.Residents;

public sealed class ResidentImportTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ImportCsv_ValidFile_AddsEveryResidentWithAnInitialEvent(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        var records = TestData.Residents(120);
        var path = TestData.WriteFile(stores.Root, "residents.csv", TestData.Csv(records));
        await using var db = stores.OpenMunicipal();

        var result = await stores.Runtime.ResidentImporter(TestStores.Ishinomaki).ImportCsvAsync(db, path, null, "test");

        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        Assert.Equal(120, result.Added);
        Assert.Equal(120, await db.Residents.CountAsync());
        Assert.Equal(120, await db.ResidentEvents.CountAsync(e => e.Type == ResidentEventType.InitialRegistration));
        var first = records[0];
        var stored = await db.Residents.Include(r => r.Household).SingleAsync(r => r.ResidentCode == first.Code.Value);
        Assert.Equal(first.Data.FamilyName, stored.FamilyName);
        Assert.Equal(first.Data.FamilyNameKana, stored.FamilyNameKana);
        Assert.Equal(first.Data.BirthDate, stored.BirthDate);
        Assert.Equal(first.HouseholdCode, stored.Household!.HouseholdCode);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ImportCsv_SameFileTwice_ChangesNothing(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        var path = TestData.WriteFile(stores.Root, "residents.csv", TestData.Csv(TestData.Residents(80)));
        await using var db = stores.OpenMunicipal();
        var importer = stores.Runtime.ResidentImporter(TestStores.Ishinomaki);
        await importer.ImportCsvAsync(db, path, null, "test");
        var before = await Fingerprint(db);

        var second = await importer.ImportCsvAsync(db, path, null, "test");

        Assert.True(second.Succeeded);
        Assert.Equal((0, 0, 80), (second.Added, second.Changed, second.Unchanged));
        Assert.Equal(before, await Fingerprint(db));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ImportCsv_ChangedRow_RecordsACorrectionEventAndKeepsHistory(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        var records = TestData.Residents(10);
        var importer = stores.Runtime.ResidentImporter(TestStores.Ishinomaki);
        await using var db = stores.OpenMunicipal();
        await importer.ImportCsvAsync(db, TestData.WriteFile(stores.Root, "a.csv", TestData.Csv(records)), null, "test");
        var moved = records[3] with { Data = records[3].Data with { Town = "新館一丁目", Block = "2番3号" } };
        records[3] = moved;

        var result = await importer.ImportCsvAsync(db, TestData.WriteFile(stores.Root, "b.csv", TestData.Csv(records)), null, "test");

        Assert.Equal((0, 1, 9), (result.Added, result.Changed, result.Unchanged));
        var resident = await db.Residents.SingleAsync(r => r.ResidentCode == moved.Code.Value);
        Assert.Equal("新館一丁目", resident.Town);
        var events = await db.ResidentEvents.Where(e => e.ResidentId == resident.Id).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([ResidentEventType.InitialRegistration, ResidentEventType.Correction], events.Select(e => e.Type));
        Assert.Contains("Town", events[1].Note, StringComparison.Ordinal);
        Assert.NotEqual("新館一丁目", ResidentSnapshot.FromJson(events[0].Snapshot).Town);
        Assert.Equal("新館一丁目", ResidentSnapshot.FromJson(events[1].Snapshot).Town);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ImportCsv_BadRows_ReportsEachWithLineAndColumnAndWritesNothing(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        var csv = TestData.Csv(TestData.Residents(5)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        string Replace(string line, int column, string value)
        {
            var fields = new CsvReader(new StringReader(line));
            fields.Read();
            var list = fields.Fields.ToList();
            list[column] = value;
            var sw = new StringWriter();
            new CsvWriter(sw).WriteRecord(list);
            return sw.ToString().TrimEnd();
        }
        csv[2] = Replace(csv[2], 0, "12345678901");            // line 3: resident code check digit
        csv[3] = Replace(csv[3], 7, "平成31年5月1日");            // line 4: date outside its era
        csv[4] = Replace(csv[4], 5, "やまだ1");                  // line 5: reading not kana
        csv.Add(csv[1]);                                          // line 7: duplicate of line 2
        var path = TestData.WriteFile(stores.Root, "bad.csv", string.Join("\r\n", csv) + "\r\n");
        await using var db = stores.OpenMunicipal();

        var result = await stores.Runtime.ResidentImporter(TestStores.Ishinomaki).ImportCsvAsync(db, path, null, "test");

        Assert.False(result.Succeeded);
        Assert.Contains(result.Problems, p => p is { Line: 3, Column: "resident_code" } && p.Reason.Contains("check digit", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p is { Line: 4, Column: "birth_date" } && p.Reason.Contains("平成", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p is { Line: 5, Column: "family_name_kana" });
        Assert.Contains(result.Problems, p => p is { Line: 7, Column: "resident_code" } && p.Reason.Contains("line 2", StringComparison.Ordinal));
        Assert.Equal(4, result.ProblemCount);
        Assert.Equal(0, await db.Residents.CountAsync());
        Assert.Equal(0, await db.Households.CountAsync());
        Assert.Equal(0, await db.AuditRecords.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ImportCsv_ShiftJisFile_ImportsSameAsUtf8(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        // Shift_JIS cannot hold 𠮷, so use residents whose names it can encode.
        var records = TestData.Residents(60).Where(r => !r.Data.FamilyName.Contains("\U00020BB7", StringComparison.Ordinal)).ToList();
        var path = TestData.WriteFile(stores.Root, "sjis.csv", TestData.Csv(records), TextEncodings.StrictCp932);
        await using var db = stores.OpenMunicipal();

        var result = await stores.Runtime.ResidentImporter(TestStores.Ishinomaki).ImportCsvAsync(db, path, "auto", "test");

        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        Assert.Equal(records.Count, result.Added);
        var names = await db.Residents.Select(r => r.FamilyName).ToListAsync();
        Assert.Equal(records.Select(r => r.Data.FamilyName).Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ImportCsv_ShiftJisReadAsUtf8_IsRefusedWithAClearReason(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        var path = TestData.WriteFile(stores.Root, "sjis.csv", TestData.Csv(TestData.Residents(3, seed: 3)
            .Where(r => !r.Data.FamilyName.Contains("\U00020BB7", StringComparison.Ordinal))), TextEncodings.StrictCp932);
        await using var db = stores.OpenMunicipal();

        var result = await stores.Runtime.ResidentImporter(TestStores.Ishinomaki).ImportCsvAsync(db, path, "utf-8", "test");

        Assert.False(result.Succeeded);
        Assert.Contains("not valid utf-8", result.Problems[0].Reason, StringComparison.Ordinal);
        Assert.Equal(0, await db.Residents.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ImportCsv_UnknownAndMissingColumns_AreReportedOnTheHeader(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        var path = TestData.WriteFile(stores.Root, "h.csv", "resident_code,nickname,individual_number\r\n12345678901,x,y\r\n");
        await using var db = stores.OpenMunicipal();

        var result = await stores.Runtime.ResidentImporter(TestStores.Ishinomaki).ImportCsvAsync(db, path, null, "test");

        Assert.False(result.Succeeded);
        Assert.All(result.Problems, p => Assert.Equal(1, p.Line));
        Assert.Contains(result.Problems, p => p.Reason.Contains("unknown column 'nickname'", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Reason.Contains("individual_number", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Reason.Contains("'family_name' is missing", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Export_ThenImport_RoundTripsUnchanged(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        var original = TestData.Csv(TestData.Residents(50));
        var input = TestData.WriteFile(stores.Root, "in.csv", original);
        await using var db = stores.OpenMunicipal();
        var importer = stores.Runtime.ResidentImporter(TestStores.Ishinomaki);
        await importer.ImportCsvAsync(db, input, null, "test");
        var exporter = new Myna.Municipal.Residents.ResidentExporter(stores.Runtime.Protector(TestStores.Ishinomaki),
            stores.Runtime.MunicipalAudit(TestStores.Ishinomaki), stores.Runtime.Purposes, stores.Runtime.Time);
        var output = Path.Combine(stores.Root, "out.csv");

        var rows = await exporter.ExportAsync(db, output, null, includeNumbers: false, null, new Myna.Municipal.Residents.Reader("test", false));

        Assert.Equal(50, rows);
        Assert.Equal(original, await File.ReadAllTextAsync(output, Encoding.UTF8));
        var again = await importer.ImportCsvAsync(db, output, null, "test");
        Assert.Equal((0, 0, 50), (again.Added, again.Changed, again.Unchanged));
    }

    [Fact]
    public void AlternativeCharacters_NamesOutsideJisX0208_AreFlaggedPerCharacter()
    {
        var (flags, substitute) = AlternativeCharacters.Analyse("髙橋\u3000一郎");
        Assert.Equal("10000", flags);
        Assert.Equal("高橋\u3000一郎", substitute);
        Assert.Equal(("0100", "山崎\u3000凛"), AlternativeCharacters.Analyse("山﨑\u3000凛"));
        Assert.Equal((null, null), AlternativeCharacters.Analyse("佐藤\u3000花子"));
        var (kichiFlags, kichi) = AlternativeCharacters.Analyse("\U00020BB7田");
        Assert.Equal("10", kichiFlags);
        Assert.Equal("吉田", kichi);
    }

    private static async Task<string> Fingerprint(MunicipalDb db)
    {
        var residents = (await db.Residents.AsNoTracking().OrderBy(r => r.Id).ToListAsync())
            .Select(r => $"{r.Id}{r.FamilyName}{r.Town}{r.UpdatedAt:O}");
        var events = await db.ResidentEvents.CountAsync();
        var households = await db.Households.CountAsync();
        return string.Join("|", residents) + $"#{events}#{households}";
    }
}
