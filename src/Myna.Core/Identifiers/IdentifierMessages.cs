using Myna.Core.Text.Messages;

namespace Myna.Core.Identifiers;

/// <summary>
/// Why a typed identifier is not valid (DOMAIN §1.3 "report which rule failed"). A sensitive identifier's messages
/// never quote the input, a character of it or the expected check digit (§12), so they have their own entries.
/// </summary>
[MessageCatalogue]
public static class IdentifierMessages
{
    public static readonly MessageText IndividualNumber = new("ident.noun.individual-number", "個人番号", "an individual number");
    public static readonly MessageText CorporateNumber = new("ident.noun.corporate-number", "法人番号", "a corporate number");
    public static readonly MessageText MunicipalityCode = new("ident.noun.municipality-code", "市区町村コード", "a municipality code");
    public static readonly MessageText ResidentCode = new("ident.noun.resident-code", "住民票コード", "a resident code");
    public static readonly MessageText CodeOrNumber = new("ident.code-or-number", "11桁の住民票コードまたは12桁の個人番号を入力してください。",
        "enter an 11-digit resident code or a 12-digit individual number");
    public static readonly MessageText ApplicationId = new("ident.noun.application-id", "申請書ID", "an application ID");
    public static readonly MessageText CollationNumberB = new("ident.noun.collation-number-b", "照合番号B", "a collation number B");

    public static readonly MessageText Empty = new("ident.empty", "{0}を入力してください。", "{0} is required; the input is empty");
    public static readonly MessageText NonDigit = new("ident.non-digit", "{0}は数字だけで入力してください（{2}文字目の {1} は数字ではありません）。",
        "{0} contains only digits; found {1} at position {2}");
    public static readonly MessageText NonDigitSensitive = new("ident.non-digit.sensitive", "{0}は数字だけで入力してください（{1}文字目が数字ではありません）。",
        "{0} contains only digits; found a non-digit character at position {1}");
    public static readonly MessageText Length = new("ident.length", "{0}は{1}桁です（入力は{2}桁です）。", "{0} has {1} digits; got {2}");
    public static readonly MessageText CheckDigit = new("ident.check-digit", "{0}のチェックデジット（検査数字）が合いません（正しくは {1}）。",
        "the check digit of {0} does not match (expected {1})");
    public static readonly MessageText CheckDigitSensitive = new("ident.check-digit.sensitive",
        "{0}のチェックデジット（検査数字）が合いません。数字の誤りか、隣り合う数字の入れ違いがないか確かめてください。",
        "the check digit of {0} does not match; a digit is wrong or two are swapped");
    public static readonly MessageText ApplicationMunicipalityCheckDigit = new("ident.application-id.municipality-check-digit",
        "申請書IDの先頭の市区町村コードのチェックデジット（検査数字）が合いません（正しくは {0}）。",
        "an application ID starts with a municipality code, but that code's check digit does not match (expected {0})");
}
