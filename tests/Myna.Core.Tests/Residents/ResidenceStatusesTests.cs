using Myna.Core.Residents;

namespace Myna.Core.Tests.Residents;

public sealed class ResidenceStatusesTests
{
    private static readonly DateOnly End = new(2028, 3, 31);

    [Theory]
    [InlineData("留学", true, null, null)]
    [InlineData("技術・人文知識・国際業務", true, null, null)]
    [InlineData("永住者", false, null, null)]
    [InlineData("特別永住者", false, null, null)]
    [InlineData("永住者", true, null, "stayUntil")]
    [InlineData("留学", false, null, "stayUntil")]
    [InlineData("観光", true, null, "residenceStatus")]
    [InlineData("短期滞在", true, null, "residenceStatus")]
    [InlineData("定住者", true, "宮城県石巻市穀町14番地", "residenceStatus")]
    public void Check_StatusPeriodAndNationality_NamesTheFieldAtFault(string status, bool withEnd, string? familyRegisterPlace, string? field)
    {
        var problem = ResidenceStatuses.Check(status, withEnd ? End : null, familyRegisterPlace);

        Assert.Equal(field, problem?.Field);
    }

    [Fact]
    public void Check_PeriodWithoutStatus_IsRefused_NothingIsFine()
    {
        Assert.Equal("stayUntil", ResidenceStatuses.Check(null, End, null)?.Field);
        Assert.Null(ResidenceStatuses.Check(null, null, "宮城県石巻市穀町14番地"));
    }

    [Fact]
    public void All_HasNoDuplicates_AndEveryStatusWithoutPeriodIsListed()
    {
        Assert.Equal(ResidenceStatuses.All.Count, ResidenceStatuses.All.Distinct().Count());
        Assert.All(ResidenceStatuses.WithoutPeriod, s => Assert.True(ResidenceStatuses.IsKnown(s)));
    }

    private static (Dictionary<string, int> Map, List<string> Problems) Header(params string[] extra) =>
        ResidentCsv.ReadHeader([.. ResidentCsv.Columns.Where(c => c is not (ResidentCsv.ResidenceStatus or ResidentCsv.StayUntil)), .. extra]);

    private static List<string> Row(string status, string stay)
    {
        var values = new List<string> { "12345678903", "H1", "世帯主", "グエン", "ヴァン", "グエン", "ヴァン", "1995-04-01", "1", "", "宮城県", "石巻市",
            "穀町", "1番1号", "", "", "", "active", "2024-04-01", "", "", "" };
        return [.. values, status, stay];
    }

    [Fact]
    public void ParseRow_StatusAndEnd_AreRead_AndBrokenRulesNamed()
    {
        var (map, headerProblems) = Header(ResidentCsv.ResidenceStatus, ResidentCsv.StayUntil);
        Assert.Empty(headerProblems);
        var problems = new List<(string Column, string Reason)>();

        var record = ResidentCsv.ParseRow(Row("留学", "令和10年3月31日"), map, problems);
        Assert.Equal(("留学", (DateOnly?)End, true), (record!.Data.ResidenceStatus, record.Data.StayUntil, record.ResidenceStatusGiven));
        Assert.Equal(["留学", "2028-03-31"], ResidentCsv.Row(record.Code.Value, record.Data, record.RegisteredOn).TakeLast(2));

        Assert.Null(ResidentCsv.ParseRow(Row("留学", ""), map, problems));
        Assert.Equal(ResidentCsv.StayUntil, Assert.Single(problems).Column);
        Assert.Null(ResidentCsv.ParseRow(Row("永住者", "2028-03-31"), map, problems));
        Assert.Equal(ResidentCsv.StayUntil, Assert.Single(problems).Column);
        Assert.Null(ResidentCsv.ParseRow(Row("旅行者", ""), map, problems));
        Assert.Equal(ResidentCsv.ResidenceStatus, Assert.Single(problems).Column);
    }

    [Fact]
    public void ParseRow_FileWithoutTheNewColumns_StillImports_AndSaysSo()
    {
        var (map, headerProblems) = Header();
        Assert.Empty(headerProblems);
        var problems = new List<(string Column, string Reason)>();

        var record = ResidentCsv.ParseRow(Row("", "").SkipLast(2).ToList(), map, problems);

        Assert.Empty(problems);
        Assert.False(record!.ResidenceStatusGiven);
        Assert.Null(record.Data.ResidenceStatus);
    }
}
