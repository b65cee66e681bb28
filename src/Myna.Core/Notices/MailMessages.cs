using Myna.Core.Text.Messages;

namespace Myna.Core.Notices;

/// <summary>Why a step of the notice's mail (DOMAIN §3.3: posting, returns, the actions on a returned envelope) cannot be taken.</summary>
[MessageCatalogue]
public static class MailMessages
{
    public static readonly MessageText Line = new("mail-rule.line", "{0}行目（封筒 {1}）：{2}", "line {0} (envelope {1}): {2}");
    public static readonly MessageText NotAMailNumber = new("mail-rule.mail-number.invalid", "「{0}」は簡易書留の番号（11〜13桁）ではありません。",
        "'{0}' is not a registered-mail number (11–13 digits)");
    public static readonly MessageText MailNumberUsed = new("mail-rule.mail-number.used", "簡易書留の番号 {0} は既に使われています。", "mail number {0} is already used");
    public static readonly MessageText NoSuchEnvelope = new("mail-rule.envelope.none", "該当する封筒がありません。", "no such envelope");
    public static readonly MessageText NotWaitingToBePosted = new("mail-rule.envelope.not-prepared", "この封筒は「{0}」で、発送待ちではありません。",
        "the envelope is {0}, not waiting to be posted");
    public static readonly MessageText ChooseReason = new("mail-rule.reason", "返戻の理由を選んでください：1 宛所なし、2 保管期間経過、3 受取拒否、4 その他",
        "choose a return reason: 1 no such address (宛所なし), 2 storage period over (保管期間経過), 3 refused (受取拒否), 4 other (その他)");
    public static readonly MessageText EnvelopeMissing = new("mail-rule.envelope.missing", "封筒 {0} はありません。", "envelope {0} does not exist");
    public static readonly MessageText AlreadyReturned = new("mail-rule.envelope.already-returned", "この封筒は {0} に返戻として登録済みです。",
        "this envelope was already booked as returned on {0}");
    public static readonly MessageText NotPosted = new("mail-rule.envelope.not-posted", "この封筒は「{0}」です。返戻になるのは発送済みの封筒だけです。",
        "this envelope is {0}: only a posted envelope can come back");
    public static readonly MessageText NothingAllowed = new("mail-rule.action.none", "「{0}」の封筒にはできる対応がありません。",
        "nothing can be done with an envelope that is {0}");
    public static readonly MessageText ActionNotAllowed = new("mail-rule.action.not-allowed", "「{0}」はここではできません。できる対応：{1}",
        "{0} is not allowed here; allowed: {1}");
    public static readonly MessageText ChangedMeanwhile = new("mail-rule.action.changed", "封筒 {0} は他の職員が先に処理しました。もう一度内容を確かめてください。",
        "envelope {0} was changed meanwhile by someone else: look at it again");

    public static readonly MessageText Prepared = new("mail-rule.state.prepared", "印刷済み・未発送", "printed, not posted");
    public static readonly MessageText Sent = new("mail-rule.state.sent", "発送済み", "posted");
    public static readonly MessageText HeldAtOffice = new("mail-rule.state.held-at-office", "留め置き中", "held at the office");
    public static readonly MessageText Returned = new("mail-rule.state.returned", "返戻・保管中", "returned, in storage");
    public static readonly MessageText ReminderSent = new("mail-rule.state.reminder-sent", "受取案内送付済み・保管中", "reminder sent, in storage");
    public static readonly MessageText HandedOver = new("mail-rule.state.handed-over", "窓口交付済み", "handed over");
    public static readonly MessageText Resent = new("mail-rule.state.resent", "再送付済み", "re-sent");
    public static readonly MessageText Disposed = new("mail-rule.state.disposed", "返還登録・廃棄済み", "returned and disposed");

    public static readonly MessageText HandOver = new("mail-rule.action.hand-over", "窓口で交付", "hand over at the window");
    public static readonly MessageText Resend = new("mail-rule.action.resend", "再送付（簡易書留）", "re-send by registered mail");
    public static readonly MessageText Remind = new("mail-rule.action.remind", "受取案内を普通郵便で送付", "send an ordinary letter asking to collect");
    public static readonly MessageText Dispose = new("mail-rule.action.dispose", "返還登録・廃棄", "return registration and disposal");

    /// <summary>An envelope's state as a person reads it.</summary>
    public static MessageText Of(MailState state) => state switch
    {
        MailState.Prepared => Prepared,
        MailState.Sent => Sent,
        MailState.HeldAtOffice => HeldAtOffice,
        MailState.Returned => Returned,
        MailState.ReminderSent => ReminderSent,
        MailState.HandedOver => HandedOver,
        MailState.Resent => Resent,
        MailState.Disposed => Disposed,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>An action on a returned envelope as a person reads it.</summary>
    public static MessageText Of(ReturnAction action) => action switch
    {
        ReturnAction.HandOver => HandOver,
        ReturnAction.Resend => Resend,
        ReturnAction.Remind => Remind,
        ReturnAction.Dispose => Dispose,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
