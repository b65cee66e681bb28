namespace Myna.Web.Infrastructure;

/// <summary>The words of name and address matching: alternative characters on the resident page (DOMAIN §2) and the call centre's form (§8.3).</summary>
public sealed partial class UiText
{
    private static Dictionary<string, (string Ja, string En)> NameMatchingTexts => new(StringComparer.Ordinal)
    {
        ["alt.name"] = ("氏名", "Name"),
        ["alt.address"] = ("住所", "Address"),
        ["alt.position"] = ("{0}文字目の「{1}」（JIS X 0208 にない文字）を「{2}」で表記", "character {0}, {1} (not in JIS X 0208), is written as {2}"),
        ["alt.undecided"] = ("{0}文字目の「{1}」（JIS X 0208 にない文字）は代替文字が未定（〓）。住民記録の担当が決めます", "character {0}, {1} (not in JIS X 0208), has no stand-in yet (〓): the register office chooses one"),
        ["alt.flags"] = ("位置フラグ {0}：1文字ごとに 1＝代替した文字、0＝登録どおりの文字（氏と名の間の空白も1文字）",
            "Position flags {0}: one per character, 1 = written with a stand-in, 0 = as registered (the space between the names counts as one)"),
        ["cc.address.hint"] = ("例: 石巻市穀町14-8（都道府県・建物名は省略可）", "e.g. 石巻市穀町14-8 (prefecture and building optional)"),
        ["cc.matching"] = ("全角・半角、空白、異体字（髙/高、齋/斎/斉 など）の違いは照合に影響しません。住所は都道府県を省略でき、番地は「14-8」「14番8号」「十四番八号」のどれでも構いません。建物名は、省略しても一枚に決まるときは不要です。",
            "Full-/half-width, spaces and variant kanji (髙/高, 齋/斎/斉 …) do not matter. The prefecture may be left out, block numbers may be said as 14-8, 14番8号 or 十四番八号, and the building may be left out when the rest names one card."),
    };
}
