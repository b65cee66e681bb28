using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Myna.Core.Residents;

/// <summary>
/// 異体字 folded for searching (DOMAIN §2, §12): a name registered as 髙橋 is found by 高橋, 齋藤 by 斉藤. Each group is one
/// character written in several forms that registers treat as the same name when they search; the first form of a group
/// is its search key (the current, JIS X 0208 form), and every form of the group folds to it. Only searching folds: the
/// register, the pages, the letters, the chip and the certificates keep the registered form.
/// <para>
/// Sources, per group (the tag after each group below):
/// <list type="bullet">
/// <item><b>常用</b> — 常用漢字表 (平成22年内閣告示第2号): the 康熙字典体 printed in brackets beside the current form, which
/// 戸籍法施行規則 別表第二 allows in names (人名用漢字, the 許容字体 of the 常用漢字).</item>
/// <item><b>人名</b> — 戸籍法施行規則 別表第二 二: a 人名用漢字 listed as the variant (異体字) of another 人名用漢字 or 常用漢字.</item>
/// <item><b>JIS</b> — a form outside JIS X 0208 (JIS X 0213 / IBM extension) that the register writes with the given
/// JIS X 0208 form when it needs a stand-in (住基ネット統一文字 / 戸籍統一文字 correspondence, the same pairs as the
/// alternative characters of <see cref="AlternativeCharacters"/>), and the MJ 縮退マップ (文字情報基盤) which maps it to the
/// JIS X 0208 form for searching.</item>
/// </list>
/// 斉/齊 and 斎/齋 are two characters in the dictionaries (齊 "even", 齋 "purify"), but 斉藤・斎藤・齋藤・齊藤 are one surname
/// written four ways and people say it without knowing which: they are folded into one group for searching only, so a
/// search may show a 斉藤 to a clerk who typed 斎藤, never hide one. Characters that merely look alike are never folded:
/// 藤 (wisteria) and 籐 (rattan) are different characters and stay apart; so do 崎 and 埼, 辺 and 迎.
/// </para>
/// </summary>
public static class NameVariants
{
    /// <summary>The table: each group's first form is its search key. Documented for users in docs/residents-search.md.</summary>
    public static readonly IReadOnlyList<(string[] Forms, string Source)> Groups =
    [
        (["高", "髙"], "JIS"),
        (["崎", "﨑", "嵜"], "JIS"),
        (["斉", "斎", "齋", "齊"], "常用"),
        (["辺", "邊", "邉"], "常用・JIS"),
        (["沢", "澤"], "常用"),
        (["浜", "濱", "濵"], "常用・JIS"),
        (["桜", "櫻"], "常用"),
        (["広", "廣"], "常用"),
        (["徳", "德"], "常用"),
        (["国", "國"], "常用"),
        (["島", "嶋", "嶌"], "人名・JIS"),
        (["真", "眞"], "常用"),
        (["恵", "惠"], "常用"),
        (["万", "萬"], "常用"),
        (["曽", "曾"], "常用"),
        (["蔵", "藏"], "常用"),
        (["竜", "龍"], "常用"),
        (["円", "圓"], "常用"),
        (["関", "關"], "常用"),
        (["来", "來"], "常用"),
        (["実", "實"], "常用"),
        (["条", "條"], "常用"),
        (["弥", "彌"], "常用"),
        (["瀬", "瀨"], "常用"),
        (["栄", "榮"], "常用"),
        (["寿", "壽"], "常用"),
        (["浅", "淺"], "常用"),
        (["増", "增"], "常用"),
        (["渋", "澁"], "常用"),
        (["滝", "瀧"], "常用"),
        (["黒", "黑"], "常用"),
        (["峰", "峯"], "人名"),
        (["吉", "𠮷"], "JIS"),
        (["柳", "栁"], "JIS"),
    ];

    private static readonly FrozenDictionary<string, string> KeyOf = Groups
        .SelectMany(g => g.Forms.Select(f => (Form: f, Key: g.Forms[0])))
        .ToFrozenDictionary(p => p.Form, p => p.Key, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string[]> FormsOf = Groups
        .SelectMany(g => g.Forms.Select(f => (Form: f, g.Forms)))
        .ToFrozenDictionary(p => p.Form, p => p.Forms, StringComparer.Ordinal);

    /// <summary>Every form that folds to another (the variants, not the keys), with its key: for the stored keys' refold.</summary>
    public static IEnumerable<(string Variant, string Key)> Folds =>
        Groups.SelectMany(g => g.Forms.Skip(1).Select(f => (f, g.Forms[0])));

    /// <summary>The text with each variant replaced by its group's key; everything else as it was.</summary>
    public static string Fold(string text)
    {
        if (!NeedsFolding(text))
        {
            return text; // the common case, without splitting into text elements
        }
        var sb = new StringBuilder(text.Length);
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = (string)elements.Current;
            sb.Append(KeyOf.GetValueOrDefault(element, element));
        }
        return sb.ToString();
    }

    /// <summary>
    /// Every way of writing <paramref name="text"/> with the forms of its groups (高橋 → 高橋, 髙橋), at most
    /// <paramref name="limit"/>: for a lookup through a keyed hash, which cannot fold what it hashed. The text as given is
    /// always first.
    /// </summary>
    public static IReadOnlyList<string> Spellings(string text, int limit = 256)
    {
        var spellings = new List<string> { "" };
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = (string)elements.Current;
            var forms = FormsOf.TryGetValue(element, out var group) ? [element, .. group.Where(f => f != element)] : new[] { element };
            var next = new List<string>(spellings.Count * forms.Length);
            foreach (var form in forms)
            {
                foreach (var prefix in spellings)
                {
                    if (next.Count < limit)
                    {
                        next.Add(prefix + form);
                    }
                }
            }
            spellings = next;
        }
        // Built form by form so that the first spelling is the text itself (the other forms follow it).
        return spellings;
    }

    private static bool NeedsFolding(string text)
    {
        foreach (var c in text)
        {
            if (c >= '\u3400')
            {
                return true;
            }
        }
        return false;
    }
}
