using Myna.Core.Text.Messages;

namespace Myna.Core.Issuance;

/// <summary>Why the issuance window (DOMAIN §6.4) and the window application's PIN pad (§4.1) refuse a step, in the clerk's language.</summary>
[MessageCatalogue]
public static class WindowMessages
{
    public static readonly MessageText NoSuchNotice = new("window-rule.no-such-notice", "この番号の交付通知書はありません。", "no issuance notice has this number");
    public static readonly MessageText NoCardYet = new("window-rule.no-card-yet", "この申請書IDのカードはまだ届いていません。", "no card has arrived for this application ID");
    public static readonly MessageText ScanNotice = new("window-rule.scan-notice",
        "交付通知書のQRコードを読み取るか、12桁の番号または23桁の申請書IDを入力してください。",
        "scan the issuance notice's QR code, or type its 12-digit number or the 23-digit application ID");
    public static readonly MessageText VerifyFirst = new("window-rule.verify-first", "先に本人確認をしてください。", "verify the identity first");
    public static readonly MessageText NotAwaitingPins = new("window-rule.not-awaiting-pins", "この交付は暗証番号の入力待ちではありません。",
        "this hand-over is not waiting for PINs");
    public static readonly MessageText NotVerified = new("window-rule.not-verified", "本人確認がまだ済んでいません。", "identity is not verified yet");
    public static readonly MessageText NotChecked = new("window-rule.not-checked", "顔写真・券面・住民票の確認がすべて済んでいません。",
        "the photo, card-face and register checks are not all done");
    public static readonly MessageText PinsNotSet = new("window-rule.pins-not-set", "暗証番号がまだ暗証番号入力端末で設定されていません。",
        "the PINs have not been set on the PIN pad yet");
    public static readonly MessageText ConfirmAlternativeCharacters = new("window-rule.alternative-characters",
        "代替文字を本人に確認してください。", "confirm the alternative characters (代替文字) with the resident");
    public static readonly MessageText NoSuchHandOver = new("window-rule.no-such-hand-over", "この交付の記録はありません。", "no hand-over with this id");
    public static readonly MessageText HandOverEnded = new("window-rule.hand-over-ended", "この交付は終了しています。", "this hand-over has ended");
    public static readonly MessageText WaveSize = new("window-rule.wave-size", "交付通知書の送付は1通以上で指定してください。", "a wave has at least one notice");

    // 申請時来庁方式 (§4.1): identity and PINs at application.
    public static readonly MessageText VisitFirst = new("window-rule.visit.verify-first",
        "先に申請者の本人確認を行い、本人限定受取郵便での送付を選んでください。", "verify the applicant's identity and choose restricted-delivery mail first");
    public static readonly MessageText PinRequestNotWaiting = new("window-rule.visit.pin-request", "この暗証番号の入力依頼は受付中ではありません。",
        "this PIN request is not waiting");
    public static readonly MessageText NoSuchApplication = new("window-rule.visit.no-such-application", "この申請の記録はありません。", "no application with this id");
    public static readonly MessageText WindowApplicationsOnly = new("window-rule.visit.window-only",
        "申請時の本人確認は、窓口で受け付けた申請（申請時来庁方式）だけで行います。",
        "identity at application is verified only for applications made at the window (申請時来庁方式)");
    public static readonly MessageText ApplicationEnded = new("window-rule.visit.ended", "この申請は終了しています（{0}）。", "the application has ended ({0})");
}
