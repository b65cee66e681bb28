namespace Myna.Web.Infrastructure;

/// <summary>The words of the public pages' heading, the masked holder name, the status lookup by either number, and the office calendar.</summary>
public sealed partial class UiText
{
    private static Dictionary<string, (string Ja, string En)> PublicTexts => new(StringComparer.Ordinal)
    {
        ["public.heading"] = ("{0} 個人番号カード", "{0} — Individual Number Card"),
        ["public.whose.application"] = ("{0} 様の申請", "The application of {0}"),
        ["public.whose.booking"] = ("{0} 様の交付予約", "The hand-over booking of {0}"),
        ["status.number"] = ("受付番号または申請書ID", "Receipt number or application ID"),
        ["status.number.hint"] = ("申請したときに表示された受付番号（12桁）と、申請書に印字された申請書ID（23桁）のどちらでも確認できます。全角で入力しても構いません。",
            "Either the receipt number shown when you applied (12 digits) or the application ID printed on the form (23 digits); full-width digits are fine."),
        ["status.not.found.either"] = ("受付番号（または申請書ID）と生年月日に一致する申請は見つかりません。",
            "No application matches this receipt number (or application ID) and date of birth."),
        ["book.times.of"] = ("{0} の空き時間", "Free times on {0}"),
        ["book.closed.skipped"] = ("祝日・年末年始（12月29日〜1月3日）・休業日は予約できません。", "Holidays, the year-end closure (29 December – 3 January) and closed days cannot be booked."),
        ["appt.sessions.on-closed-days"] = ("祝日・年末年始・休業日にも開く（休日開庁）", "Open on holidays, the year-end closure and closed days too (holiday opening)"),
        ["appt.sessions.skip-note"] = ("祝日・年末年始（12月29日〜1月3日）・市区町村の休業日には、指定しない限り枠を作りません。",
            "No session is made on holidays, the year-end closure (29 December – 3 January) or the municipality's closed days unless asked."),
        ["closed-days"] = ("休業日", "Closed days"),
        ["closed-days.title"] = ("窓口の休業日", "Days the windows are closed"),
        ["closed-days.hint"] = ("祝日（振替休日・国民の休日を含む）と年末年始は自動で休業日になります。選挙事務や庁舎点検など、市区町村独自の休業日をここで追加します。休業日は予約ページに表示されず、新しい窓口枠も作られません。",
            "National holidays (with substitute holidays) and the year-end closure are closed days by rule. Add the municipality's own closed days here (an election, a building inspection …): they are not offered on the booking page and get no new sessions."),
        ["closed-days.date"] = ("日付", "Date"),
        ["closed-days.name"] = ("名前（理由）", "Name (reason)"),
        ["closed-days.kind"] = ("種類", "Kind"),
        ["closed-days.add"] = ("休業日を追加", "Add a closed day"),
        ["closed-days.remove"] = ("削除", "Remove"),
        ["closed-days.added"] = ("{0} を休業日にしました（{1}）。この日の予約は {2} 件あります。必要なら窓口枠を閉じて連絡してください。",
            "{0} is now a closed day ({1}). {2} bookings exist on that day: close its sessions to notify the residents if needed."),
        ["closed-days.removed"] = ("{0} の休業日を削除しました。", "{0} is no longer a closed day."),
        ["closed-days.upcoming"] = ("今後1年の休業日", "Closed days in the coming year"),
        ["closed.NationalHoliday"] = ("祝日", "National holiday"),
        ["closed.YearEnd"] = ("年末年始", "Year-end closure"),
        ["closed.Municipal"] = ("市区町村の休業日", "Municipal closed day"),
    };
}
