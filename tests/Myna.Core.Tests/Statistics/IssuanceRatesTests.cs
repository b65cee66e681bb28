using System.Globalization;
using Myna.Core.Statistics;

namespace Myna.Core.Tests.Statistics;

/// <summary>
/// 交付率 and rankings (DOMAIN §11.1): the prefecture, category and municipality tables of seed 001 come
/// out of the figures in samples/statistics exactly as published — every rate and every rank, ties included.
/// </summary>
public sealed class IssuanceRatesTests
{
    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Myna.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("the repository root (Myna.slnx) is not above the test folder");
    }

    private static List<RatedArea> Rated(string file)
    {
        using var reader = new StreamReader(Path.Combine(Root(), "samples", "statistics", file));
        return IssuanceRates.Rank(IssuanceRates.ReadCsv(reader));
    }

    /// <summary>The published rows of one table: (rank or null, name, population, issued, rate text).</summary>
    private static List<(int? Rank, string Name, long Population, long Issued, string Rate)> Published(string table)
    {
        var lines = File.ReadAllLines(Path.Combine(Root(), "tests", "Myna.Core.Tests", "Statistics", "seed001-published.tsv"));
        long N(string s) => long.Parse(s, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        return lines.Where(l => l.StartsWith(table + "\t", StringComparison.Ordinal)).Select(l => l.Split('\t')[1..]).Select(f => f.Length == 5
                ? (f[0].Length == 0 ? (int?)null : int.Parse(f[0], CultureInfo.InvariantCulture), f[1], N(f[2]), N(f[3]), f[4])
                : ((int?)null, f[0], N(f[1]), N(f[2]), f[3]))
            .ToList();
    }

    [Fact]
    public void TheTotalOfASelection_IsASum_NotTheNation()
    {
        // Seed 001's top municipalities add up to far fewer people than Japan: their total is 合計, never 全国.
        var top = IssuanceRates.ReadCsv(new StreamReader(Path.Combine(Root(), "samples", "statistics", "municipalities-top-2021.csv")));
        var total = IssuanceRates.TotalLine(top);
        Assert.Equal(IssuanceRates.Sum, total.Name);
        Assert.Null(total.Rank);
        Assert.Equal(top.Sum(a => a.Population), total.Population);
        var prefectures = IssuanceRates.ReadCsv(new StreamReader(Path.Combine(Root(), "samples", "statistics", "prefectures-2021.csv")));
        Assert.Equal(IssuanceRates.Nation, IssuanceRates.TotalLine(prefectures).Name);
        Assert.Equal(IssuanceRates.Sum, IssuanceRates.TotalLine(prefectures.Skip(1)).Name);
    }

    [Fact]
    public void ThePrefectureTable_EveryRankAndRate_TiesIncluded_WithTheNationalLine()
    {
        var rated = Rated("prefectures-2021.csv");
        rated.Add(IssuanceRates.TotalLine(IssuanceRates.ReadCsv(new StreamReader(Path.Combine(Root(), "samples", "statistics", "prefectures-2021.csv")))));
        var published = Published("prefecture");

        Assert.Equal(48, published.Count);
        Assert.Equal(published, rated.Select(r => (r.Rank, r.Name, r.Population, r.Issued, r.RateText)).ToList());
        Assert.Equal([9, 9], rated.Where(r => r.Name is "山口県" or "千葉県").Select(r => r.Rank!.Value));
        Assert.Equal(11, rated.Single(r => r.Name == "京都府").Rank); // the next rank skips
    }

    [Fact]
    public void TheCategoryTable_InPublishedOrder_WithItsRates()
    {
        var rated = Rated("categories-2021.csv");
        var published = Published("category");

        Assert.Equal(published.Select(p => (p.Name, p.Population, p.Issued, p.Rate)), rated.Select(r => (r.Name, r.Population, r.Issued, r.RateText)));
        Assert.Null(rated[0].Rank); // 全国 is the total line
        Assert.Equal([1, 2, 3, 4], rated.Skip(1).Select(r => r.Rank!.Value));
    }

    [Fact]
    public void TheMunicipalityTables_CitiesAndTownsRankedApart_InPublishedOrder()
    {
        var rated = Rated("municipalities-top-2021.csv");
        foreach (var table in new[] { "特別区・市", "町村" })
        {
            var published = Published(table);
            var group = rated.Where(r => r.Group == table).ToList();
            Assert.Equal(10, published.Count);
            Assert.Equal(published.Select(p => (p.Name, p.Population, p.Issued, p.Rate)), group.Select(r => (r.Name, r.Population, r.Issued, r.RateText)));
            // The published lists carry no rank column: the rank is one more than the rows with a higher published rate.
            Assert.Equal(published.Select(p => 1 + published.Count(q => Percent(q.Rate) > Percent(p.Rate))), group.Select(r => r.Rank!.Value));
        }
        Assert.Equal([6, 6, 8], rated.Where(r => r.Name is "三重県いなべ市" or "東京都中央区" or "奈良県生駒市").Select(r => r.Rank!.Value));
        Assert.Equal([4, 4, 6], rated.Where(r => r.Name is "長野県南牧村" or "茨城県五霞町" or "奈良県曾爾村").Select(r => r.Rank!.Value));
    }

    private static decimal Percent(string text) => decimal.Parse(text.TrimEnd('%'), CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(1, 2000, "0.1")] // 0.05 % rounds half up
    [InlineData(1, 3, "33.3")]
    [InlineData(2, 3, "66.7")]
    [InlineData(342400, 1369882, "25.0")] // 24.995…
    [InlineData(0, 10, "0.0")]
    [InlineData(10, 10, "100.0")]
    public void RatesRoundHalfUpToOneDecimal(long issued, long population, string rate) =>
        Assert.Equal(rate, IssuanceRates.Rate(issued, population).ToString("0.0", CultureInfo.InvariantCulture));

    [Fact]
    public void BadFiguresAreRefusedWithTheLine()
    {
        Assert.Contains("line 3: population_2020_01_01 'many' is not a whole number",
            Assert.ThrowsAny<FormatException>(() => IssuanceRates.ReadCsv(new StringReader("name,population_2020_01_01,cards_issued_2021_01_01\nA,10,1\nB,many,1\n"))).Message,
            StringComparison.Ordinal);
        Assert.Contains("more cards issued",
            Assert.ThrowsAny<FormatException>(() => IssuanceRates.ReadCsv(new StringReader("name,population,issued\nA,10,11\n"))).Message, StringComparison.Ordinal);
        Assert.Contains("line 1: the header needs",
            Assert.ThrowsAny<FormatException>(() => IssuanceRates.ReadCsv(new StringReader("foo,bar\n1,2\n"))).Message, StringComparison.Ordinal);
        Assert.ThrowsAny<FormatException>(() => IssuanceRates.ReadCsv(new StringReader("")));
        // The same refusal for a Japanese screen, from the catalogue.
        Assert.Equal("3行目：population_2020_01_01 の「many」は整数ではありません。",
            Assert.Throws<RatesFileException>(() => IssuanceRates.ReadCsv(new StringReader("name,population_2020_01_01,cards_issued_2021_01_01\nA,10,1\nB,many,1\n"))).Text.Ja);
        Assert.Equal("name,population,issued,rate,rank\n\"A,B\",10,1,10.0,1\n",
            IssuanceRates.ToCsv(IssuanceRates.Rank(IssuanceRates.ReadCsv(new StringReader("name,population,issued\n\"A,B\",\"10\",1\n")))));
    }
}
