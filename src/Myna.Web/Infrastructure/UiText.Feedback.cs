namespace Myna.Web.Infrastructure;

/// <summary>The words of action confirmations (<see cref="Flash"/>) and of the page-not-found page.</summary>
public sealed partial class UiText
{
    private static Dictionary<string, (string Ja, string En)> FeedbackTexts => new(StringComparer.Ordinal)
    {
        ["flash.review.pass"] = ("{0} さんの申請を適合として受理しました。", "The application of {0} was accepted."),
        ["flash.review.fail"] = ("{0} さんの申請を不備として記録しました。不備通知を印刷して郵送してください。",
            "The application of {0} was recorded as deficient. Print the deficiency notice and post it."),
        ["flash.review.next"] = ("次の申請を表示しています。", "The next application is shown."),
        ["flash.review.empty"] = ("審査待ちの申請はほかにありません。", "No other application is waiting for review."),
        ["flash.review.open"] = ("審査した申請を開く", "Open the reviewed application"),
        ["flash.event.show"] = ("記録した異動を見る", "Show the recorded change"),
        ["flash.show"] = ("表示する", "Show"),
        ["flash.handover"] = ("カードを交付しました。暗証番号の控えを印刷してお渡しください。",
            "The card was handed over. Print the PIN memo sheet and give it to the resident."),
        ["notfound.title"] = ("ページが見つかりません", "Page not found"),
        ["notfound.body"] = ("このアドレスのページはありません。アドレスに誤りがないか確かめるか、ホームから目的の画面を開いてください。",
            "There is no page at this address. Check the address for a typing error, or open the screen you need from the home page."),
        ["notfound.address"] = ("入力されたアドレス", "The address entered"),
        ["notfound.home"] = ("ホームへ", "Go to the home page"),
        ["error.title"] = ("要求を処理できませんでした", "The request could not be handled"),
        ["error.body"] = ("要求を処理できませんでした（コード {0}）。ホームからやり直してください。", "The request could not be handled (code {0}). Start again from the home page."),
    };
}
