using Microsoft.EntityFrameworkCore;
using Myna.Core.SupportMeasures;
using Myna.Municipal.SupportMeasures;
using Myna.Testing;

namespace Myna.Municipal.Tests.SupportMeasures;

public sealed class SupportMeasureFoundationTests
{
    private static readonly DateOnly Today = Myna.Core.Calendar.JapanClock.Today(TimeProvider.System);

    /// <summary>Five residents: 0 the applicant, 1 in the applicant's household, 2 another household in the same dwelling, 3 and 4 elsewhere.</summary>
    private static async Task<(TestStores Stores, long[] Ids)> WithDwellingAsync(string provider)
    {
        var stores = await TestStores.CreateAsync(provider);
        await RegisterScenarios.LoadAsync(stores, 5);
        await using var db = stores.OpenMunicipal();
        var rows = await db.Residents.OrderBy(r => r.Id).ToListAsync();
        var otherHousehold = rows.Select(r => r.HouseholdId).First(h => h != rows[0].HouseholdId);
        for (var i = 0; i < rows.Count; i++)
        {
            (rows[i].Town, rows[i].Block, rows[i].Building) = i < 3 ? ("避難町一丁目", "1番1号", "コーポ101") : ("本町" + i, i + "番", null);
            rows[i].HouseholdId = i < 2 ? rows[0].HouseholdId : i == 2 ? otherHousehold : rows[i].HouseholdId;
        }
        if (rows[3].HouseholdId == rows[0].HouseholdId)
        {
            rows[3].HouseholdId = otherHousehold;
        }
        await db.SaveChangesAsync();
        return (stores, rows.Select(r => r.Id).ToArray());
    }

    private static SupportMeasureApplication Application(long applicant, params long[] members) => new(applicant, SupportMeasureKind.DomesticViolence,
        SupportBasisKind.Police, "石巻警察署", Today.AddDays(-2), null, null, null, members, [new OffenderInput("加害　太郎", "カガイ　タロウ", new DateOnly(1980, 1, 1))]);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AddressRule_MeasureCoversApplicant_WithholdsHouseholdAndDwellingUntilLifted(string provider)
    {
        var (stores, ids) = await WithDwellingAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal();
        var rule = stores.Runtime.AddressRule(TestStores.Ishinomaki);
        var desk = stores.Runtime.SupportMeasureDesk(TestStores.Ishinomaki);

        var measure = await desk.CreateAsync(db, Application(ids[0]), "officer");

        Assert.Equal(ids[..3].ToHashSet(), await rule.WithheldAmongAsync(db, ids));
        Assert.Equal(SupportMeasureDesk.DefaultEnd(Today), measure.EndsOn);
        Assert.StartsWith("SM-" + TestStores.Ishinomaki.Value + "-", measure.Reference, StringComparison.Ordinal);
        Assert.Single(measure.People);

        await desk.LiftAsync(db, measure.Id, "申出者からの解除の申出", "officer");
        Assert.Empty(await rule.WithheldAmongAsync(db, ids));
        Assert.Equal([SupportMeasureEventKind.Created, SupportMeasureEventKind.Lifted],
            await db.SupportMeasureEvents.Where(e => e.MeasureId == measure.Id).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AddressRule_CoveredPersonNotHereYet_AppliesWhenTheCodeArrives(string provider)
    {
        var (stores, ids) = await WithDwellingAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal();
        var rule = stores.Runtime.AddressRule(TestStores.Ishinomaki);
        // A forwarded measure names a person by resident code before they move in.
        db.SupportMeasures.Add(new SupportMeasure
        {
            Reference = "SM-042145-2026-00001", Kind = SupportMeasureKind.Stalking, ApplicantResidentCode = "00000000000", ApplicantName = "転入　予定",
            BasisKind = SupportBasisKind.SupportCentre, BasisBody = "宮城県女性相談センター", BasisDate = Today, StartsOn = Today, EndsOn = SupportMeasureDesk.DefaultEnd(Today),
            State = SupportMeasureState.Active, ForwardedFrom = "042145", CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "exchange:042145", UpdatedAt = DateTimeOffset.UtcNow,
            People = [new SupportMeasurePerson { ResidentCode = "00000000000", Name = "転入　予定", Role = SupportPersonRole.Applicant, CoveredFrom = Today }],
        });
        await db.SaveChangesAsync();
        Assert.Empty(await rule.WithheldAmongAsync(db, ids));
        Assert.True(await rule.IsCoveredAsync(db, "00000000000"));

        await db.Residents.Where(r => r.Id == ids[4]).ExecuteUpdateAsync(s => s.SetProperty(r => r.ResidentCode, "00000000000"));

        Assert.Equal([ids[4]], await rule.WithheldAmongAsync(db, ids));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Desk_BadInput_IsRefusedWithTheFieldAndWritesNothing(string provider)
    {
        var (stores, ids) = await WithDwellingAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal();
        var desk = stores.Runtime.SupportMeasureDesk(TestStores.Ishinomaki);
        var applicant = await db.Residents.AsNoTracking().SingleAsync(r => r.Id == ids[0]);
        var auditBefore = await db.AuditRecords.CountAsync();

        var noBasis = await Assert.ThrowsAsync<SupportMeasureException>(() => desk.CreateAsync(db, Application(ids[0]) with { BasisBody = " " }, "officer"));
        var endFirst = await Assert.ThrowsAsync<SupportMeasureException>(() =>
            desk.CreateAsync(db, Application(ids[0]) with { StartsOn = Today, EndsOn = Today.AddDays(-1) }, "officer"));
        var selfOffender = await Assert.ThrowsAsync<SupportMeasureException>(() => desk.CreateAsync(db, Application(ids[0]) with
        {
            Offenders = [new OffenderInput(applicant.FamilyName + " " + applicant.GivenName, null, applicant.BirthDate)],
        }, "officer"));
        var stranger = await Assert.ThrowsAsync<SupportMeasureException>(() => desk.CreateAsync(db, Application(ids[0], ids[3]), "officer"));

        Assert.Equal(("basis", "endsOn", "offenders[0]", "memberIds"), (noBasis.Field, endFirst.Field, selfOffender.Field, stranger.Field));
        Assert.Equal(0, await db.SupportMeasures.CountAsync());
        Assert.Equal(auditBefore, await db.AuditRecords.CountAsync());

        var measure = await desk.CreateAsync(db, Application(ids[0], ids[1]), "officer");
        await desk.LiftAsync(db, measure.Id, "解除", "officer");
        var lifted = await Assert.ThrowsAsync<SupportMeasureException>(() => desk.ExtendAsync(db, measure.Id, null, "延長", "officer"));
        Assert.Equal(("measureId", "lifted"), (lifted.Field, lifted.Key));
        Assert.Equal(SupportMeasureDesk.DefaultEnd(Today), (await db.SupportMeasures.AsNoTracking().SingleAsync()).EndsOn);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Desk_ExtendAndRelax_MoveTheEndAndUncoverOnlyTheMember(string provider)
    {
        var (stores, ids) = await WithDwellingAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal();
        var desk = stores.Runtime.SupportMeasureDesk(TestStores.Ishinomaki);
        var rule = stores.Runtime.AddressRule(TestStores.Ishinomaki);
        var measure = await desk.CreateAsync(db, Application(ids[0], ids[1]), "officer");

        await desk.ExtendAsync(db, measure.Id, null, "申出者からの延長の申出", "officer");
        await desk.RelaxAsync(db, measure.Id, ids[1], "世帯員が別居", "officer");
        var applicantRelaxed = await Assert.ThrowsAsync<SupportMeasureException>(() => desk.RelaxAsync(db, measure.Id, ids[0], "誤り", "officer"));

        Assert.Equal(SupportMeasureDesk.DefaultEnd(Today).AddYears(1), (await db.SupportMeasures.AsNoTracking().SingleAsync()).EndsOn);
        Assert.Equal("relax-applicant", applicantRelaxed.Key);
        // The relaxed member still shares the protected dwelling, so the rule still withholds the address.
        Assert.Contains(ids[1], await rule.WithheldAmongAsync(db, ids));
        Assert.Equal(1, await AddressRule.CoveredCodes(db, Today).CountAsync());
    }
}
