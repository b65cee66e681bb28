using Myna.Core.Text.Messages;

namespace Myna.Core.Residents;

/// <summary>Why a register event (異動, DOMAIN §2, §8.6) or the adult-ward flag cannot be recorded as entered.</summary>
[MessageCatalogue]
public static class RegisterMessages
{
    public static readonly MessageText NotOnExisting = new("register-rule.type.not-on-existing", "この事由（{0}）は既存の住民には記録できません。",
        "{0} is not recorded on an existing resident");
    public static readonly MessageText NotificationInFuture = new("register-rule.notification-date.future", "届出日が未来の日付です。", "the notification date is in the future");
    public static readonly MessageText EffectiveInFuture = new("register-rule.effective-date.future", "この事由は未来の日付では記録できません。",
        "this event cannot take effect in the future");
    public static readonly MessageText NoSuchResident = new("register-rule.resident.none", "住民 {0} は記録されていません。", "resident {0} does not exist");
    public static readonly MessageText NotInRegister = new("register-rule.resident.not-in-register", "この住民は消除済みです。記録できるのは「訂正」だけです。",
        "the resident is no longer in the register; only a correction can be recorded");
    public static readonly MessageText BeforeBirth = new("register-rule.effective-date.before-birth", "異動日が生年月日より前です。", "the effective date is before the birth date");
    public static readonly MessageText NothingChanges = new("register-rule.nothing-changes", "変更がありません。新しい内容を入力してください。", "nothing changes: enter the new values");
    public static readonly MessageText AbroadIsItsOwnNotice = new("register-rule.move-out.abroad",
        "国外への転出は「国外転出」で受け付けます（国外継続利用の申請もそこで行います）。",
        "a move abroad is recorded as a move abroad (with continued use of the card), not as a move-out");
    public static readonly MessageText AbroadAlreadyNotified = new("register-rule.move-out.abroad-notified", "国外転出届が受理済みです（転出予定日を待っています）。",
        "a move abroad is already notified for this person");
    public static readonly MessageText CardHolderNeedsDestination = new("register-rule.destination.card-holder",
        "カードを持っている方の転出です。転出先の市区町村コードを入力してください（転出証明書情報を送るために必要です）。",
        "the person holds a card: enter the destination municipality code so the advance move-out information can be sent");
    public static readonly MessageText NotAMunicipalityCode = new("register-rule.municipality-code", "市区町村コードとして読めません：{0}", "not a municipality code: {0}");
    public static readonly MessageText DestinationAddress = new("register-rule.destination-address", "転出先の住所を入力してください。", "enter the address at the destination");
    public static readonly MessageText StayChangeOnly = new("register-rule.stay.only", "在留資格等の変更で変わるのは在留資格と在留期間だけです。",
        "a change of the status of residence changes only the status and the period of stay");
    public static readonly MessageText StayRequired = new("register-rule.stay.required", "新しい在留資格または在留期間の満了日を入力してください。",
        "enter the new status of residence or the new end of the period of stay");
    public static readonly MessageText StayHasOwnEvent = new("register-rule.stay.own-event",
        "在留資格・在留期間は「在留資格等の変更」または「訂正」で記録します。",
        "the status of residence and the period of stay change with their own event (在留資格等の変更) or a correction");
    public static readonly MessageText MoveChangesAddressOnly = new("register-rule.move-within.address-only",
        "転居で変わるのは住所だけです。氏名の変更は別に記録してください。", "a move within the municipality changes the address only; record a name change separately");
    public static readonly MessageText NewAddress = new("register-rule.move-within.address", "新しい住所を入力してください。", "enter the new address");
    public static readonly MessageText NameChangeOnly = new("register-rule.name-change.name-only", "氏名の変更で変わるのは氏名だけです。転居は別に記録してください。",
        "a name change changes the name only; record the move separately");
    public static readonly MessageText NewName = new("register-rule.name-change.name", "新しい氏名を入力してください。", "enter the new name");
    public static readonly MessageText RegisterOnly = new("register-rule.status-only", "この事由で変わるのは住民登録の有無だけです。",
        "this event changes only whether the person is in the register");
    public static readonly MessageText PostalCode = new("register-rule.postal-code", "郵便番号は7桁の数字で入力してください（例：986-8501）。",
        "must be 7 digits (e.g. 986-8501)");
    public static readonly MessageText FamilyRegisterPlace = new("register-rule.family-register.place", "本籍を市区町村コードとあわせて入力してください。",
        "enter the place of the family register (本籍) with its municipality code");
    public static readonly MessageText NotAnAddress = new("register-rule.withheld-placeholder",
        "「（支援措置により非表示）」は非表示の住所を表すもので、住所ではありません。実際の住所を入力するか、この欄を変えずにおいてください。",
        "「（支援措置により非表示）」 stands for a withheld address and is not an address: enter the real address, or leave the field unchanged");
    public static readonly MessageText Required = new("register-rule.required", "{0}を入力してください。", "{0} is required");
    public static readonly MessageText Katakana = new("register-rule.katakana", "{0}はカタカナ（フリガナ）で入力してください。", "{0} must be written in katakana (フリガナ)");
    public static readonly MessageText WardEvidence = new("register-rule.adult-ward.evidence",
        "成年被後見人であることの根拠（審判書や登記事項証明書など）を入力してください。",
        "enter the evidence of the guardianship (e.g. the court's ruling or the registry's certificate)");
    public static readonly MessageText WardEndEvidence = new("register-rule.adult-ward.end-evidence",
        "後見が終わった根拠（後見開始の審判の取消しなど）を入力してください。",
        "enter why the guardianship no longer applies (e.g. the ruling that ended it)");
    public static readonly MessageText AlreadyWard = new("register-rule.adult-ward.already", "この方は既に成年被後見人として記録されています。",
        "the person is already recorded as an adult ward");
    public static readonly MessageText NotWard = new("register-rule.adult-ward.not", "この方は成年被後見人として記録されていません。",
        "the person is not recorded as an adult ward");
}
