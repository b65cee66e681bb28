using System.Text;
using Myna.Core.Residents;
using Myna.Core.Text;
using Myna.Hosting.Demo;

namespace Myna.Testing;

public static class TestData
{
    public static readonly DateOnly Today = new(2026, 11, 22);

    public static List<ResidentRecord> Residents(int count, int seed = 7) =>
        new DemoResidents("宮城県", "石巻市", seed, Today).Generate(count).ToList();

    public static string Csv(IEnumerable<ResidentRecord> records)
    {
        var sb = new StringWriter();
        var w = new CsvWriter(sb);
        w.WriteRecord(ResidentCsv.Columns);
        foreach (var r in records)
        {
            w.WriteRecord(ResidentCsv.Row(r.Code.Value, r.Data, r.RegisteredOn));
        }
        return sb.ToString();
    }

    public static string WriteFile(string folder, string name, string content, Encoding? encoding = null)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content, encoding ?? new UTF8Encoding(false));
        return path;
    }
}
