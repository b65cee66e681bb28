using System.Globalization;
using Myna.Core.Text;

namespace Myna.Core.Statistics;

/// <summary>One area's figures: population at the reference date and cumulative cards issued (DOMAIN §11.1).</summary>
public sealed record AreaFigures(string Name, long Population, long Issued, string? Group = null);

/// <summary>An area with its rate (percent, rounded half-up to 0.1) and its rank (null for a total line).</summary>
public sealed record RatedArea(string Name, long Population, long Issued, decimal Rate, int? Rank, string? Group)
{
    public string RateText => Rate.ToString("0.0", CultureInfo.InvariantCulture) + "%";
}

/// <summary>
/// 交付率 (DOMAIN §11.1): cards issued ÷ population as a percentage rounded half-up to 0.1 %. Areas are
/// ordered by the exact rate (so ties stand in the order the published tables give them) and ranked
/// by the rounded rate with standard competition ranking: ties share a rank, the next rank skips
/// (1, 2, 2, 4). Ranks are given within each group (e.g. 特別区・市 and 町村).
/// </summary>
public static class IssuanceRates
{
    /// <summary>The name of the national total line.</summary>
    public const string Nation = "全国";

    public static decimal Rate(long issued, long population)
    {
        if (population <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(population), population, "a population must be positive");
        }
        if (issued < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(issued), issued, "cards issued cannot be negative");
        }
        return Math.Round(issued * 100m / population, 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>Rates and ranks; a <see cref="Nation"/> line is kept, unranked, where it stands (first or last).</summary>
    public static List<RatedArea> Rank(IEnumerable<AreaFigures> areas)
    {
        var list = areas.ToList();
        var result = new List<RatedArea>();
        if (list.FirstOrDefault() is { Name: Nation } first)
        {
            result.Add(Unranked(first));
        }
        foreach (var group in list.Where(a => a.Name != Nation).GroupBy(a => a.Group ?? ""))
        {
            var ordered = group.Select((a, i) => (Area: a, Index: i, Exact: (decimal)a.Issued / a.Population))
                .OrderByDescending(x => x.Exact).ThenBy(x => x.Index).ToList();
            var rank = 0;
            decimal? previous = null;
            for (var i = 0; i < ordered.Count; i++)
            {
                var a = ordered[i].Area;
                var rate = Rate(a.Issued, a.Population);
                if (rate != previous)
                {
                    rank = i + 1;
                    previous = rate;
                }
                result.Add(new RatedArea(a.Name, a.Population, a.Issued, rate, rank, a.Group));
            }
        }
        if (list.Count > 1 && list[^1] is { Name: Nation } last)
        {
            result.Add(Unranked(last));
        }
        return result;
    }

    /// <summary>The name of a total line over a selection of areas that is not the whole nation.</summary>
    public const string Sum = "合計";

    /// <summary>
    /// The total line of the areas (a given <see cref="Nation"/> line left out of the sum), rated and unranked. It is the
    /// nation only when the areas are the 47 prefectures (seed 001's 全国 line); the sum of any other selection is <see cref="Sum"/>.
    /// </summary>
    public static RatedArea TotalLine(IEnumerable<AreaFigures> areas)
    {
        var list = areas.Where(a => a.Name != Nation).ToList();
        var name = list.Count == 47 && list.All(a => a.Name.Length > 0 && a.Name[^1] is '都' or '道' or '府' or '県') ? Nation : Sum;
        return Unranked(new AreaFigures(name, list.Sum(a => a.Population), list.Sum(a => a.Issued)));
    }

    private static RatedArea Unranked(AreaFigures a) => new(a.Name, a.Population, a.Issued, Rate(a.Issued, a.Population), null, a.Group);

    /// <summary>
    /// Reads the figures CSV: a header with a name column (<c>name</c>, <c>category</c>, <c>prefecture</c>, or
    /// <c>prefecture</c> + <c>municipality</c>), a population column (<c>population…</c>) and an issued column
    /// (<c>cards_issued…</c> or <c>issued…</c>); other columns are ignored. Municipalities are grouped as the
    /// published tables group them: 町村 apart from 特別区・市. Throws <see cref="FormatException"/> naming the
    /// line and the column at fault.
    /// </summary>
    public static List<AreaFigures> ReadCsv(TextReader input)
    {
        var reader = new CsvReader(input);
        var header = reader.Read() ? reader.Fields.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray()
            : throw new RatesFileException(RatesFileMessages.Empty);
        int Column(params string[] prefixes) =>
            Array.FindIndex(header, h => prefixes.Any(p => h.StartsWith(p, StringComparison.OrdinalIgnoreCase)));
        var municipality = Column("municipality");
        var prefecture = Column("prefecture_name", "prefecture");
        if (prefecture >= 0 && header[prefecture].Equals("prefecture_code", StringComparison.OrdinalIgnoreCase))
        {
            prefecture = Array.FindIndex(header, h => h.Equals("prefecture", StringComparison.OrdinalIgnoreCase));
        }
        var name = municipality >= 0 ? municipality : Column("name", "category", "area") is var n and >= 0 ? n : prefecture;
        var population = Column("population");
        var issued = Column("cards_issued", "issued");
        if (name < 0 || population < 0 || issued < 0)
        {
            throw new RatesFileException(RatesFileMessages.Header);
        }
        var areas = new List<AreaFigures>();
        while (reader.Read())
        {
            var record = reader.Fields;
            var line = reader.RecordLine;
            if (record.Count == 1 && record[0].Trim().Length == 0)
            {
                continue;
            }
            string Field(int i, string column) => i < record.Count && record[i].Trim().Length > 0
                ? record[i].Trim() : throw new RatesFileException(RatesFileMessages.Missing.With(line, column));
            long Number(int i, string column) => long.TryParse(Field(i, column).Replace(",", "", StringComparison.Ordinal), NumberStyles.None,
                CultureInfo.InvariantCulture, out var v) ? v : throw new RatesFileException(RatesFileMessages.NotANumber.With(line, column, record[i]));
            var areaName = Field(name, header[name]);
            var pop = Number(population, header[population]);
            var cards = Number(issued, header[issued]);
            if (pop == 0)
            {
                throw new RatesFileException(RatesFileMessages.NoPopulation.With(line, areaName));
            }
            if (cards > pop)
            {
                throw new RatesFileException(RatesFileMessages.MoreCardsThanPeople.With(line, areaName,
                    cards.ToString("N0", CultureInfo.InvariantCulture), pop.ToString("N0", CultureInfo.InvariantCulture)));
            }
            var group = municipality >= 0 ? (areaName.EndsWith('町') || areaName.EndsWith('村') ? "町村" : "特別区・市") : null;
            areas.Add(new AreaFigures(municipality >= 0 && prefecture >= 0 ? Field(prefecture, "prefecture") + areaName : areaName, pop, cards, group));
        }
        return areas.Count > 0 ? areas : throw new RatesFileException(RatesFileMessages.NoFigures);
    }

    /// <summary>The CSV the command prints: name, population, issued, rate (one decimal, no % sign) and rank.</summary>
    public static string ToCsv(IEnumerable<RatedArea> rows)
    {
        var csv = new System.Text.StringBuilder("name,population,issued,rate,rank\n");
        foreach (var r in rows)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{Quote(r.Name)},{r.Population},{r.Issued},{r.Rate:0.0},{r.Rank}\n");
        }
        return csv.ToString();
    }

    private static string Quote(string value) => value.IndexOfAny([',', '"', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
