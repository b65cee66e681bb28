using Myna.Core.Calendar;
using Myna.Core.Text.Messages;

namespace Myna.Core.Lifecycle;

/// <summary>Refusals of the card lifecycle at the window (DOMAIN §8) that the clerk reads on the card page.</summary>
[MessageCatalogue]
public static class LifecycleMessages
{
    public static readonly MessageText InPersonOnly = new("lifecycle.in-person", "この手続は本人が来庁して行います。", "the holder must come in person for this step");
    public static readonly MessageText NotVerified = new("lifecycle.identity.not-verified", "本人確認ができていません。次のいずれかが足りません：",
        "identity is not verified yet; each method still lacks:");

    /// <summary>A day in a message: the Japanese era first with the Gregorian date beside it (DOMAIN §2); the English the other way round.</summary>
    public static readonly MessageText DayShown = new("lifecycle-rule.day", "{0}（{1}）", "{1} ({0})");

    public static readonly MessageText NoHeldCard = new("lifecycle-rule.card.none", "カード（管理番号 {0}）の記録がありません。", "no held card {0}");
    public static readonly MessageText CardEnded = new("lifecycle-rule.card.ended", "カード {0} は{1}です（{2}）。", "card {0} is {1} ({2})");
    public static readonly MessageText StateAbolished = new("lifecycle-rule.card.state.abolished", "廃止済み", "abolished");
    public static readonly MessageText StateInvalidated = new("lifecycle-rule.card.state.invalidated", "失効済み", "invalidated");
    public static readonly MessageText StateMovedAway = new("lifecycle-rule.card.state.moved-away", "転出先・国外で継続利用中", "continued elsewhere");
    public static readonly MessageText NotOurCard = new("lifecycle-rule.card.not-ours", "カード {0} は市区町村 {1} のカードとして記録されていません。",
        "no card {0} belongs to municipality {1}");
    public static readonly MessageText LiftNeedsVerification = new("lifecycle-rule.card.lift-needs-verification",
        "一時停止を解除する前に、本人確認の方法を記録してください。", "record how the holder's identity was verified before lifting a suspension");
    public static readonly MessageText SuspendedLiftFirst = new("lifecycle-rule.card.suspended", "カード {0} は一時停止中です（受付番号 {1}）。先に一時停止を解除してください。",
        "card {0} is suspended ({1}): lift the suspension first");
    public static readonly MessageText ExpiredNeedsNewCard = new("lifecycle-rule.card.expired", "カード {0} は有効期限 {1} を過ぎています。電子証明書の更新ではなく、新しいカードが必要です。",
        "card {0} expired on {1}: a new card is needed, not new certificates");
    public static readonly MessageText NotSuspended = new("lifecycle-rule.card.not-suspended", "カード {0} は一時停止されていません。", "card {0} is not suspended");

    // §8.3: a lost card not found is abolished with the police report number and reissued for loss.
    public static readonly MessageText PoliceReport = new("lifecycle-rule.lost.police-report", "遺失届・盗難届の受理番号を入力してください。",
        "record the police report number (遺失届・盗難届の受理番号)");
    public static readonly MessageText LostCause = new("lifecycle-rule.lost.cause",
        "紛失したカードの再交付の事由は「紛失」です（まれに「発行者の誤り」）。", "a lost card is reissued for loss (or, rarely, an issuer's fault)");
    public static readonly MessageText LossWithValidCard = new("lifecycle-rule.lost.card-valid",
        "カード {0} はまだ有効です。紛失は、まず紛失の届出を受けて（カードは一時停止）、遺失届・盗難届の受理番号を記録してカードを廃止すると再交付が始まります。",
        "card {0} is still valid: a loss is reported (the card suspended) and the card abolished with the police report number, which starts the reissue");

    // §8.2, §8.4: who can have a new form, and when.
    public static readonly MessageText NoSuchResident = new("lifecycle-rule.resident.none", "住民 {0} は記録されていません。", "resident {0} does not exist");
    public static readonly MessageText NotInRegister = new("lifecycle-rule.resident.not-in-register", "この方は住民登録がありません。",
        "the person is no longer in the register");
    public static readonly MessageText FormOpen = new("lifecycle-rule.form.open", "この方の{0}の交付申請書（{1}、受付番号 {2}）が既に手続中です。",
        "a {0} form {1} is already open for this resident (receipt {2})");
    public static readonly MessageText KindReissue = new("lifecycle-rule.kind.reissue", "再交付", "reissue");
    public static readonly MessageText KindRenewal = new("lifecycle-rule.kind.renewal", "更新", "renewal");
    public static readonly MessageText ChooseKind = new("lifecycle-rule.kind.choose", "再交付か更新かを選んでください。", "choose a reissue or a renewal");
    public static readonly MessageText ChooseCause = new("lifecycle-rule.cause.choose", "再交付の事由を選んでください。", "choose the cause of the reissue");
    public static readonly MessageText NoLapsedAbroad = new("lifecycle-rule.abroad-free.no-lapsed-card",
        "国外転出で失効したカードの記録がないため、この事由（無料）では受け付けられません。", "no card lapsed on a move abroad, so this free cause does not apply");
    public static readonly MessageText AbroadFreeExpired = new("lifecycle-rule.abroad-free.expired",
        "国外転出による返納後の無料の再交付は、転出日 {0} から{1}日以内、{2} までの申請に限ります。事由「本人の希望」（有料）で受け付けてください。",
        "the free reissue after a move abroad must be applied for within {1} days after the move date {0}, that is until {2}; use the holder's own request (charged)");
    public static readonly MessageText NothingToRenew = new("lifecycle-rule.renewal.no-card", "更新する有効なカードがありません。新規の交付申請をしてください。",
        "there is no valid card to renew: apply for a new card");
    public static readonly MessageText RenewalNotOpen = new("lifecycle-rule.renewal.not-open", "更新の申請は、カードの有効期限 {1} の3か月前、{0} からできます。",
        "a renewal can be applied for from {0}, 3 months before the card expires on {1}");
    public static readonly MessageText RenewalIsItsOwnKind = new("lifecycle-rule.renewal.own-kind", "有効期限による更新は「更新」として受け付けてください。",
        "a renewal at expiry is started as a renewal");
    public static readonly MessageText CertificatesNotOpen = new("lifecycle-rule.certificates.not-open", "電子証明書の更新は {0} からできます（有効期限の3か月前）。",
        "the certificates can be renewed from {0} (3 months before they expire)");

    // §6.6: the PIN reset on the desk's pad.
    public static readonly MessageText ChooseDesk = new("lifecycle-rule.pin-reset.desk", "本人が暗証番号を入力する窓口の番号（1〜99）を選んでください。",
        "choose the desk (1–99) whose PIN pad the holder uses");
    public static readonly MessageText NoPinReset = new("lifecycle-rule.pin-reset.none", "この暗証番号の再設定は記録されていません。", "no such PIN reset");
    public static readonly MessageText PinResetClosed = new("lifecycle-rule.pin-reset.closed", "この暗証番号の再設定は終了しています。", "this PIN reset is closed");

    /// <summary>A day as a message argument: shown with its era in Japanese, ISO first in English.</summary>
    public static Message Day(DateOnly day) => DayShown.With(JapaneseDate.Format(day), day);

    public static Message State(HeldCardState state) => state switch
    {
        HeldCardState.Abolished => StateAbolished,
        HeldCardState.Invalidated => StateInvalidated,
        _ => StateMovedAway,
    };

    public static Message Kind(ReplacementKind kind) => kind == ReplacementKind.Renewal ? KindRenewal : KindReissue;
}
