using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Identifiers;
using Myna.Core.SupportMeasures;
using Myna.Municipal.Residents;
using Myna.Municipal.SupportMeasures;
using Myna.Testing;

namespace Myna.Municipal.Tests.SupportMeasures;

/// <summary>The stored measures as the certificate-request check sees them, and the check's audit (DOMAIN §9).</summary>
public sealed class SupportMeasureFactsTests
{
    private static readonly DateOnly Today = Myna.Core.Calendar.JapanClock.Today(TimeProvider.System);
    private static readonly DateOnly OffenderBorn = new(1980, 1, 1);

    /// <summary>Five residents: 0 the victim, 1 in her household, 2 another household in the same dwelling, 3 and 4 elsewhere.</summary>
    private static async Task<(TestStores Stores, Core.Residents.Resident[] Rows)> RegisterAsync(string provider)
    {
        var stores = await TestStores.CreateAsync(provider);
        await using var db = stores.OpenMunicipal();
        var import = TestData.Residents(5, 11).Select((r, i) => new ImportRow(i + 2, r, []));
        Assert.True((await stores.Runtime.ResidentImporter(TestStores.Ishinomaki).ImportAsync(db, import, "test", "test")).Succeeded);
        var rows = await db.Residents.OrderBy(r => r.Id).ToArrayAsync();
        var victimHousehold = rows[0].HouseholdId;
        var otherHousehold = rows.Select(r => r.HouseholdId).First(h => h != victimHousehold);
        for (var i = 0; i < rows.Length; i++)
        {
            (rows[i].Town, rows[i].Block, rows[i].Building) = i < 3 ? ("避難町一丁目", "1番1号", "コーポ101") : ("本町" + i, i + "番", null);
            rows[i].HouseholdId = i < 2 ? victimHousehold : rows[i].HouseholdId == victimHousehold ? otherHousehold : rows[i].HouseholdId;
        }
        await db.SaveChangesAsync();
        return (stores, rows);
    }

    private static Task<SupportMeasure> ProtectAsync(TestStores stores, MunicipalDb db, long victimId) =>
        stores.Runtime.SupportMeasureDesk(TestStores.Ishinomaki).CreateAsync(db, new SupportMeasureApplication(victimId, SupportMeasureKind.DomesticViolence,
            SupportBasisKind.Police, "石巻警察署", Today.AddDays(-2), null, null, null, [],
            [new OffenderInput("加害　太郎", "カガイ　タロウ", OffenderBorn, "仙台市青葉区本町9-9-9")]), "officer");

    private static ResidentCode Code(Core.Residents.Resident r) => ResidentCode.Parse(r.ResidentCode);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ProtectingAsync_VictimHouseholdAndDwelling_MapsTheMeasureUntilLifted(string provider)
    {
        var (stores, rows) = await RegisterAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal();
        var measure = await ProtectAsync(stores, db, rows[0].Id);

        var facts = Assert.Single(await SupportMeasureFacts.ProtectingAsync(db, rows.Select(Code), Today));

        Assert.Equal((measure.Reference, Code(rows[0]), "DomesticViolence"), (facts.Reference, facts.Applicant, facts.Kind));
        Assert.Empty(facts.AlsoCovered);
        Assert.Equal(new[] { rows[1].ResidentCode, rows[2].ResidentCode }.Order(StringComparer.Ordinal),
            facts.SharingTheAddress.Select(c => c.Value).Order(StringComparer.Ordinal));
        Assert.False(facts.Protects(Code(rows[3])));
        Assert.Equal(new OffenderFacts("加害　太郎", "カガイ　タロウ", OffenderBorn, "仙台市青葉区本町9-9-9"), Assert.Single(facts.Offenders));
        Assert.True(facts.AppliesOn(Today));
        Assert.Empty(await SupportMeasureFacts.ProtectingAsync(db, [Code(rows[3]), Code(rows[4])], Today));

        await stores.Runtime.SupportMeasureDesk(TestStores.Ishinomaki).LiftAsync(db, measure.Id, "申出者からの解除の申出", "officer");
        Assert.Empty(await SupportMeasureFacts.ProtectingAsync(db, rows.Select(Code), Today));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task CheckAsync_OffenderAsksAboutTheVictimsChild_RefusedAndAuditedWithoutTheAddress(string provider)
    {
        var (stores, rows) = await RegisterAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal();
        var measure = await ProtectAsync(stores, db, rows[0].Id);
        var checks = stores.Runtime.CertificateRequestChecks(TestStores.Ishinomaki);
        var offender = new CertificateRequester
        {
            Kind = RequesterKind.ThirdParty, Identity = new RequesterIdentity("加害 太郎", null, OffenderBorn, "仙台市青葉区本町9-9-9"),
            IdentityVerified = true, Purpose = "親族関係の確認", PurposeConfirmed = true,
        };

        var decision = await checks.CheckAsync(db, new CertificateRequest(CertificateDocument.ResidentRecordCopy, offender, [Code(rows[1])]), "clerk1");

        Assert.Equal((SupportMeasureOutcome.Refuse, SupportMeasureCheckReasons.Offender), (decision.Outcome, decision.Reason));
        Assert.Equal([measure.Reference], decision.MeasureReferences);
        var record = await db.AuditRecords.AsNoTracking().Where(a => a.Action == AuditActions.CertificateRequestRefused).SingleAsync();
        Assert.Equal(("clerk1", "support-measure:" + measure.Reference), (record.Actor, record.Subject));
        Assert.Contains("加害 太郎", record.Detail, StringComparison.Ordinal);
        Assert.Contains("resident:" + rows[1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), record.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("避難町", record.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("本町9", record.Detail, StringComparison.Ordinal);

        // An unprotected subject is not logged here; an incomplete request logs nothing and names the field.
        var before = await db.AuditRecords.CountAsync();
        Assert.Equal(SupportMeasureOutcome.Allow, (await checks.CheckAsync(db, new CertificateRequest(CertificateDocument.ResidentRecordCopy, offender, [Code(rows[3])]), "clerk1")).Outcome);
        var bad = await Assert.ThrowsAsync<CertificateRequestException>(() =>
            checks.CheckAsync(db, new CertificateRequest(CertificateDocument.ResidentRecordCopy, offender with { Purpose = null }, [Code(rows[0])]), "clerk1"));
        Assert.Equal("requester.purpose", bad.Field);
        Assert.Equal(before, await db.AuditRecords.CountAsync());
    }
}
