using Myna.Core.Identifiers;
using Myna.Core.Residents;

namespace Myna.Hosting.Demo;

/// <summary>
/// Synthetic, deterministic residents for demos, tests and benchmarks: Japanese names with
/// readings, households of realistic sizes, a Japanese age pyramid, addresses in the
/// municipality, and some names with characters outside JIS X 0208 (髙, 﨑, 𠮷). The same seed
/// gives the same people.
/// </summary>
public sealed class DemoResidents(string prefecture, string city, int seed, DateOnly today)
{
    private static readonly (string Name, string Kana)[] Surnames =
    [
        ("佐藤", "サトウ"), ("鈴木", "スズキ"), ("高橋", "タカハシ"), ("田中", "タナカ"), ("伊藤", "イトウ"), ("渡辺", "ワタナベ"),
        ("山本", "ヤマモト"), ("中村", "ナカムラ"), ("小林", "コバヤシ"), ("加藤", "カトウ"), ("吉田", "ヨシダ"), ("山田", "ヤマダ"),
        ("佐々木", "ササキ"), ("山口", "ヤマグチ"), ("松本", "マツモト"), ("井上", "イノウエ"), ("木村", "キムラ"), ("林", "ハヤシ"),
        ("斎藤", "サイトウ"), ("清水", "シミズ"), ("阿部", "アベ"), ("遠藤", "エンドウ"), ("菅原", "スガワラ"), ("千葉", "チバ"),
        ("及川", "オイカワ"), ("武山", "タケヤマ"), ("阿部", "アベ"), ("木村", "キムラ"), ("今野", "コンノ"), ("後藤", "ゴトウ"),
        ("大内", "オオウチ"), ("平塚", "ヒラツカ"), ("相澤", "アイザワ"), ("齋藤", "サイトウ"), ("渡邊", "ワタナベ"), ("熊谷", "クマガイ"),
        ("髙橋", "タカハシ"), ("山﨑", "ヤマザキ"), ("𠮷田", "ヨシダ"),
    ];

    private static readonly (string Name, string Kana)[] MaleNames =
    [
        ("翔太", "ショウタ"), ("大輔", "ダイスケ"), ("健一", "ケンイチ"), ("誠", "マコト"), ("浩", "ヒロシ"), ("隆", "タカシ"),
        ("蓮", "レン"), ("悠真", "ユウマ"), ("陽翔", "ハルト"), ("湊", "ミナト"), ("拓也", "タクヤ"), ("和夫", "カズオ"),
        ("清", "キヨシ"), ("勝", "マサル"), ("正雄", "マサオ"), ("一郎", "イチロウ"), ("直樹", "ナオキ"), ("亮", "リョウ"),
    ];

    private static readonly (string Name, string Kana)[] FemaleNames =
    [
        ("陽菜", "ヒナ"), ("結衣", "ユイ"), ("さくら", "サクラ"), ("美咲", "ミサキ"), ("恵子", "ケイコ"), ("幸子", "サチコ"),
        ("和子", "カズコ"), ("洋子", "ヨウコ"), ("由美", "ユミ"), ("直美", "ナオミ"), ("愛", "アイ"), ("葵", "アオイ"),
        ("芽依", "メイ"), ("久美子", "クミコ"), ("節子", "セツコ"), ("明美", "アケミ"), ("真由美", "マユミ"), ("凛", "リン"),
    ];

    private static readonly (string Town, string Postal)[] Towns =
    [
        ("穀町", "986-8501"), ("中央一丁目", "986-0822"), ("千石町", "986-0824"), ("日和が丘二丁目", "986-0832"),
        ("門脇町三丁目", "986-0835"), ("蛇田字新金沼", "986-0861"), ("大街道南四丁目", "986-0022"), ("鹿妻南二丁目", "986-2135"),
        ("渡波字栄田", "986-2103"), ("湊町一丁目", "986-0012"), ("桃生町中津山", "986-0301"), ("河北町相野谷", "986-0101"),
        ("雄勝町雄勝", "986-1301"), ("鮎川浜", "986-2523"), ("水明北一丁目", "986-0856"), ("開北二丁目", "986-0803"),
    ];

    // Share of the population per 5-year band (0–4 … 95+), after Japan's 2020 census shape.
    private static readonly double[] AgeBands =
        [3.6, 4.0, 4.3, 4.4, 4.7, 5.0, 5.5, 6.0, 6.9, 7.7, 7.0, 6.3, 6.2, 7.1, 7.7, 6.3, 5.2, 3.9, 2.5, 1.2];

    /// <summary>
    /// Places of the family register (本籍, DOMAIN §8.6) for the demo: most households keep theirs in the city they live in,
    /// the others in a neighbouring city, the prefecture's capital or Tokyo. With the municipality codes §9 forwards to.
    /// </summary>
    private static readonly (string City, string Code, string Place)[] RegisterPlaces =
    [
        ("石巻市", "042021", "宮城県石巻市穀町14番地"),
        ("東松島市", "042145", "宮城県東松島市矢本字大溜1番地"),
        ("仙台市青葉区", "041017", "宮城県仙台市青葉区国分町三丁目7番地"),
        ("大崎市", "042153", "宮城県大崎市古川七日町1番地"),
        ("千代田区", "131016", "東京都千代田区千代田1番地"),
    ];

    private readonly Random random = new(seed);
    // A stream of its own, so the people the seed gave before the 本籍 existed are still the same people.
    private readonly Random registerRandom = new(seed ^ 0x5EED);
    private readonly HashSet<long> usedCodes = [];
    private int householdNumber;

    /// <summary>Generates exactly <paramref name="count"/> residents, household by household.</summary>
    public IEnumerable<ResidentRecord> Generate(int count)
    {
        var produced = 0;
        while (produced < count)
        {
            foreach (var r in Household(Math.Min(HouseholdSize(), count - produced)))
            {
                produced++;
                yield return r;
            }
        }
    }

    private int HouseholdSize()
    {
        var x = random.NextDouble();
        return x switch
        {
            < 0.35 => 1,
            < 0.63 => 2,
            < 0.80 => 3,
            < 0.93 => 4,
            < 0.98 => 5,
            _ => 6,
        };
    }

    private IEnumerable<ResidentRecord> Household(int size)
    {
        householdNumber++;
        var householdCode = "H" + (seed % 1000).ToString("D3", System.Globalization.CultureInfo.InvariantCulture) + "-"
            + householdNumber.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
        var surname = Surnames[random.Next(Surnames.Length)];
        var (town, postal) = Towns[random.Next(Towns.Length)];
        var block = $"{random.Next(1, 30)}番{random.Next(1, 25)}号";
        string? building = random.NextDouble() < 0.2 ? $"コーポ石巻{random.Next(1, 4)}0{random.Next(1, 9)}号室" : null;
        var headAge = Math.Max(size == 1 ? 18 : 22, Age(minimum: 18));
        var headSex = random.NextDouble() < 0.7 ? Sex.Male : Sex.Female;
        var register = RegisterPlace(town, block);
        var head = Person(householdCode, "世帯主", surname, headSex, headAge, town, postal, block, building);
        head = WithRegister(head, register);
        yield return head;
        var remaining = size - 1;
        if (remaining > 0 && random.NextDouble() < 0.8)
        {
            var spouseAge = Math.Clamp(headAge + random.Next(-6, 4), 18, 100);
            yield return WithRegister(Person(householdCode, headSex == Sex.Male ? "妻" : "夫", surname, headSex == Sex.Male ? Sex.Female : Sex.Male,
                spouseAge, town, postal, block, building), register);
            remaining--;
        }
        for (var i = 0; i < remaining; i++)
        {
            var childAge = headAge - random.Next(22, 41);
            if (childAge >= 0)
            {
                yield return WithRegister(Person(householdCode, "子", surname, random.NextDouble() < 0.51 ? Sex.Male : Sex.Female, childAge, town, postal, block,
                    building), register);
            }
            else
            {
                var parentAge = Math.Min(headAge + random.Next(22, 36), 104);
                var parentSex = random.NextDouble() < 0.6 ? Sex.Female : Sex.Male;
                // A parent usually keeps a family register of their own, in their home town.
                yield return WithRegister(Person(householdCode, parentSex == Sex.Female ? "母" : "父", surname, parentSex, parentAge, town, postal, block,
                    building), RegisterPlace(town, block));
            }
        }
    }

    /// <summary>本籍 of a household: where it lives (about two in three) or one of the other places.</summary>
    private (string Place, string? Code) RegisterPlace(string town, string block)
    {
        if (registerRandom.NextDouble() < 0.65)
        {
            var home = RegisterPlaces.FirstOrDefault(p => p.City == city);
            return (prefecture + city + town + block.Split('番')[0] + "番地", home.Code);
        }
        var other = RegisterPlaces.Where(p => p.City != city).ToArray();
        var pick = other[registerRandom.Next(other.Length)];
        return (pick.Place, pick.Code);
    }

    private static ResidentRecord WithRegister(ResidentRecord r, (string Place, string? Code) register) =>
        r with { Data = r.Data with { FamilyRegisterPlace = register.Place, FamilyRegisterMunicipality = register.Code } };

    private int Age(int minimum)
    {
        while (true)
        {
            var x = random.NextDouble() * AgeBands.Sum();
            var band = 0;
            while (band < AgeBands.Length - 1 && x > AgeBands[band])
            {
                x -= AgeBands[band];
                band++;
            }
            var age = band * 5 + random.Next(5);
            if (age >= minimum)
            {
                return age;
            }
        }
    }

    private ResidentRecord Person(string householdCode, string relationship, (string Name, string Kana) surname, Sex sex, int age,
        string town, string postal, string block, string? building)
    {
        var given = sex == Sex.Male ? MaleNames[random.Next(MaleNames.Length)] : FemaleNames[random.Next(FemaleNames.Length)];
        var birth = today.AddYears(-age).AddDays(-random.Next(0, 365));
        var registered = birth.AddDays(random.NextDouble() < 0.6 ? 0 : random.Next(0, Math.Max(1, today.DayNumber - birth.DayNumber)));
        long body;
        do
        {
            body = random.NextInt64(1_000_000_000L, 10_000_000_000L);
        }
        while (!usedCodes.Add(body));
        var snapshot = new ResidentSnapshot(householdCode, relationship, surname.Name, given.Name, surname.Kana, given.Kana,
            null, null, birth, sex, postal, prefecture, city, town, block, building, ResidentStatus.Active);
        return new ResidentRecord(ResidentCode.FromBody(body), householdCode, snapshot, registered);
    }
}
