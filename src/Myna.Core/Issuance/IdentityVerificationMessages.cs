using Myna.Core.Text.Messages;

namespace Myna.Core.Issuance;

/// <summary>What the identity-verification engine says (DOMAIN §6.5): the method that holds, or what each method still lacks.</summary>
[MessageCatalogue]
public static class IdentityVerificationMessages
{
    public static readonly MessageText Method = new("idv.method", "{0}方式", "method {0}");
    public static readonly MessageText ProxyMethod = new("idv.method.proxy", "代理人 {0}方式 + 本人 {1}方式", "proxy method {0} + applicant method {1}");

    public static readonly MessageText Applicant = new("idv.whose.applicant", "本人", "the applicant");
    public static readonly MessageText Proxy = new("idv.whose.proxy", "代理人", "the proxy");

    public static readonly MessageText Gap = new("idv.gap", "{0}方式：{1}", "method {0}: {1}");
    public static readonly MessageText ProxyGap = new("idv.gap.proxy", "代理人の書類の{0}方式：{1}", "the proxy's own documents, method {0}: {1}");
    public static readonly MessageText ApplicantGap = new("idv.gap.applicant", "本人の書類の{0}方式：{1}", "the applicant's documents, method {0}: {1}");

    public static readonly MessageText UnknownKind = new("idv.document.unknown", "書類の種類「{0}」は本人確認書類の一覧にありません", "unknown document kind '{0}'");
    public static readonly MessageText Only = new("idv.need.only", "{0}（現在 {1}点）", "{0} (only {1})");
    public static readonly MessageText Ko = new("idv.need.ko", "{0}の甲の書類 {1}点", "{1} photo ID (甲) of {0}");
    public static readonly MessageText Otsu = new("idv.need.otsu", "{0}の乙の書類 {1}点", "{1} other ID (乙) of {0}");
    public static readonly MessageText OtsuWithPhoto = new("idv.need.otsu-photo", "{0}の写真付きの乙の書類 {1}点", "{1} other ID with photo (乙) of {0}");
    public static readonly MessageText OtherOtsu = new("idv.need.otsu-other", "本人のその他の乙の書類 {0}点", "{0} more other ID (乙) of the applicant");
    public static readonly MessageText Measure = new("idv.need.measure", "暗証番号の入力、ICチップの確認または聴聞", "PIN entry, an IC-chip check or questioning (聴聞)");
    public static readonly MessageText InquiryReply = new("idv.need.inquiry-reply", "照会回答書", "the inquiry reply (照会回答書)");
    public static readonly MessageText KoOrTwoOtsu = new("idv.need.ko-or-two-otsu", "本人の甲の書類1点または乙の書類2点",
        "1 photo ID (甲) or 2 other ID (乙) of the applicant");
    public static readonly MessageText Questioning = new("idv.need.questioning", "聴聞", "questioning (聴聞)");
    public static readonly MessageText Receipt = new("idv.need.receipt", "本人または同一世帯の者の名義で、3か月以内の日付の領収書（税・社会保険料・公共料金）",
        "a receipt (tax, social insurance, utility) naming the applicant or a household member, dated within 3 months");
    public static readonly MessageText ProxyReason = new("idv.need.proxy-reason", "代理人が来庁する理由を示す書類", "the document showing why a proxy comes (proxy reason)");
    public static readonly MessageText Authorisation = new("idv.need.authorisation", "委任状または法定代理人であることの証明書類",
        "the authorisation (委任状 or proof of legal representation)");
    public static readonly MessageText KoAndPhoto = new("idv.need.ko-and-photo", "本人の甲の書類1点と、甲または写真付きの乙の書類もう1点",
        "1 photo ID (甲) of the applicant and 1 more photo ID (甲) or other ID with photo (乙)");
    public static readonly MessageText OneMorePhoto = new("idv.need.one-more-photo", "本人の甲または写真付きの乙の書類もう1点",
        "1 more photo ID (甲) or other ID with photo (乙) of the applicant");
    public static readonly MessageText ProxyName = new("idv.need.proxy-name", "代理人の氏名", "the proxy's name");
    public static readonly MessageText WhyProxy = new("idv.need.why-proxy", "本人が来庁できない理由（病気、障害、高齢、15歳未満、施設入所など）",
        "why the applicant cannot come (illness, disability, old age, under 15, facility, …)");
    public static readonly MessageText InPersonOnly = new("idv.window-application.in-person", "窓口での申請は本人が来庁して行います",
        "an application at the window is made by the applicant in person");
}
