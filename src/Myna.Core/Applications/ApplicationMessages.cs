using Myna.Core.Text.Messages;

namespace Myna.Core.Applications;

/// <summary>
/// Why an application cannot be taken, or what changes when it is (DOMAIN §4.1–§4.4): the words the public
/// application page, the staff intake and the review show, and the API gives with <c>messageCode</c>.
/// </summary>
[MessageCatalogue]
public static class ApplicationMessages
{
    public static readonly MessageText IdDigits = new("application-rule.id.digits", "申請書IDは23桁の数字です（{0}）。", "The application ID has 23 digits: {0}");
    public static readonly MessageText IdOtherMunicipality = new("application-rule.id.other-municipality", "この申請書IDは別の市区町村のものです。",
        "This application ID belongs to another municipality.");
    public static readonly MessageText IdNotServed = new("application-rule.id.not-served", "この申請書IDの市区町村はこのサービスで受け付けていません。",
        "This service does not take applications for the municipality of this ID.");
    public static readonly MessageText IdUnknown = new("application-rule.id.unknown", "この申請書IDは見つかりません。申請書に印字された番号をご確認ください。",
        "No form was issued with this application ID; check the number printed on the form.");
    public static readonly MessageText IdNoLongerUsable = new("application-rule.id.no-longer-usable", "この申請書IDは使用できなくなっています。",
        "This application ID can no longer be used.");
    public static readonly MessageText AlreadyReceived = new("application-rule.id.received",
        "この申請書IDの申請は{0}に受け付けています。状況は申請状況の確認ページでご覧ください。",
        "An application with this ID was received on {0}; see the status page.");
    public static readonly MessageText JustReceived = new("application-rule.id.just-received", "この申請書IDの申請は受付済みです。",
        "An application with this ID has just been received.");
    public static readonly MessageText NotInRegister = new("application-rule.not-in-register",
        "この申請書の方は住民登録がないため申請できません。窓口にご相談ください。",
        "The person of this form is no longer in the register; please ask at the window.");
    public static readonly MessageText Contact = new("application-rule.contact", "連絡先（メールアドレスまたは電話番号）を入力してください。",
        "Enter an email address or a phone number.");
    public static readonly MessageText Consent = new("application-rule.consent", "申請内容の確認と同意にチェックしてください。", "Tick the confirmation and consent.");
    public static readonly MessageText Email = new("application-rule.email", "メールアドレスの形式が正しくありません。", "The email address is not valid.");
    public static readonly MessageText Phone = new("application-rule.phone", "電話番号は10桁または11桁の数字で入力してください。", "A phone number has 10 or 11 digits.");
    public static readonly MessageText LegalRepresentative = new("application-rule.legal-representative",
        "15歳未満の方の申請は法定代理人が行います。法定代理人の氏名を入力してください。",
        "Applicants under 15 apply through a legal representative: enter the representative's name.");
    public static readonly MessageText NoSignatureForAdultWard = new("application-rule.signature.adult-ward", "成年被後見人の方には署名用電子証明書は発行されません。",
        "No signature certificate is issued to an adult ward.");
    public static readonly MessageText NoSignatureUnder15 = new("application-rule.signature.under-15", "15歳未満の方には署名用電子証明書は発行されません。",
        "No signature certificate is issued to applicants under 15.");
    public static readonly MessageText PhotoRequired = new("application-rule.photo", "顔写真を添付してください。", "Attach a face photo.");
    public static readonly MessageText Channel = new("application-rule.channel", "受付方法を選んでください。", "Choose the channel.");
    public static readonly MessageText UnknownReason = new("application-rule.review.unknown-reason", "不明な理由コード: {0}", "unknown reason code: {0}");
    public static readonly MessageText ReasonsRequired = new("application-rule.review.reasons", "不備の理由を選ぶか入力してください。",
        "Choose or enter the deficiency's reasons.");
    public static readonly MessageText NoApplication = new("application-rule.review.none", "申請 {0} が見つかりません。", "application {0} does not exist");
    public static readonly MessageText NotWaitingForReview = new("application-rule.review.not-waiting", "この申請は審査待ちではありません。",
        "the application is not waiting for review");
}
