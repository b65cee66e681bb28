using Myna.Core.Text.Messages;

namespace Myna.Core.SupportMeasures;

/// <summary>
/// Why the support-measure officer's desk (DOMAIN §9) refuses an application, an extension, a member, an offender, a
/// relaxation, a lifting or a forward to another municipality. The officer's pages show them in the reader's language
/// after the field they are about; the API keeps its stable <c>code</c> (<c>support-measure.{key}</c>) beside the entry's.
/// </summary>
[MessageCatalogue]
public static class SupportMeasureMessages
{
    public static readonly MessageText Kind = new("support-measure-rule.kind", "措置の種別（DV・ストーカー・児童虐待・その他）を選んでください。",
        "choose the kind of harm: DV, stalking, child abuse or similar");
    public static readonly MessageText Basis = new("support-measure-rule.basis",
        "支援の必要性の確認が必要です。意見を求めた機関（警察・配偶者暴力相談支援センター・児童相談所など）、その名称と意見の日付を入力してください。",
        "a measure needs its basis: whose opinion confirmed the need (police, support centre, child guidance centre), the body's name and the opinion's date");
    public static readonly MessageText BasisInFuture = new("support-measure-rule.basis-date.future", "意見の日付が未来になっています。",
        "the opinion's date cannot be in the future");
    public static readonly MessageText EndBeforeStart = new("support-measure-rule.end.before-start", "終了日が開始日より前になっています。",
        "the end cannot be before the start");
    public static readonly MessageText EndTooLate = new("support-measure-rule.end.too-late", "支援措置の期間は開始日から1年以内です。延長は終了前に行ってください。",
        "a measure lasts at most one year from its start; extend it before it ends");
    public static readonly MessageText NoApplicant = new("support-measure-rule.applicant.none", "申出者が見つかりません。住民の詳細画面から申出を登録してください。",
        "no applicant: record the application from the resident's page");
    public static readonly MessageText NoResident = new("support-measure-rule.resident.none", "住民 {0} が見つかりません。", "resident {0} does not exist");
    public static readonly MessageText NotResident = new("support-measure-rule.applicant.not-resident", "申出者は現在この市区町村の住民ではありません。",
        "the applicant is not a resident of this municipality now");
    public static readonly MessageText ExtendNotLater = new("support-measure-rule.extend.not-later", "新しい終了日は、現在の終了日 {0} より後にしてください。",
        "the new end must be after the current end, {0}");
    public static readonly MessageText ExtendTooLate = new("support-measure-rule.extend.too-late", "延長は現在の終了日から1年以内です。",
        "an extension adds at most one year to the current end");
    public static readonly MessageText ApplicantAway = new("support-measure-rule.applicant.away",
        "申出者が現在この市区町村に住んでいないため、対象者を追加できません。", "the applicant does not live here now: members are added where they live");
    public static readonly MessageText AlreadyCovered = new("support-measure-rule.member.already-covered", "この人はすでに措置の対象です。",
        "this person is already covered by the measure");
    public static readonly MessageText MemberIsOffender = new("support-measure-rule.member.offender", "この人は加害者として登録されています。",
        "this person is named as an offender of the measure");
    public static readonly MessageText NotCovered = new("support-measure-rule.member.not-covered", "この人は措置の対象ではありません。",
        "this person is not covered by the measure");
    public static readonly MessageText RelaxApplicant = new("support-measure-rule.relax.applicant", "申出者は措置の期間中は対象外にできません。措置を解除してください。",
        "the applicant stays covered while the measure lasts: lift the measure instead");
    public static readonly MessageText AlreadyLifted = new("support-measure-rule.lift.already", "この支援措置は {0} にすでに解除されています。",
        "the measure was already lifted on {0}");
    public static readonly MessageText Lifted = new("support-measure-rule.measure.lifted",
        "この支援措置は {0} にすでに解除されています。続けて支援が必要なときは新しい申出を登録してください。",
        "the measure was lifted on {0}: a new application is needed");
    public static readonly MessageText Ended = new("support-measure-rule.measure.ended",
        "この支援措置は終了日 {0} を過ぎています。続けて支援が必要なときは新しい申出を登録してください。",
        "the measure ended on {0}: a new application is needed");
    public static readonly MessageText NoMeasure = new("support-measure-rule.measure.none", "支援措置 {0} が見つかりません。", "support measure {0} does not exist");
    public static readonly MessageText MemberIsApplicant = new("support-measure-rule.member.applicant",
        "申出者はすでに対象です。併せて支援を求める者には申出者以外を選んでください。",
        "the applicant is covered already; members are the others who ask for the same protection");
    public static readonly MessageText MemberNotSharing = new("support-measure-rule.member.not-sharing",
        "住民 {0} は申出者と同じ世帯・同じ住所に住んでいません。対象に加えられるのは、申出者と同じ世帯・同じ住所に住む人だけです。",
        "resident {0} does not live with the applicant (same household or dwelling): only they can be covered with the applicant");
    public static readonly MessageText OffenderName = new("support-measure-rule.offender.name", "加害者の氏名を入力してください（ほかの項目は分かる範囲で）。",
        "enter the offender's name (the other fields only as far as known)");
    public static readonly MessageText OffenderIsApplicant = new("support-measure-rule.offender.applicant", "加害者に申出者を登録することはできません。",
        "the offender cannot be the applicant");
    public static readonly MessageText OffenderIsCovered = new("support-measure-rule.offender.covered", "加害者に措置の対象者を登録することはできません。",
        "the offender cannot be a person the measure covers");
    public static readonly MessageText RelaxReason = new("support-measure-rule.relax.reason", "一部解除の理由を入力してください。",
        "enter why the person is no longer covered");
    public static readonly MessageText LiftReason = new("support-measure-rule.lift.reason", "解除の理由を入力してください。", "enter why the measure is lifted");
    public static readonly MessageText ForwardLifted = new("support-measure-rule.forward.lifted", "この支援措置は {0} に解除されています。転送するものはありません。",
        "the measure was lifted on {0}: there is nothing to forward");
    public static readonly MessageText ForwardEnded = new("support-measure-rule.forward.ended", "この支援措置は終了日 {0} を過ぎています。転送するものはありません。",
        "the measure ended on {0}: there is nothing to forward");
    public static readonly MessageText ForwardHere = new("support-measure-rule.forward.here", "当市区町村のコードです。転送先には他の市区町村を指定してください。",
        "the measure is held here already: name another municipality");
    public static readonly MessageText ForwardDestination = new("support-measure-rule.forward.destination",
        "6桁の市区町村コード（地方公共団体コード、末尾は検査数字）を入力してください。",
        "enter the receiving municipality's code (6 digits, 地方公共団体コード)");
    public static readonly MessageText ForwardNotACode = new("support-measure-rule.forward.not-a-code",
        "6桁の市区町村コード（地方公共団体コード、末尾は検査数字）として読めません：{0}", "not a municipality code: {0}");
    public static readonly MessageText ForwardNoMunicipality = new("support-measure-rule.forward.no-municipality",
        "このコードに当たる市区町村はありません：{0}（上2桁は都道府県 01〜47、続く3桁は 000 以外）。",
        "{0} names no municipality: the first two digits are the prefecture (01–47) and the next three the municipality (not 000)");
}
