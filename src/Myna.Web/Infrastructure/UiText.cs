using System.Collections.Frozen;

namespace Myna.Web.Infrastructure;

/// <summary>
/// The staff UI's words, Japanese first with English switchable (cookie <c>myna-lang</c>).
/// One table keeps both languages side by side, so a missing translation is visible here.
/// </summary>
public sealed class UiText(string language)
{
    public const string CookieName = "myna-lang";

    public string Language { get; } = language == "en" ? "en" : "ja";
    public bool IsEnglish => Language == "en";

    public string this[string key] => Texts.TryGetValue(key, out var t) ? (IsEnglish ? t.En : t.Ja) : key;

    private static readonly FrozenDictionary<string, (string Ja, string En)> Texts = new Dictionary<string, (string, string)>
    {
        ["app"] = ("Myna 個人番号カード業務", "Myna Individual Number Card"),
        ["signin"] = ("サインイン", "Sign in"),
        ["signout"] = ("サインアウト", "Sign out"),
        ["user"] = ("ユーザー名", "User name"),
        ["password"] = ("パスワード", "Password"),
        ["municipality"] = ("自治体", "Municipality"),
        ["signin.failed"] = ("ユーザー名またはパスワードが正しくありません。", "The user name or password is not correct."),
        ["signin.locked"] = ("サインインの失敗が続いたため、このアカウントは {0} までロックされています。", "After repeated failures this account is locked until {0}."),
        ["signin.required"] = ("ユーザー名とパスワードを入力してください。", "Enter your user name and password."),
        ["search"] = ("住民検索", "Resident search"),
        ["search.button"] = ("検索", "Search"),
        ["search.clear"] = ("クリア", "Clear"),
        ["search.hint"] = ("氏名（漢字・カナ）、生年月日（和暦・西暦）、住所、住民票コードまたは個人番号で検索します。「/」キーで検索欄へ移動します。",
            "Search by name (kanji or kana), birth date (era or Gregorian), address, resident code or individual number. Press “/” to jump to the search box."),
        ["search.none"] = ("該当する住民はいません。", "No resident matches."),
        ["search.empty"] = ("検索条件を入力してください。", "Enter at least one search condition."),
        ["search.count"] = ("{0} 件中 {1}–{2} 件", "{1}–{2} of {0}"),
        ["name"] = ("氏名", "Name"),
        ["kana"] = ("フリガナ", "Reading"),
        ["name.or.kana"] = ("氏名（漢字・カナ）", "Name (kanji or kana)"),
        ["birth"] = ("生年月日", "Date of birth"),
        ["birth.hint"] = ("例: 昭和55年2月17日、S55.2.17、1980-02-17", "e.g. 昭和55年2月17日, S55.2.17, 1980-02-17"),
        ["address"] = ("住所", "Address"),
        ["identifier"] = ("住民票コード・個人番号", "Resident code or individual number"),
        ["sex"] = ("性別", "Sex"),
        ["sex.1"] = ("男", "Male"),
        ["sex.2"] = ("女", "Female"),
        ["sex.3"] = ("該当なし", "Not applicable"),
        ["status"] = ("状態", "Status"),
        ["status.Active"] = ("住民", "Resident"),
        ["status.MovedOut"] = ("転出", "Moved out"),
        ["status.Deceased"] = ("死亡", "Deceased"),
        ["status.DeletedExOfficio"] = ("職権消除", "Deleted ex officio"),
        ["resident.code"] = ("住民票コード", "Resident code"),
        ["number"] = ("個人番号", "Individual number"),
        ["number.none"] = ("未付番", "Not yet numbered"),
        ["number.reveal"] = ("全桁表示", "Show in full"),
        ["number.purpose"] = ("利用事務", "Purpose"),
        ["number.purpose.choose"] = ("利用事務を選択してください", "Choose the purpose"),
        ["number.revealed"] = ("この表示は監査ログに記録されました（利用事務: {0}）。", "This display was recorded in the audit log (purpose: {0})."),
        ["number.forbidden"] = ("個人番号の全桁表示の権限がありません。", "You are not allowed to display individual numbers in full."),
        ["number.history"] = ("個人番号の履歴", "Number history"),
        ["number.current"] = ("現在", "Current"),
        ["number.retired"] = ("変更前", "Retired"),
        ["household"] = ("世帯", "Household"),
        ["relationship"] = ("続柄", "Relationship"),
        ["history"] = ("異動履歴", "History"),
        ["event.type"] = ("事由", "Event"),
        ["event.effective"] = ("異動日", "Effective"),
        ["event.notified"] = ("届出日", "Notified"),
        ["event.recorded"] = ("記録", "Recorded"),
        ["event.note"] = ("内容", "Details"),
        ["event.InitialRegistration"] = ("初期登録", "Initial registration"),
        ["event.Birth"] = ("出生", "Birth"),
        ["event.MoveInFromMunicipality"] = ("転入", "Move-in"),
        ["event.MoveInFromAbroad"] = ("国外からの転入", "Move-in from abroad"),
        ["event.AddressChangeWithin"] = ("転居", "Address change"),
        ["event.MoveOut"] = ("転出", "Move-out"),
        ["event.Death"] = ("死亡", "Death"),
        ["event.DeletionExOfficio"] = ("職権消除", "Deletion ex officio"),
        ["event.NameChange"] = ("氏名変更", "Name change"),
        ["event.Correction"] = ("訂正", "Correction"),
        ["former.surname"] = ("旧氏", "Former surname"),
        ["alias"] = ("通称", "Alias"),
        ["alt.chars"] = ("代替文字", "Alternative characters"),
        ["registered.on"] = ("住民となった日", "Registered on"),
        ["back"] = ("検索に戻る", "Back to search"),
        ["prev"] = ("前へ", "Previous"),
        ["next"] = ("次へ", "Next"),
        ["language"] = ("English", "日本語"),
        ["roles"] = ("役割", "Roles"),
        ["not.found"] = ("住民が見つかりません。", "Resident not found."),
        ["age"] = ("{0}歳", "age {0}"),
        ["event.import"] = ("一括取込", "import"),
        ["field.HouseholdCode"] = ("世帯", "household"),
        ["field.Relationship"] = ("続柄", "relationship"),
        ["field.FamilyName"] = ("氏", "family name"),
        ["field.GivenName"] = ("名", "given name"),
        ["field.FamilyNameKana"] = ("氏（フリガナ）", "family name reading"),
        ["field.GivenNameKana"] = ("名（フリガナ）", "given name reading"),
        ["field.FormerSurname"] = ("旧氏", "former surname"),
        ["field.Alias"] = ("通称", "alias"),
        ["field.BirthDate"] = ("生年月日", "date of birth"),
        ["field.Sex"] = ("性別", "sex"),
        ["field.PostalCode"] = ("郵便番号", "postal code"),
        ["field.Prefecture"] = ("都道府県", "prefecture"),
        ["field.City"] = ("市区町村", "city"),
        ["field.Town"] = ("町字", "town"),
        ["field.Block"] = ("番地", "block"),
        ["field.Building"] = ("方書", "building"),
        ["field.Status"] = ("住民の状態", "status"),
        ["field.RegisteredOn"] = ("住民となった日", "registered on"),
        ["event.record"] = ("異動の記録", "Record a change"),
        ["event.choose"] = ("事由を選択してください", "Choose the event"),
        ["event.save"] = ("記録する", "Record"),
        ["event.forbidden"] = ("異動を記録する権限がありません。", "You are not allowed to record register events."),
        ["event.recorded.ok"] = ("異動を記録しました。", "The change was recorded."),
        ["family.name"] = ("氏", "Family name"),
        ["given.name"] = ("名", "Given name"),
        ["family.kana"] = ("氏（フリガナ）", "Family name reading"),
        ["given.kana"] = ("名（フリガナ）", "Given name reading"),
        ["postal"] = ("郵便番号", "Postal code"),
        ["town"] = ("町字", "Town"),
        ["block"] = ("番地", "Block and number"),
        ["building"] = ("方書（建物）", "Building"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public string Format(string key, params object[] args) => string.Format(System.Globalization.CultureInfo.InvariantCulture, this[key], args);

    public static UiText For(HttpContext context) =>
        new(context.Request.Cookies.TryGetValue(CookieName, out var lang) && lang == "en" ? "en" : "ja");
}
