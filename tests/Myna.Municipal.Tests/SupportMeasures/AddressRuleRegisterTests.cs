using System.Text;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Residents;
using Myna.Core.SupportMeasures;
using Myna.Municipal.Residents;
using Myna.Municipal.SupportMeasures;
using Myna.Testing;

namespace Myna.Municipal.Tests.SupportMeasures;

/// <summary>
/// DOMAIN §9 on the register's own paths: the resident detail, search, the household table, the CSV export and import, the
/// register's change form. A measure covers one person; the household lives at the same address and is withheld with them.
/// </summary>
public sealed class AddressRuleRegisterTests
{
    private static readonly DateOnly Today = Core.Calendar.JapanClock.Today(TimeProvider.System);
    private static readonly Reader Clerk = new("clerk", MaySeeProtected: false);
    private static readonly Reader Officer = new("officer", MaySeeProtected: true);

    /// <summary>40 residents imported; a measure covers the first person of a household of two or more (the others uncovered).</summary>
    private static async Task<(TestStores Stores, Resident Applicant, List<Resident> Household)> ProtectedHouseholdAsync(string provider)
    {
        var stores = await TestStores.CreateAsync(provider);
        var path = TestData.WriteFile(stores.Root, "in.csv", TestData.Csv(TestData.Residents(40)));
        await using var db = stores.OpenMunicipal();
        Assert.True((await stores.Runtime.ResidentImporter(TestStores.Ishinomaki).ImportCsvAsync(db, path, null, "test")).Succeeded);
        var all = await db.Residents.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        var household = all.GroupBy(r => r.HouseholdId).First(g => g.Count() >= 2).ToList();
        var applicant = household[0];
        await stores.Runtime.SupportMeasureDesk(TestStores.Ishinomaki).CreateAsync(db, new SupportMeasureApplication(applicant.Id,
            SupportMeasureKind.DomesticViolence, SupportBasisKind.Police, "石巻警察署", Today.AddDays(-1), null, null, null, [],
            [new OffenderInput("加害　太郎", null, null)]), "officer");
        return (stores, applicant, household);
    }

    private static string Where(Resident r) => r.Town + r.Block;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task GetAsync_HouseholdMemberOfACoveredPerson_WithholdsEveryAddressAndLogsThePath(string provider)
    {
        var (stores, applicant, household) = await ProtectedHouseholdAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal();
        var queries = stores.Runtime.ResidentQueries(TestStores.Ishinomaki);
        var member = household[1];

        var seen = (await queries.GetAsync(db, member.Id, Clerk, "GET /api/v1/residents/{id}"))!;

        Assert.Equal((AddressProtection.Hidden, (string?)null, true, false), (seen.Resident.Town, seen.Resident.PostalCode, seen.AddressWithheld, seen.Covered));
        Assert.DoesNotContain(Where(member), seen.Resident.Address, StringComparison.Ordinal);
        Assert.All(seen.Household, m => Assert.Equal((AddressProtection.Hidden, true), (m.Address, m.AddressWithheld)));
        Assert.All(seen.Events, e => Assert.Equal("", e.Snapshot));
        var logged = await db.AuditRecords.AsNoTracking().Where(a => a.Action == AuditActions.ProtectedAddressRefused && a.Actor == "clerk").ToListAsync();
        var record = Assert.Single(logged);
        Assert.Equal("GET /api/v1/residents/{id}", record.Detail);
        Assert.Equal("resident:" + string.Join(",", household.Select(h => h.Id).Order()), record.Subject);

        // The covered person is flagged as such; the officer sees every address, with the flag, and nothing is logged as refused.
        Assert.True((await queries.GetAsync(db, applicant.Id, Clerk))!.Covered);
        var officer = (await queries.GetAsync(db, member.Id, Officer))!;
        Assert.Equal((member.Town, true), (officer.Resident.Town, officer.AddressWithheld));
        Assert.All(officer.Household, m => Assert.Contains(Where(member), m.Address, StringComparison.Ordinal));
        Assert.False(await db.AuditRecords.AnyAsync(a => a.Action == AuditActions.ProtectedAddressRefused && a.Actor == "officer"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SearchAsync_ByTheProtectedAddress_FindsNobodyThere_ByNameOrHousehold_ShowsThePlaceholder(string provider)
    {
        var (stores, applicant, household) = await ProtectedHouseholdAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal();
        var queries = stores.Runtime.ResidentQueries(TestStores.Ishinomaki);
        var ids = household.Select(h => h.Id).ToHashSet();

        var byAddress = await queries.SearchAsync(db, new ResidentSearchCriteria(Address: Where(applicant), PageSize: 100), Clerk);
        var officerByAddress = await queries.SearchAsync(db, new ResidentSearchCriteria(Address: Where(applicant), PageSize: 100), Officer);
        var householdCode = await db.Households.Where(h => h.Id == applicant.HouseholdId).Select(h => h.HouseholdCode).SingleAsync();
        var byHousehold = await queries.SearchAsync(db, new ResidentSearchCriteria(Household: householdCode), Clerk, "GET /api/v1/residents");
        var byName = await queries.SearchAsync(db, new ResidentSearchCriteria(Name: household[1].FamilyNameKana + household[1].GivenNameKana), Clerk);

        // Excluded in the query: neither the page nor the total tells that someone lives there.
        Assert.DoesNotContain(byAddress.Items, i => ids.Contains(i.Id));
        Assert.Equal(byAddress.Items.Count, byAddress.Total);
        Assert.Equal(ids, officerByAddress.Items.Where(i => ids.Contains(i.Id)).Select(i => i.Id).ToHashSet());
        Assert.Equal(ids, byHousehold.Items.Select(i => i.Id).ToHashSet());
        Assert.All(byHousehold.Items, i => Assert.Equal((AddressProtection.Hidden, true), (i.Address, i.AddressWithheld)));
        var found = Assert.Single(byName.Items, i => i.Id == household[1].Id);
        Assert.Equal((AddressProtection.Hidden, true), (found.Address, found.AddressWithheld));
        Assert.True(await db.AuditRecords.AnyAsync(a => a.Action == AuditActions.ProtectedAddressRefused && a.Detail == "GET /api/v1/residents"));
        Assert.True(await db.AuditRecords.AnyAsync(a => a.Action == AuditActions.ProtectedAddressRefused && a.Detail == "resident search"
            && a.Subject == "resident:" + household[1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ExportThenImport_ThroughTheCli_KeepsEveryoneAndNeverWritesThePlaceholder(string provider)
    {
        var (stores, applicant, household) = await ProtectedHouseholdAsync(provider);
        await using var _ = stores;
        var file = Path.Combine(stores.Root, "export.csv");

        var export = await MynaCli.RunAsync(stores, null, "residents", "export", file);

        Assert.Equal(0, export.ExitCode);
        Assert.Contains($"{household.Count} address(es) withheld", export.Out, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(file, Encoding.UTF8);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(41, lines.Length); // the header and all 40: nobody is left out
        Assert.DoesNotContain(Where(applicant), text.Replace(",", "", StringComparison.Ordinal), StringComparison.Ordinal);
        foreach (var member in household)
        {
            var line = Assert.Single(lines, l => l.StartsWith(member.ResidentCode + ",", StringComparison.Ordinal));
            Assert.EndsWith(",1,,", line, StringComparison.Ordinal); // address_withheld, then the (empty) status-of-residence columns
            Assert.Contains(AddressProtection.Hidden, line, StringComparison.Ordinal);
        }
        await using (var db = stores.OpenMunicipal())
        {
            var logged = await db.AuditRecords.AsNoTracking().SingleAsync(a => a.Action == AuditActions.ProtectedAddressRefused);
            Assert.Equal((ResidentExporter.Where, "resident:" + string.Join(",", household.Select(h => h.Id).Order())), (logged.Detail, logged.Subject));
        }

        // The same file back: nothing changes. A name corrected in a marked row changes the name and keeps the stored address.
        var again = await MynaCli.RunAsync(stores, null, "import", "residents", file);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("0 added, 0 changed, 40 unchanged", again.Out, StringComparison.Ordinal);
        var member1 = household[1];
        var corrected = text.Replace(member1.ResidentCode + "," + (await HouseholdCodeAsync(stores, member1)) + "," + member1.Relationship + "," + member1.FamilyName + ",",
            member1.ResidentCode + "," + (await HouseholdCodeAsync(stores, member1)) + "," + member1.Relationship + ",改姓,", StringComparison.Ordinal);
        Assert.NotEqual(text, corrected);
        await File.WriteAllTextAsync(file, corrected, new UTF8Encoding(false));
        var renamed = await MynaCli.RunAsync(stores, null, "import", "residents", file);
        Assert.Equal(0, renamed.ExitCode);
        Assert.Contains("0 added, 1 changed, 39 unchanged", renamed.Out, StringComparison.Ordinal);
        await using (var db = stores.OpenMunicipal())
        {
            var stored = await db.Residents.AsNoTracking().Where(r => household.Select(h => h.Id).Contains(r.Id)).OrderBy(r => r.Id).ToListAsync();
            Assert.Equal(household.Select(h => (h.PostalCode, h.Town, h.Block, h.Building)), stored.Select(h => (h.PostalCode, h.Town, h.Block, h.Building)));
            Assert.Equal("改姓", stored.Single(r => r.Id == member1.Id).FamilyName);
            Assert.False(await db.Residents.AnyAsync(r => r.Town.Contains(AddressProtection.Hidden) || r.Block.Contains(AddressProtection.Hidden)));
        }
    }

    private static async Task<string> HouseholdCodeAsync(TestStores stores, Resident r)
    {
        await using var db = stores.OpenMunicipal();
        return await db.Households.Where(h => h.Id == r.HouseholdId).Select(h => h.HouseholdCode).SingleAsync();
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Import_ThePlaceholderAsAnAddress_OrAMarkedRowForSomeoneNew_IsRefusedAndNothingIsWritten(string provider)
    {
        await using var stores = await TestStores.CreateAsync(provider);
        var records = TestData.Residents(6);
        string File(Func<int, bool> marked, int? placeholderRow)
        {
            var rows = records.Select((r, i) => ResidentCsv.Row(r.Code.Value, r.Data, r.RegisteredOn, withheld: marked(i)).ToList()).ToList();
            if (placeholderRow is { } p)
            {
                rows[p][ResidentCsv.Columns.ToList().IndexOf(ResidentCsv.Town)] = AddressProtection.Hidden; // unmarked, yet the placeholder
            }
            var sb = new StringWriter();
            var csv = new Core.Text.CsvWriter(sb);
            csv.WriteRecord(ResidentCsv.Columns);
            rows.ForEach(r => csv.WriteRecord(r));
            return sb.ToString();
        }
        await using var db = stores.OpenMunicipal();
        var importer = stores.Runtime.ResidentImporter(TestStores.Ishinomaki);

        var placeholder = await importer.ImportCsvAsync(db, TestData.WriteFile(stores.Root, "a.csv", File(_ => false, 2)), null, "test");
        var markedNew = await importer.ImportCsvAsync(db, TestData.WriteFile(stores.Root, "b.csv", File(i => i == 4, null)), null, "test");

        var problem = Assert.Single(placeholder.Problems);
        Assert.Equal((4L, ResidentCsv.Town), (problem.Line, problem.Column));
        Assert.Contains("not an address", problem.Reason, StringComparison.Ordinal);
        problem = Assert.Single(markedNew.Problems);
        Assert.Equal((6L, ResidentCsv.AddressWithheld), (problem.Line, problem.Column));
        Assert.Contains("needs the real address", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await db.Residents.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task RecordAsync_ThePlaceholderFromAWithheldForm_IsRefusedAndTheAddressStays(string provider)
    {
        var (stores, applicant, _) = await ProtectedHouseholdAsync(provider);
        await using var __ = stores;
        await using var db = stores.OpenMunicipal();

        var refused = await Assert.ThrowsAsync<RegisterRuleException>(() => stores.Runtime.ResidentRegister(TestStores.Ishinomaki).RecordAsync(db, applicant.Id,
            new ResidentChange(ResidentEventType.AddressChangeWithin, Today, Today, Town: AddressProtection.Hidden, Block: "1番"), "clerk"));

        Assert.Equal("town", refused.Field);
        Assert.DoesNotContain(Where(applicant), refused.Message, StringComparison.Ordinal);
        Assert.Equal(applicant.Town, (await db.Residents.AsNoTracking().SingleAsync(r => r.Id == applicant.Id)).Town);
    }
}
