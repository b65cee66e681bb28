using Myna.Core.Text.Messages;

namespace Myna.Core.Appointments;

/// <summary>
/// Why a hand-over appointment (交付予約, DOMAIN §6.3) cannot be booked, moved or cancelled, or a window or its sessions
/// cannot be opened or closed. The resident's booking page, the staff's appointments page, the public booking API and the
/// CLI all say these words; the API keeps its own stable <c>code</c> beside the entry's.
/// </summary>
[MessageCatalogue]
public static class AppointmentMessages
{
    public static readonly MessageText WindowName = new("booking-rule.window.name", "窓口の名称を入力してください。", "a window needs a name");
    public static readonly MessageText WindowUnknown = new("booking-rule.window.unknown", "指定された窓口はないか、使われていません。", "no active window with this id");
    public static readonly MessageText ServiceMinutes = new("booking-rule.session.service-minutes", "1件の所要時間は5分から240分までで入力してください。",
        "the service time is between 5 and 240 minutes");
    public static readonly MessageText Desks = new("booking-rule.session.desks", "席数は1から50までで入力してください。", "a session has between 1 and 50 desks");
    public static readonly MessageText SessionTooShort = new("booking-rule.session.too-short", "終了時刻は、開始時刻から1件の所要時間以上あとにしてください。",
        "the session must end at least one service time after it starts");
    public static readonly MessageText Period = new("booking-rule.session.period", "期間は開始日から終了日の順で、1年以内にしてください。",
        "the period runs forward and at most a year");
    public static readonly MessageText SessionUnknown = new("booking-rule.session.unknown", "指定された開設枠はありません。", "no session with this id");
    public static readonly MessageText CloseReason = new("booking-rule.session.close-reason", "休止の理由を入力してください（予約していた住民への連絡に記載されます）。",
        "say why the session is closed: the residents are told");
    public static readonly MessageText CardUnknown = new("booking-rule.card.unknown", "指定されたカードはありません。", "no card with this id");
    public static readonly MessageText CardHandedOver = new("booking-rule.card.handed-over", "このカードはすでに交付済みのため、予約できません。",
        "this card has already been handed over");
    public static readonly MessageText CardNotReady = new("booking-rule.card.not-ready", "このカードはまだ交付の準備ができていないため、予約できません。",
        "this card is not ready for its hand-over");
    public static readonly MessageText AlreadyBooked = new("booking-rule.card.already-booked", "すでに予約があります。日時の変更をご利用ください。",
        "this card already has a booking: change it instead");
    public static readonly MessageText SlotUnknown = new("booking-rule.slot.unknown", "指定された日時はありません。別の日時を選んでください。", "no slot with this id");
    public static readonly MessageText SlotFull = new("booking-rule.slot.full", "この日時は満員になりました。別の日時を選んでください。",
        "this time is fully booked: choose another time");
    public static readonly MessageText SlotPassed = new("booking-rule.slot.passed", "この日時はすでに過ぎています。", "this time has passed");
    public static readonly MessageText SessionClosed = new("booking-rule.session.closed", "この日時の窓口は休止になりました。別の日時を選んでください。",
        "this session is closed: choose another time");
    public static readonly MessageText SessionClosedMeanwhile = new("booking-rule.session.closed-meanwhile",
        "この日時の窓口は、たった今休止になりました。別の日時を選んでください。", "this session has been closed: choose another time");
    public static readonly MessageText OfficeClosed = new("booking-rule.office-closed", "この日は閉庁日です。別の日時を選んでください。",
        "the office is closed on this day: choose another time");
    public static readonly MessageText BookingCutoff = new("booking-rule.cutoff.book",
        "予約時刻の{0}分前を過ぎているため、この日時は予約できません。後の日時を選ぶか、お電話でご相談ください。",
        "bookings close {0} minutes before the time: choose a later time or call the office");
    public static readonly MessageText ChangeCutoff = new("booking-rule.cutoff.change",
        "予約時刻の{0}分前を過ぎたため、予約の変更・取消しはできません。お電話でご相談ください。",
        "a booking can be changed up to {0} minutes before its time: please call the office");
    public static readonly MessageText BookingUnknown = new("booking-rule.booking.unknown", "この予約番号の予約はないか、すでに終わっています。",
        "no active booking with this number");
    public static readonly MessageText MessageUnknown = new("booking-rule.message.unknown", "指定された住民への連絡はありません。", "no such message");
}
