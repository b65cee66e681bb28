using System.Text;
using System.Text.RegularExpressions;
using Myna.Core.Residents;

namespace Myna.Core.Lifecycle;

/// <summary>How a spoken address compares with the one on the card.</summary>
public enum AddressAgreement
{
    Differs = 0,
    /// <summary>Equal once written alike (prefecture, block numbers, widths, spaces, 異体字).</summary>
    Same = 1,
    /// <summary>Equal to the card's address without its building: the caller left the building out.</summary>
    SameWithoutBuilding = 2,
}

/// <summary>
/// The four information compared as a caller says them (DOMAIN §8.3, §2): the same normalisation as the resident search —
/// full-/half-width, spaces and the 異体字 of <see cref="NameVariants"/> — and, for the address, the prefecture may be left
/// out, block numbers may be said as 14-8, 14番8号, 14番地の8 or 十四番八号, and the building may be left out (the caller is
/// then matched only if the rest names one card: <see cref="AddressAgreement.SameWithoutBuilding"/>).
/// </summary>
public static partial class FourInformationMatch
{
    private static readonly string[] Prefectures =
    [
        "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県", "東京都",
        "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府",
        "大阪府", "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県",
        "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
    ];

    /// <summary>A name as compared: widths folded (NFKC), no spaces, 異体字 folded.</summary>
    public static string Name(string name) => ResidentSearch.NormalizeName(name.Normalize(NormalizationForm.FormKC));

    /// <summary>Whether the caller's name is the card's name, as <see cref="Name"/> writes both.</summary>
    public static bool SameName(string spoken, string onCard) => Name(spoken) == Name(onCard);

    /// <summary>
    /// The caller's address against the card's (the register's form: prefecture, city, town and block, then the building
    /// after an ideographic space, <see cref="RegisterAddress"/>).
    /// </summary>
    public static AddressAgreement Address(string spoken, string onCard)
    {
        var cut = onCard.IndexOfAny([RegisterAddress.Separator, ' ']);
        var (place, building) = cut < 0 ? (onCard, "") : (onCard[..cut], onCard[(cut + 1)..]);
        var said = Split(AddressKey(spoken));
        if (Agree(said, Split(AddressKey(place + building))))
        {
            return AddressAgreement.Same;
        }
        return building.Trim().Length > 0 && Agree(said, Split(AddressKey(place)))
            ? AddressAgreement.SameWithoutBuilding
            : AddressAgreement.Differs;
    }

    /// <summary>
    /// An address written one way: widths folded, no spaces, 異体字 folded, kanji numerals of block numbers as digits, and
    /// 丁目・番地・番・号・の between numbers as hyphens (宮城県石巻市穀町十四番八号 → 宮城県石巻市穀町14-8).
    /// </summary>
    public static string AddressKey(string address)
    {
        var text = Name(address);
        text = Dashes().Replace(text, "-");
        text = KanjiNumber().Replace(text, m => ToDigits(m.Value));
        text = BlockMarker().Replace(text, "$1-");
        return HyphenNotBeforeDigit().Replace(text, "");
    }

    private static (string? Prefecture, string Remainder) Split(string key)
    {
        foreach (var p in Prefectures)
        {
            if (key.StartsWith(p, StringComparison.Ordinal))
            {
                return (p, key[p.Length..]);
            }
        }
        return (null, key);
    }

    // With or without the prefecture, but never two different prefectures.
    private static bool Agree((string? Prefecture, string Remainder) a, (string? Prefecture, string Remainder) b) =>
        a.Remainder == b.Remainder && (a.Prefecture is null || b.Prefecture is null || a.Prefecture == b.Prefecture);

    /// <summary>一四 → 14 (digit by digit), 十四 → 14, 二十 → 20, 百五 → 105.</summary>
    private static string ToDigits(string kanji)
    {
        const string digits = "〇一二三四五六七八九";
        if (!kanji.Any(c => c is '十' or '百' or '千'))
        {
            return string.Concat(kanji.Select(c => (char)('0' + digits.IndexOf(c, StringComparison.Ordinal))));
        }
        var total = 0;
        var current = 0;
        foreach (var c in kanji)
        {
            var unit = c switch { '十' => 10, '百' => 100, '千' => 1000, _ => 0 };
            if (unit == 0)
            {
                current = digits.IndexOf(c, StringComparison.Ordinal);
            }
            else
            {
                total += (current == 0 ? 1 : current) * unit;
                current = 0;
            }
        }
        return (total + current).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    // Only a kanji numeral that a block marker follows is a number: 八王子, 四日市, 一宮 stay as they are.
    [GeneratedRegex("[〇一二三四五六七八九十百千]+(?=丁目|番地|番|号|の[0-9〇一二三四五六七八九十]|-)")]
    private static partial Regex KanjiNumber();

    [GeneratedRegex("(?<=[0-9])[‐‑–—―−ーｰ](?=[0-9])")]
    private static partial Regex Dashes();

    [GeneratedRegex("([0-9]+)(丁目|番地の|番地|番の|番|号|の(?=[0-9])|-)")]
    private static partial Regex BlockMarker();

    [GeneratedRegex("-(?![0-9])")]
    private static partial Regex HyphenNotBeforeDigit();
}
