using System.Text;
using Myna.Core.Residents;

namespace Myna.Municipal.Residents;

/// <summary>
/// Brings the stored name search keys (<c>residents.search_name</c>) to the 異体字 table of <see cref="NameVariants"/>
/// (DOMAIN §2): the key was the name without spaces, and folding is a replacement of one form by another, so the stored
/// key can be refolded in place, in SQL, by both providers alike. Idempotent: a folded key is left as it is. A migration
/// runs it once; a later change to the table needs a migration of its own that runs it again.
/// </summary>
public static class SearchKeyRefold
{
    public static string Sql()
    {
        var expression = new StringBuilder("search_name");
        foreach (var (variant, key) in NameVariants.Folds)
        {
            expression.Insert(0, "replace(").Append(", '").Append(variant).Append("', '").Append(key).Append("')");
        }
        return $"UPDATE residents SET search_name = {expression} WHERE search_name <> {expression}";
    }
}
