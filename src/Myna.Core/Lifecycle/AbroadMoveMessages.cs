using Myna.Core.Text.Messages;

namespace Myna.Core.Lifecycle;

/// <summary>Why a move abroad (国外転出, DOMAIN §8.6), its continued use of the card or the card's return cannot be recorded.</summary>
[MessageCatalogue]
public static class AbroadMoveMessages
{
    public static readonly MessageText Country = new("abroad-rule.country", "転出先の国・地域を入力してください。", "enter the country or region the person moves to");
    public static readonly MessageText BeforeBirth = new("abroad-rule.before-birth", "転出予定日・届出日が生年月日より前です。",
        "the move date or the notification date is before the birth date");

    // §8.6: continued use abroad, asked for with the notification.
    public static readonly MessageText ContinuedUseNotYet = new("abroad-rule.continued-use.not-in-force", "国外継続利用は {0} から申請できます。",
        "continued use abroad can be asked for from {0}");
    public static readonly MessageText ContinuedUseNationalsOnly = new("abroad-rule.continued-use.nationals-only",
        "国外継続利用は戸籍の附票がある日本国籍の方に限られます（本籍が住民票にありません）。外国籍の方のカードは転出日に失効します。",
        "continued use abroad is only for Japanese nationals with a family-register attachment (no 本籍 in the register); a foreign national's card lapses on the move date");
    public static readonly MessageText ContinuedUseNoCard = new("abroad-rule.continued-use.no-card",
        "有効なマイナンバーカードをお持ちでないため、国外継続利用はできません。", "the person holds no valid card, so there is nothing to continue");
    public static readonly MessageText ContinuedUseCardExpires = new("abroad-rule.continued-use.card-expires",
        "カードの有効期限 {0} が転出予定日より前のため、国外継続利用はできません。", "the card expires on {0}, before the move date");
    public static readonly MessageText ContinuedUseTooLate = new("abroad-rule.continued-use.too-late",
        "国外継続利用の申請は、転出予定日 {0} の前日 {1} までです。本日 {2} の申請は受け付けられません。カードは転出日に失効します。",
        "continued use abroad must be asked for by the day before the move date {0}, that is by {1}; a request on {2} is too late and the card lapses on the move date");

    // §8.6, §7.2, §4.4: the signature certificate for people abroad.
    public static readonly MessageText SignatureNeedsContinuedUse = new("abroad-rule.signature.needs-continued-use",
        "国外利用の署名用電子証明書は、国外継続利用とあわせて申請します。", "a signature certificate for people abroad is asked for with continued use abroad");
    public static readonly MessageText SignatureNotEligible = new("abroad-rule.signature.not-eligible",
        "15歳未満の方・成年被後見人の方には署名用電子証明書を発行できません。", "no signature certificate is issued under 15 or to an adult ward");
    public static readonly MessageText SignatureNoPin = new("abroad-rule.signature.no-pin",
        "このカードには署名用電子証明書の暗証番号が設定されていません（出国前に窓口で電子証明書の更新が必要です）。",
        "the card has no signature PIN: renew the certificates at the window before leaving");

    // §8.6: 返納 of a card that lapsed on the move date.
    public static readonly MessageText NoSuchMove = new("abroad-rule.move.none", "国外転出（番号 {0}）の記録がありません。", "no move abroad {0}");
    public static readonly MessageText ReturnNotLapsed = new("abroad-rule.return.not-lapsed", "返納を受け付けるのは、国外転出で失効したカードだけです。",
        "only a card that lapsed on moving abroad is returned here");
    public static readonly MessageText AlreadyReturned = new("abroad-rule.return.already", "カードは {0} に返納済みです。", "the card was returned on {0}");
    public static readonly MessageText ReturnInFuture = new("abroad-rule.return.future", "返納日が未来の日付です。", "the return date is in the future");
}
