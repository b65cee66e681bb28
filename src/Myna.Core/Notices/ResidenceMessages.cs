using Myna.Core.Text.Messages;

namespace Myna.Core.Notices;

/// <summary>Why a residence registration (居所情報登録, DOMAIN §3.2) cannot be recorded, read or ended.</summary>
[MessageCatalogue]
public static class ResidenceMessages
{
    public static readonly MessageText OutsideWindow = new("residence-rule.outside-window",
        "受付日 {0} は登録期間（{1}〜{2}）の外です。", "received {0}, outside the registration window {1} – {2}");
    public static readonly MessageText AddressRequired = new("residence-rule.address", "居所の住所を入力してください。", "enter the residence address");
    public static readonly MessageText PostalCode = new("residence-rule.postal-code", "郵便番号は7桁の数字で入力してください（例：986-8501）。",
        "postal code must be 7 digits (e.g. 986-8501)");
    public static readonly MessageText ReasonDetail = new("residence-rule.reason-detail", "やむを得ない理由を具体的に入力してください。", "describe the unavoidable reason");
    public static readonly MessageText IdDocument = new("residence-rule.id-document", "本人確認書類の写しが必要です。",
        "a copy of the resident's identity document is required");
    public static readonly MessageText HeldAtOfficeNotAllowed = new("residence-rule.held-at-office",
        "留め置きは、DV・ストーカー・虐待の被害者と、長期の入院・入所者だけが選べます。居所または代理人を登録してください。",
        "holding at the office (留め置き) is only for victims of DV, stalking or abuse and for long-term hospital or facility residents; "
        + "register the residence or a proxy instead");
    public static readonly MessageText NotRegisteredAddress = new("residence-rule.registered-address",
        "居所情報登録は、住民票の住所以外の送付先を登録するものです。", "a residence registration delivers elsewhere than the registered address");
    public static readonly MessageText DeliveryProof = new("residence-rule.delivery-proof", "送付先を確認できる書類が必要です。", "proof of the delivery place is required");
    public static readonly MessageText ConsentEvacueesOnly = new("residence-rule.consent", "避難者情報の提供への同意は、災害による避難者だけが対象です。",
        "consent to share evacuee information applies to disaster evacuees only");
    public static readonly MessageText ProxyName = new("residence-rule.proxy-name", "代理人の氏名を入力してください。", "enter the proxy's name");
    public static readonly MessageText ProxyAddress = new("residence-rule.proxy-address", "代理人の住所を入力してください。", "enter the proxy's address");
    public static readonly MessageText ProxyAuthority = new("residence-rule.proxy-authority", "代理権を確認できる書類と代理人の本人確認書類の写しが必要です。",
        "proof of the proxy's authority and a copy of the proxy's ID are required");
    public static readonly MessageText NotInRegister = new("residence-rule.not-in-register", "この住民は住民基本台帳に記録されていません（消除済み）。",
        "the resident is no longer in the register");
    public static readonly MessageText EndReasonRequired = new("residence-rule.end-reason", "登録を終了する理由を入力してください。", "say why the registration ends");
    public static readonly MessageText NoCurrentRegistration = new("residence-rule.none", "現在有効な居所情報登録はありません。",
        "the resident has no current residence registration");
    public static readonly MessageText UnknownReason = new("residence-rule.reason.unknown", "登録の理由を選んでください（{0}）。", "reason must be one of: {0}");
    public static readonly MessageText UnknownDelivery = new("residence-rule.delivery.unknown", "送付先の種類を選んでください（{0}）。", "delivery must be one of: {0}");
}
