namespace Myna.Web.Infrastructure;

/// <summary>The words of the window's checks, of stopping a hand-over and of the PIN status while it waits (DOMAIN §6.4).</summary>
public sealed partial class UiText
{
    private static Dictionary<string, (string Ja, string En)> WindowStopTexts => new(StringComparer.Ordinal)
    {
        ["window.check.hint"] = ("写真が明らかに異なる・券面に誤りがあるなどで交付できない場合は、チェックを外さず、下の「交付を中止する」から理由を選んでください。",
            "If the card cannot be handed over (the photo clearly differs, the face is misprinted …), do not untick: use “Stop this hand-over” below and choose the reason."),
        ["window.check.unticked"] = ("← 未確認", "← not ticked"),
        ["window.stop.reason"] = ("中止の理由", "Reason"),
        ["window.stop.reason.choose"] = ("（選んでください）", "(choose)"),
        ["window.stop.note"] = ("備考（任意。「その他」の場合は必須）", "Note (optional; required for “Other”)"),
        ["window.stop.note.label"] = ("備考", "Note"),
        ["window.stop.review"] = ("中止の内容を確認する", "Review the stop"),
        ["window.stop.confirm.title"] = ("この交付を中止しますか？", "Stop this hand-over?"),
        ["window.stop.confirm.booking"] = ("予約 {0} を取り消します（住民は改めて予約します）。", "Booking {0} will be cancelled (the resident books again)."),
        ["window.stop.confirm.nobooking"] = ("この交付に予約はありません。", "This hand-over has no booking."),
        ["window.stop.confirm.card"] = ("カードは保管庫に残ります。中止した交付は元に戻せません（改めて交付を開始できます）。",
            "The card stays in the safe. A stopped hand-over cannot be undone (a new hand-over can be started)."),
        ["window.stop.confirm.button"] = ("中止を確定する", "Stop the hand-over"),
        ["window.stop.back"] = ("戻る（中止しない）", "Back (do not stop)"),
        ["window.stop.booking.released"] = ("予約 {0} を取り消しました。", "Booking {0} was cancelled."),
        ["window.stop.card.kept"] = ("カードは保管庫に残っています。", "The card stays in the safe."),
        ["window.pins.done"] = ("ご本人が暗証番号を設定しました。交付に進んでください。", "The resident has set the PINs: go on to the hand-over."),
        ["window.pins.ended"] = ("この交付は終了しました。画面を更新してください。", "This hand-over has ended. Reload the page."),
        ["window.pins.refresh"] = ("画面を更新", "Reload"),
    };
}
