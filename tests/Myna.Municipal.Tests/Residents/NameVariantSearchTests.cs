using Microsoft.EntityFrameworkCore;
using Myna.Municipal.Residents;
using Myna.Testing;

namespace Myna.Municipal.Tests.Residents;

/// <summary>異体字 in resident search (DOMAIN §2): a name typed with one form finds the residents registered with another, on both providers.</summary>
public sealed class NameVariantSearchTests
{
    private static readonly Reader Clerk = new("clerk", MaySeeProtected: false);

    /// <summary>Four residents renamed 髙橋 健 (タカハシ ケン), 斎藤 一, 齋藤 二 and 藤田 三; the rest of the register as loaded.</summary>
    private static async Task<TestStores> RegisterAsync(string provider)
    {
        var stores = await TestStores.CreateAsync(provider);
        await RegisterScenarios.LoadAsync(stores, 6);
        await using var db = stores.OpenMunicipal();
        var residents = await db.Residents.OrderBy(r => r.Id).Take(4).ToListAsync();
        (string Family, string Given, string FamilyKana, string GivenKana)[] names =
            [("髙橋", "健", "タカハシ", "ケン"), ("斎藤", "一", "サイトウ", "ハジメ"), ("齋藤", "二", "サイトウ", "ジ"), ("藤田", "三", "フジタ", "サン")];
        foreach (var (r, n) in residents.Zip(names))
        {
            (r.FamilyName, r.GivenName, r.FamilyNameKana, r.GivenNameKana) = n;
            r.RefreshDerived();
        }
        await db.SaveChangesAsync();
        return stores;
    }

    private static async Task<List<string>> NamesFoundAsync(TestStores stores, string query)
    {
        await using var db = stores.OpenMunicipal();
        var found = await stores.Runtime.ResidentQueries(TestStores.Ishinomaki).SearchAsync(db, new ResidentSearchCriteria(Name: query, PageSize: 100), Clerk);
        return [.. found.Items.Select(i => i.FullName).Order(StringComparer.Ordinal)];
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Search_CommonFormOfAVariant_FindsTheRegisteredFormAndShowsIt(string provider)
    {
        await using var stores = await RegisterAsync(provider);

        Assert.Equal(["髙橋\u3000健"], await NamesFoundAsync(stores, "高橋"));
        Assert.Equal(["髙橋\u3000健"], await NamesFoundAsync(stores, "髙橋"));
        Assert.Equal(["髙橋\u3000健"], await NamesFoundAsync(stores, "高橋　健"));
        Assert.Equal(["斎藤\u3000一", "齋藤\u3000二"], await NamesFoundAsync(stores, "斉藤"));
        Assert.Equal(["斎藤\u3000一", "齋藤\u3000二"], await NamesFoundAsync(stores, "齋藤"));
        Assert.Equal(["齋藤\u3000二"], await NamesFoundAsync(stores, "斎藤二"));
        // 藤 is not folded with 籐 (a different character): 籐田 finds nobody.
        Assert.Empty(await NamesFoundAsync(stores, "籐田"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Search_Kana_IsUnaffectedByTheVariantTable(string provider)
    {
        await using var stores = await RegisterAsync(provider);

        Assert.Equal(["髙橋\u3000健"], await NamesFoundAsync(stores, "たかはし"));
        Assert.Equal(["髙橋\u3000健"], await NamesFoundAsync(stores, "ﾀｶﾊｼ ｹﾝ"));
        Assert.Equal(["斎藤\u3000一", "齋藤\u3000二"], await NamesFoundAsync(stores, "サイトウ"));
    }

    /// <summary>The migration's refold: keys stored before the table existed (the name without spaces) are folded in place, once.</summary>
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Refold_KeysStoredBeforeTheTable_AreFoldedAndASecondRunChangesNothing(string provider)
    {
        await using var stores = await RegisterAsync(provider);
        await using (var db = stores.OpenMunicipal())
        {
            // As the register stored them before: the registered forms, unfolded.
            await db.Database.ExecuteSqlRawAsync("UPDATE residents SET search_name = family_name || given_name");
            Assert.Empty(await NamesFoundAsync(stores, "高橋"));

            // Every row whose name has a variant (髙橋健, 斎藤一 and 齋藤二 at least: 斉 is the key of their group), and only those.
            var names = await db.Residents.AsNoTracking().Select(r => r.FamilyName + r.GivenName).ToListAsync();
            var expected = names.Count(n => Core.Residents.NameVariants.Fold(n) != n);
            Assert.True(expected >= 3);
            Assert.Equal(expected, await db.Database.ExecuteSqlRawAsync(SearchKeyRefold.Sql()));
            Assert.Equal(0, await db.Database.ExecuteSqlRawAsync(SearchKeyRefold.Sql()));
            Assert.Equal(["斉藤一", "斉藤二", "藤田三", "高橋健"],
                (await db.Residents.AsNoTracking().OrderBy(r => r.Id).Take(4).Select(r => r.SearchName).ToListAsync()).Order(StringComparer.Ordinal));
        }
        Assert.Equal(["髙橋\u3000健"], await NamesFoundAsync(stores, "高橋"));
    }
}
