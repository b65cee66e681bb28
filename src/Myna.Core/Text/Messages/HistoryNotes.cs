namespace Myna.Core.Text.Messages;

/// <summary>
/// The notes the system writes on the lines of a resident's history (the register's events, an application's steps, a card's
/// steps, the card lifecycle): kept as <see cref="StoredMessage"/> so the timeline, the application page and the card page
/// show them in the reader's language. A clerk's own words stay as typed.
/// </summary>
[MessageCatalogue]
public static class HistoryNotes
{
    public static readonly MessageText Several = new("history.several", "{0}", "{0}");

    /// <summary>Several notes on one line, joined the catalogue's way (「、」 / "; "); one note stays itself.</summary>
    public static Message Joined(IReadOnlyList<Message> notes) => notes.Count == 1 ? notes[0] : Several.With(notes.ToList());

    // The register (§2.3, §8.6).
    public static readonly MessageText MovedInFrom = new("history.moved-in-from", "転出元 {0}", "from {0}");
    public static readonly MessageText MovedAbroad = new("history.moved-abroad", "国外転出（{0}）", "moved abroad ({0})");
    public static readonly MessageText MovedAbroadContinued = new("history.moved-abroad.continued", "国外転出（{0}）・国外継続利用",
        "moved abroad ({0}), the card continued abroad");

    // An application's steps (§4.3, §4.4, §5.5, §6.4).
    public static readonly MessageText Resubmitted = new("history.application.resubmitted", "再申請", "resubmitted");
    public static readonly MessageText Superseded = new("history.application.superseded", "新しい申請（申請書ID {0}）の受理により終了",
        "ended: a newer application ({0}) was accepted");
    public static readonly MessageText SupersededShort = new("history.application.superseded.short", "新しい申請の受理により終了",
        "ended: a newer application was accepted");
    public static readonly MessageText VisitVerified = new("history.application.visit-verified", "申請時来庁方式：本人確認 {0}",
        "applied at the window: identity verified by method {0}");
    public static readonly MessageText VisitVerifiedByMail = new("history.application.visit-verified.mail", "申請時来庁方式：本人確認 {0}、カードは本人限定受取郵便で送付",
        "applied at the window: identity verified by method {0}; the card goes by restricted-delivery mail");
    public static readonly MessageText NoticeSent = new("history.application.notice", "交付通知書 {0}（期限 {1}）", "issuance notice {0}, to collect by {1}");
    public static readonly MessageText NoticeDestroyed = new("history.application.destroyed", "交付期限 {0} から{1}か月経過のため廃棄",
        "destroyed: {1} months past the collection deadline {0}");
    public static readonly MessageText DestroyedUncollected = new("history.application.destroyed.reason", "カード未受領のため廃棄（再申請は無料）",
        "destroyed as never collected (a new application is free)");
    public static readonly MessageText ReturnedForRemake = new("history.application.remake", "カード {0} を再作製のため返送：{1}",
        "card {0} returned for remaking: {1}");

    // A card's steps at the office (§6).
    public static readonly MessageText CardScanned = new("history.card.scanned", "カード {0}", "card {0}");
    public static readonly MessageText Received = new("history.card.received", "受領し、交付前設定依頼書 {0} と照合", "received and reconciled with the delivery list {0}");
    public static readonly MessageText SetUp = new("history.card.set-up", "署名用 {0}、利用者証明用 {1}", "signature certificate: {0}; user-authentication certificate: {1}");
    public static readonly MessageText CertificateKept = new("history.card.certificate.kept", "あり", "present");
    public static readonly MessageText CertificateNone = new("history.card.certificate.none", "なし", "none");
    public static readonly MessageText CertificateDestroyed = new("history.card.certificate.destroyed", "破棄", "destroyed");
    public static readonly MessageText CertificateRevoked = new("history.card.certificate.revoked", "失効", "revoked");
    public static readonly MessageText NoPinRequest = new("history.card.no-pin-request", "暗証番号の設定依頼がないため窓口交付", "no PIN request: handed over at the window");
    public static readonly MessageText ApplicationPinsSet = new("history.card.pins-set", "申請時の暗証番号を設定（本人限定受取郵便で送付）",
        "the PINs chosen at application are set (sent by restricted-delivery mail)");
    public static readonly MessageText ApplicationPinsRefused = new("history.card.pins-refused", "申請時の暗証番号はカードで使えないため窓口交付（通知書を送付）",
        "the PINs chosen at application cannot be used on the card: handed over at the window (a notice is sent)");
    public static readonly MessageText Mailed = new("history.card.mailed", "本人限定受取郵便 {0}", "restricted-delivery mail {0}");
    public static readonly MessageText DeliveredByMail = new("history.card.delivered", "本人限定受取郵便で交付", "handed over by restricted-delivery mail");
    public static readonly MessageText MailReturned = new("history.card.mail-returned", "本人限定受取郵便が返戻：交付通知書で窓口交付へ",
        "the restricted-delivery mail came back: handed over at the window with an issuance notice");
    public static readonly MessageText HandedOverByMail = new("history.card.by-mail", "本人限定受取郵便で交付 {0}", "handed over by restricted-delivery mail {0}");
    public static readonly MessageText IssuedToHolder = new("history.card.issued.holder", "本人に交付（本人確認 {0}）", "handed to the holder (identity: method {0})");
    public static readonly MessageText IssuedToProxy = new("history.card.issued.proxy", "代理人 {1} に交付（本人確認 {0}）", "handed to the proxy {1} (identity: method {0})");
    public static readonly MessageText JukiCardCollected = new("history.card.juki-collected", "住基カード回収（廃止）", "resident register card collected (abolished)");
    public static readonly MessageText NotificationCardCollected = new("history.card.notification-collected", "通知カード回収", "notification card collected");
    public static readonly MessageText CardProblemNoted = new("history.card.problem", "{0}：{1}", "{0}: {1}");

    // The card lifecycle (§8).
    public static readonly MessageText ReplacedBy = new("history.lifecycle.replaced", "新しいカード {0} に切替", "replaced by the new card {0}");
    public static readonly MessageText LostNotFound = new("history.lifecycle.lost", "紛失（発見されず）・遺失届・盗難届 受理番号 {0}",
        "lost and not found; police report {0}");
    public static readonly MessageText PoliceReport = new("history.lifecycle.police-report", "遺失届・盗難届 受理番号 {0}", "police report {0}");
    public static readonly MessageText Reissue = new("history.lifecycle.reissue", "{0}・交付申請書ID {1}", "{0}; application {1}");
    public static readonly MessageText Fee = new("history.lifecycle.fee", "¥{0}（カード ¥{1}、電子証明書 ¥{2}）", "¥{0} (card ¥{1}, certificates ¥{2})");
    public static readonly MessageText FeeSubsidised = new("history.lifecycle.fee.subsidised", "¥{0}（カード ¥{1}、電子証明書 ¥{2}）・国庫補助対象",
        "¥{0} (card ¥{1}, certificates ¥{2}); covered by the national subsidy");
    public static readonly MessageText Returned = new("history.lifecycle.returned", "返納：{0}", "returned: {0}");
    public static readonly MessageText Death = new("history.lifecycle.death", "死亡", "death");
    public static readonly MessageText DeletedExOfficio = new("history.lifecycle.deleted", "職権消除", "deleted ex officio");
    public static readonly MessageText ContinuedAt = new("history.lifecycle.continued-at", "{0} で継続利用（転入日 {1}）", "continued at {0} (moved in on {1})");
    public static readonly MessageText LateMoveIn = new("history.lifecycle.late-move-in",
        "{0} への転入で継続利用の期限（転入後14日・転出予定日後90日）を過ぎたため失効",
        "invalidated: the move-in at {0} came after the limit for continued use (14 days after moving in, 90 days after the planned move-out)");
    public static readonly MessageText NoMoveIn = new("history.lifecycle.no-move-in", "転出予定日 {0} から{1}日以内に転入の届出なし",
        "no move-in notified within {1} days of the planned move-out {0}");
    public static readonly MessageText ExpiryNotice = new("history.lifecycle.expiry-notice.card", "カードの有効期限 {0} のお知らせ", "notice: the card expires on {0}");
    public static readonly MessageText CertificatesExpiryNotice = new("history.lifecycle.expiry-notice.certificates", "電子証明書の有効期限 {0} のお知らせ",
        "notice: the certificates expire on {0}");
    public static readonly MessageText SuspensionLifted = new("history.lifecycle.found", "カード発見・本人確認（方法 {0}）", "card found; identity verified by method {0}");
    public static readonly MessageText AdvanceMoveOut = new("history.lifecycle.advance-move-out", "転出先 {0}・転出予定日 {1}", "moving to {0}, planned move-out {1}");
    public static readonly MessageText ContinuedAfterMoveIn = new("history.lifecycle.continued-after-move-in",
        "転出元 {0}・転入日 {1}・届出日 {2}・署名用電子証明書は住所変更により失効", "from {0}, moved in {1}, notified {2}; the signature certificate lapsed with the new address");
    public static readonly MessageText NameChange = new("history.lifecycle.endorse.name", "氏名の変更", "name changed");
    public static readonly MessageText AddressChange = new("history.lifecycle.endorse.address", "住所の変更", "address changed");
    public static readonly MessageText NameAndAddressChange = new("history.lifecycle.endorse.name-address", "氏名・住所の変更", "name and address changed");
    public static readonly MessageText ExpiryChange = new("history.lifecycle.endorse.expiry", "有効期限（在留期間の変更）", "expiry (new period of stay)");
    public static readonly MessageText MovedAbroadOn = new("history.lifecycle.endorse.abroad", "国外転出（{0}）", "moved abroad ({0})");
    public static readonly MessageText EndorsementAreaFull = new("history.lifecycle.endorse.full",
        "{0}：追記欄に余白なし（{1} 行）・ICチップは更新済み・再交付（無料）を受付", "{0}: no room left on the back ({1} lines); chip updated; free reissue started");
    public static readonly MessageText Endorsed = new("history.lifecycle.endorse.line", "{0}：追記欄 {1}/{2} 行目・ICチップ更新", "{0}: line {1} of {2} on the back; chip updated");
    public static readonly MessageText CertificatesRenewed = new("history.lifecycle.certificates-renewed", "利用者証明用・署名用・本人確認（方法 {0}）・有効期限 {1}",
        "user-authentication and signature certificates renewed; identity verified by method {0}; valid until {1}");
    public static readonly MessageText UserCertificateRenewed = new("history.lifecycle.certificate-renewed", "利用者証明用・本人確認（方法 {0}）・有効期限 {1}",
        "user-authentication certificate renewed; identity verified by method {0}; valid until {1}");
    public static readonly MessageText PinReset = new("history.lifecycle.pin-reset", "{0}・本人確認（方法 {1}）", "{0}; identity verified by method {1}");
    public static readonly MessageText SignaturePin = new("history.lifecycle.pin.signature", "署名用電子証明書の暗証番号", "signature certificate PIN");
    public static readonly MessageText UserPin = new("history.lifecycle.pin.user", "利用者証明用電子証明書の暗証番号", "user-authentication certificate PIN");
    public static readonly MessageText RegisterPin = new("history.lifecycle.pin.register", "住民基本台帳用の暗証番号", "resident register PIN");
    public static readonly MessageText FormPin = new("history.lifecycle.pin.form", "券面事項入力補助用の暗証番号", "form-filling PIN");

    // A move abroad (§8.6).
    public static readonly MessageText AbroadNotifiedContinued = new("history.abroad.notified.continued",
        "国外転出届（転出予定日 {0}）・国外継続利用を受付・所管は本籍地 {1}", "move abroad notified (move date {0}); continued use accepted; the card now belongs to {1}, the family-register municipality");
    public static readonly MessageText AbroadNotifiedContinuedSignature = new("history.abroad.notified.continued.signature",
        "国外転出届（転出予定日 {0}）・国外継続利用を受付・所管は本籍地 {1}・国外利用の署名用電子証明書を転出日に発行",
        "move abroad notified (move date {0}); continued use accepted; the card now belongs to {1}, the family-register municipality; a signature certificate for use abroad is issued on the move date");
    public static readonly MessageText AbroadNotifiedLapse = new("history.abroad.notified.lapse",
        "国外転出届（転出予定日 {0}）・国外継続利用の申請なし：カードは転出日に失効し、返納が必要", "move abroad notified (move date {0}); no continued use: the card lapses on the move date and must be returned");
    public static readonly MessageText AbroadContinued = new("history.abroad.continued",
        "国外継続利用：署名用電子証明書は転出日 {0} に失効・利用者証明用電子証明書は継続・カードは有効期限 {1} まで有効・所管は本籍地 {2}",
        "continued abroad: the signature certificate lapsed on the move date {0}; the user-authentication certificate continues; the card is valid until {1}; it belongs to {2}");
    public static readonly MessageText AbroadContinuedSignature = new("history.abroad.continued.signature",
        "国外継続利用：署名用電子証明書は転出日 {0} に失効・国外利用の署名用電子証明書を発行・利用者証明用電子証明書は継続・カードは有効期限 {1} まで有効・所管は本籍地 {2}",
        "continued abroad: the signature certificate lapsed on the move date {0} and one for use abroad was issued; the user-authentication certificate continues; the card is valid until {1}; it belongs to {2}");
    public static readonly MessageText AbroadLapsed = new("history.abroad.lapsed",
        "国外転出により失効（転出日 {0}・{1}）・署名用／利用者証明用電子証明書を失効・カードの返納が必要・{2} までの再交付申請は無料",
        "invalidated by the move abroad (move date {0}; {1}); both certificates revoked; the card must be returned; a reissue applied for by {2} is free");
    public static readonly MessageText AbroadNotAsked = new("history.abroad.not-asked", "国外継続利用の申請なし", "continued use not asked for");
    public static readonly MessageText AbroadRefused = new("history.abroad.refused", "国外継続利用できません：{0}", "continued use refused: {0}");
    public static readonly MessageText AbroadNoValidCard = new("history.abroad.no-valid-card", "転出日までにカードは有効でなくなっていました。",
        "the card was no longer valid on the move date");
    public static readonly MessageText AbroadCardReturned = new("history.abroad.returned", "国外転出で失効したカードの返納（{0}）", "card lapsed on the move abroad returned ({0})");

    // The national side's lines of a card's history (§8.3).
    public static readonly MessageText CallCentreSuspension = new("history.national.suspended", "{0}・連絡者 {1}・電子証明書 {2} 件",
        "{0}; reported by {1}; {2} certificates suspended");
    public static readonly MessageText Lost = new("history.national.lost", "紛失", "lost");
    public static readonly MessageText Stolen = new("history.national.stolen", "盗難", "stolen");
}
