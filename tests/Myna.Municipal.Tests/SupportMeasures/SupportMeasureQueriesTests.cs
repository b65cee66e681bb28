using Microsoft.EntityFrameworkCore;
using Myna.Core.SupportMeasures;
using Myna.Municipal.SupportMeasures;
using Myna.Testing;

namespace Myna.Municipal.Tests.SupportMeasures;

/// <summary>The officer's read side (DOMAIN §9): the reminder, the prompts for sharers not covered, and the CLI's end-of-day check.</summary>
public sealed class SupportMeasureQueriesTests
{
    private static readonly DateOnly Today = Core.Calendar.JapanClock.Today(TimeProvider.System);
    private const string Shelter = "避難町一丁目";
    private const string OffenderAddress = "仙台市青葉区加害町9番9号";

    /// <summary>Four residents: 0 the applicant, 1 in the applicant's household, 2 another household at the same dwelling, 3 elsewhere.</summary>
    private static async Task<(TestStores Stores, long[] Ids)> DwellingAsync(string provider)
    {
        var stores = await TestStores.CreateAsync(provider);
        await RegisterScenarios.LoadAsync(stores, 4);
        await using var db = stores.OpenMunicipal();
        var rows = await db.Residents.OrderBy(r => r.Id).ToListAsync();
        var other = rows.Select(r => r.HouseholdId).First(h => h != rows[0].HouseholdId);
        for (var i = 0; i < rows.Count; i++)
        {
            (rows[i].Town, rows[i].Block, rows[i].Building) = i < 3 ? (Shelter, "1番1号", "コーポ101") : ("本町", "3番", null);
            rows[i].HouseholdId = i < 2 ? rows[0].HouseholdId : other;
        }
        await db.SaveChangesAsync();
        return (stores, rows.Select(r => r.Id).ToArray());
    }

    private static SupportMeasureApplication Application(long applicant, DateOnly? end = null) => new(applicant, SupportMeasureKind.Stalking, SupportBasisKind.Police,
        "石巻警察署", Today.AddDays(-1), null, null, end, [], [new OffenderInput("加害　次郎", null, new DateOnly(1975, 5, 5), OffenderAddress, "元交際相手")]);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task UncoveredSharers_HouseholdAndDwelling_PromptedUntilCovered_AndTheReminderCountsMeasuresEndingWithinAMonth(string provider)
    {
        var (stores, ids) = await DwellingAsync(provider);
        await using var _ = stores;
        await using var db = stores.OpenMunicipal();
        var desk = stores.Runtime.SupportMeasureDesk(TestStores.Ishinomaki);
        var measure = await desk.CreateAsync(db, Application(ids[0], Today.AddDays(20)), "officer");

        var prompts = await SupportMeasureQueries.UncoveredSharersAsync(db, Today);
        Assert.Equal([ids[1], ids[2]], prompts.Select(p => p.ResidentId).Order());
        Assert.True(prompts.Single(p => p.ResidentId == ids[1]).SameHousehold);
        Assert.False(prompts.Single(p => p.ResidentId == ids[2]).SameHousehold);
        Assert.All(prompts, p => Assert.Equal(measure.Id, p.MeasureId));
        Assert.Equal(2, await SupportMeasureQueries.UncoveredSharerCountAsync(db, Today));
        Assert.Equal(1, await SupportMeasureQueries.EndingSoonCountAsync(db, Today));
        Assert.True((await SupportMeasureQueries.ListAsync(db, new SupportMeasureFilter(EndingWithinDays: 31), Today)).Single().EndingSoon);
        Assert.Empty(await SupportMeasureQueries.ListAsync(db, new SupportMeasureFilter(EndingWithinDays: 10), Today));
        Assert.Single(await SupportMeasureQueries.ListAsync(db, new SupportMeasureFilter(ResidentId: ids[0]), Today));
        Assert.Empty(await SupportMeasureQueries.ListAsync(db, new SupportMeasureFilter(ResidentId: ids[3]), Today));

        await desk.AddMemberAsync(db, measure.Id, ids[1], "officer");
        Assert.Equal([ids[2]], (await SupportMeasureQueries.UncoveredSharersAsync(db, Today)).Select(p => p.ResidentId));
        await desk.ExtendAsync(db, measure.Id, null, "継続", "officer");
        Assert.Equal(0, await SupportMeasureQueries.EndingSoonCountAsync(db, Today));
        await desk.LiftAsync(db, measure.Id, "解除の申出", "officer");
        Assert.Equal(0, await SupportMeasureQueries.UncoveredSharerCountAsync(db, Today));
        Assert.Single(await SupportMeasureQueries.ListAsync(db, new SupportMeasureFilter(SupportMeasureListState.Ended), Today));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Cli_ListAndShow_NameTheMeasureAndItsPeople_PrintNoAddress(string provider)
    {
        var (stores, ids) = await DwellingAsync(provider);
        await using var _ = stores;
        SupportMeasure measure;
        await using (var db = stores.OpenMunicipal())
        {
            measure = await stores.Runtime.SupportMeasureDesk(TestStores.Ishinomaki).CreateAsync(db, Application(ids[0], Today.AddDays(20)), "officer");
        }

        var list = await MynaCli.RunAsync(stores, null, "support-measures", "list", "--ending-within", "31");
        var show = await MynaCli.RunAsync(stores, null, "support-measures", "show", measure.Reference);
        var none = await MynaCli.RunAsync(stores, null, "support-measures", "list", "--ending-within", "7");
        var unknown = await MynaCli.RunAsync(stores, null, "support-measures", "show", "SM-042021-1999-00001");
        var bad = await MynaCli.RunAsync(stores, null, "support-measures", "list", "--state", "sometimes");

        Assert.True(list.ExitCode == 0, list.Err);
        Assert.Contains(measure.Reference + "\tending-soon", list.Out, StringComparison.Ordinal);
        Assert.True(show.ExitCode == 0, show.Err);
        Assert.Contains(measure.ApplicantName, show.Out, StringComparison.Ordinal);
        Assert.Contains("加害　次郎", show.Out, StringComparison.Ordinal);
        Assert.Contains("Created", show.Out, StringComparison.Ordinal);
        foreach (var output in new[] { list.Out, show.Out })
        {
            Assert.DoesNotContain(OffenderAddress, output, StringComparison.Ordinal);
            Assert.DoesNotContain(Shelter, output, StringComparison.Ordinal);
        }
        Assert.Equal((0, ""), (none.ExitCode, none.Out));
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal(2, bad.ExitCode);
    }
}
