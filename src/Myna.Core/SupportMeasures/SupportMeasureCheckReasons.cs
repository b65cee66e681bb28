using Myna.Core.Text.Messages;

namespace Myna.Core.SupportMeasures;

/// <summary>
/// The reasons <see cref="SupportMeasureCheck"/> gives, keyed by stable codes, in Japanese and
/// English (ARCHITECTURE principle 6), as entries of the message catalogue. The window shows them in the reader's language;
/// the API returns all three.
/// </summary>
[MessageCatalogue]
public static class SupportMeasureCheckReasons
{
    private const string Prefix = "support-measure-check.";

    private static MessageText R(string key, string ja, string en) => new(Prefix + key, ja, en);

    public static readonly MessageText NotProtected = R("not-protected",
        "対象者に有効な支援措置はありません。通常どおり審査して交付できます。",
        "No support measure in force covers the subject; examine and issue as usual.");

    public static readonly MessageText Offender = R("offender",
        "請求者は支援措置の加害者として記録された者と一致します。交付・閲覧はできません。",
        "The requester matches a recorded offender of the support measure; no copy and no viewing.");

    public static readonly MessageText OffenderClient = R("offender-client",
        "請求者は加害者の代理人です。加害者本人からの請求とみなし、拒否します（平成30年3月28日通知）。",
        "The requester acts for a recorded offender; treated as the offender's own request and refused (notice of 2018-03-28).");

    public static readonly MessageText OffenderCommissionedMatter = R("offender-commissioned-matter",
        "加害者が依頼した事件等の特定事務受任者からの請求です。加害者本人からの請求とみなし、拒否します（平成30年3月28日通知）。",
        "The professional acts in a matter a recorded offender commissioned; treated as the offender's own request and refused (notice of 2018-03-28).");

    public static readonly MessageText PossibleOffender = R("possible-offender",
        "請求者または依頼者の氏名（フリガナ）が加害者と一致し、生年月日で区別できません。厳格に審査し、支援措置責任者に確認してください。",
        "The requester's or the client's name (or reading) matches a recorded offender and no birth date tells them apart; examine strictly and confirm with the support-measure officer.");

    public static readonly MessageText AtOffenderAddress = R("at-offender-address",
        "請求者または依頼者の住所が加害者の住所と一致します。厳格に審査し、支援措置責任者に確認してください。",
        "The requester or the client lives at a recorded offender's address; examine strictly and confirm with the support-measure officer.");

    public static readonly MessageText CoveredPerson = R("covered-person",
        "支援措置の対象者本人（本人確認済み）からの請求です。交付できます。",
        "The request comes from a person the measure covers, identity verified; issue.");

    public static readonly MessageText SharingPersonThemself = R("sharing-person-themself",
        "支援措置対象者と住所を同じくする本人（本人確認済み）からの本人の請求です。交付できます。この方を措置の対象に加えるか、支援措置責任者に確認してください。",
        "The person themself, identity verified, who shares a protected person's address without being covered; issue, and ask the support-measure officer whether to extend the measure to them.");

    public static readonly MessageText IdentityNotVerified = R("identity-not-verified",
        "対象者本人と名乗る請求ですが、本人確認が済んでいません。本人確認書類で確認してから改めて判定してください。",
        "The requester claims to be a covered person but their identity is not verified; verify it and check again.");

    public static readonly MessageText RequesterNotCovered = R("requester-not-covered",
        "請求者はこの支援措置の対象者ではありません。請求者の本人確認・関係・目的を厳格に審査し、支援措置責任者に確認してください。",
        "The requester is not covered by the measure protecting the subject; examine identity, relationship and purpose strictly and confirm with the support-measure officer.");

    public static readonly MessageText HouseholdMember = R("household-member",
        "支援措置対象者の同一世帯の者からの請求です。加害者が第三者を利用することがあるため、厳格に審査し、支援措置責任者に確認してください。",
        "A household member asks about a protected person; offenders use others, so examine strictly and confirm with the support-measure officer.");

    public static readonly MessageText ThirdPartyPurposeUnconfirmed = R("third-party-purpose-unconfirmed",
        "第三者からの請求で、請求事由を疎明資料で確認できません。交付できません。",
        "A third party asks and the stated purpose is not confirmed by documents; refused.");

    public static readonly MessageText ThirdPartyPurposeConfirmed = R("third-party-purpose-confirmed",
        "第三者からの請求です（請求事由は疎明資料で確認済み）。厳格に審査し、支援措置責任者に確認してください。",
        "A third party asks with a purpose confirmed by documents; examine strictly and confirm with the support-measure officer.");

    public static readonly MessageText Proxy = R("proxy",
        "委任状による代理人からの請求です。委任の真正と依頼者を厳格に審査し、支援措置責任者に確認してください。",
        "A proxy with an authorisation asks; examine the authorisation and the client strictly and confirm with the support-measure officer.");

    public static readonly MessageText Professional = R("professional",
        "特定事務受任者の職務上請求です（依頼者は加害者と一致しません）。依頼者と事件の内容を厳格に審査し、支援措置責任者に確認してください。",
        "A professional's request in the course of duty (職務上請求) whose client does not match an offender; examine the client and the matter strictly and confirm with the support-measure officer.");

    public static readonly MessageText CourtPurposeByParty = R("court-purpose-by-party",
        "裁判所に提出するためとの請求です。当事者には交付せず、裁判所からの調査嘱託に基づき裁判所に直接交付します（平成30年12月3日通知）。",
        "The requester says the document is for a court; it is not given to a party, but sent to the court directly on the court's own commission (notice of 2018-12-03).");

    public static readonly MessageText Court = R("court",
        "裁判所からの嘱託です。当事者を介さず、裁判所に直接送付してください（平成30年12月3日通知）。",
        "A court's own request; send the document to the court directly, never through a party (notice of 2018-12-03).");

    public static readonly MessageText PublicBody = R("public-body",
        "国又は地方公共団体の機関からの請求です。法令上の根拠と担当者を厳格に審査し、支援措置責任者に確認してください。",
        "A public body asks under a stated law; examine the basis and the official strictly and confirm with the support-measure officer.");

    public static readonly MessageText Kiosk = R("kiosk",
        "支援措置の対象者の証明書はコンビニ交付では発行できません。窓口にお越しください。",
        "Certificates of a protected person are not issued at a kiosk; please come to the window.");

    /// <summary>Every reason, for the documentation test and the API's catalogue.</summary>
    public static IReadOnlyList<SupportMeasureCheckReason> All { get; } =
    [
        NotProtected, Offender, OffenderClient, OffenderCommissionedMatter, PossibleOffender, AtOffenderAddress, CoveredPerson, SharingPersonThemself,
        IdentityNotVerified, RequesterNotCovered, HouseholdMember, ThirdPartyPurposeUnconfirmed, ThirdPartyPurposeConfirmed, Proxy,
        Professional, CourtPurposeByParty, Court, PublicBody, Kiosk,
    ];
}
