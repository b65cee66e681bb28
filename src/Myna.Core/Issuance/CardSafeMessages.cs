using Myna.Core.Text.Messages;

namespace Myna.Core.Issuance;

/// <summary>
/// Why the card safe (カード管理, DOMAIN §5, §6.1) refuses a delivery list or a scanned card: import, scan-in,
/// send back for remaking, pre-issuance setup and restricted-delivery mail.
/// </summary>
[MessageCatalogue]
public static class CardSafeMessages
{
    public static readonly MessageText ListUnreadable = new("card-safe.list.unreadable", "交付対象者一覧表を読み取れません（{0}行目：{1}）。",
        "the delivery list cannot be read: line {0}: {1}");
    public static readonly MessageText ListOtherMunicipality = new("card-safe.list.other-municipality",
        "交付対象者一覧表 {0} は市区町村 {1} のものです（この市区町村は {2}）。", "the delivery list {0} is for municipality {1}, not {2}");
    public static readonly MessageText ListDiffers = new("card-safe.list.differs", "内容の異なる交付対象者一覧表 {0} が既に取り込まれています。",
        "a different delivery list {0} was already imported");
    public static readonly MessageText ListRefused = new("card-safe.list.refused", "交付対象者一覧表 {0} は取り込みませんでした：{1}",
        "the delivery list {0} was not imported: {1}");
    public static readonly MessageText LineNotOurs = new("card-safe.line.not-ours", "{0}行目（カード {1}）：申請 {2} はこの市区町村の申請ではありません",
        "line {0} (card {1}): application {2} is not an application of this municipality");
    public static readonly MessageText LineNotWaiting = new("card-safe.line.not-waiting", "{0}行目（カード {1}）：申請 {2} はカードを待っていません",
        "line {0} (card {1}): application {2} is not waiting for a card");
    public static readonly MessageText LineBirthDate = new("card-safe.line.birth-date", "{0}行目（カード {1}）：生年月日が住民記録と異なります",
        "line {0} (card {1}): the birth date differs from the register");
    public static readonly MessageText LineKnownCard = new("card-safe.line.known-card", "{0}行目（カード {1}）：このカードは取込済みの一覧表に載っています",
        "line {0} (card {1}): this card is already on an imported list");
    public static readonly MessageText NoList = new("card-safe.list.none", "交付対象者一覧表 {0} は取り込まれていません。", "no delivery list {0} was imported");
    public static readonly MessageText NoFile = new("card-safe.list.no-file", "取り込む交付対象者一覧表のファイルを選んでください。", "choose the delivery list file to import");
    public static readonly MessageText SerialFormat = new("card-safe.serial.format", "カードのシリアル番号は16桁の英数字（16進数）です。",
        "a card serial has 16 hexadecimal digits");
    public static readonly MessageText SerialUnknown = new("card-safe.serial.unknown", "カード {0} は取込済みのどの交付対象者一覧表にも載っていません。",
        "card {0} is not on any imported delivery list");
    public static readonly MessageText CannotGoBack = new("card-safe.remake.state", "カード {0} は「{1}」のため、再作製に回せません。",
        "card {0} is {1} and cannot go back for remaking");
    public static readonly MessageText HandOverOpen = new("card-safe.remake.hand-over-open",
        "カード {0} は窓口で交付手続中です。交付を中止してから再作製に回してください。",
        "a hand-over of card {0} is open at the window: stop it first, then send the card back");
    public static readonly MessageText SayWhatDiffers = new("card-safe.remake.mismatch-note", "どこが一致しないかを入力してください。", "say what does not match");
    public static readonly MessageText NotReceived = new("card-safe.setup.not-received", "カード {0} はまだ受け入れていません。先に読み取って受け入れてください。",
        "card {0} has not been received yet: scan it in first");
    public static readonly MessageText NotInSafe = new("card-safe.setup.state", "カード {0} は「{1}」です。交付前設定は保管中のカードに行います。",
        "card {0} is {1}: setup is done on a card in the safe");
    public static readonly MessageText NotToMail = new("card-safe.mail.state", "カード {0} は郵送する交付前設定済みのカードではありません（{1}）。",
        "card {0} is not a set-up card to be mailed ({1})");
    public static readonly MessageText MailNumber = new("card-safe.mail.number", "書留番号は11〜13桁の数字です。", "a registered-mail number has 11 to 13 digits");
    public static readonly MessageText NotInMail = new("card-safe.mail.not-out", "カード {0} は郵送中ではありません（{1}）。", "card {0} is not out in the mail ({1})");

    // The card's state as named in a refusal (the same words as the safe's inventory).
    public static readonly MessageText Listed = new("card-safe.state.listed", "未着（一覧表のみ）", "listed but not received");
    public static readonly MessageText InSafe = new("card-safe.state.in-safe", "保管中（交付前設定待ち）", "in the safe (waiting for setup)");
    public static readonly MessageText Ready = new("card-safe.state.ready", "交付前設定済", "set up");
    public static readonly MessageText NoticeSent = new("card-safe.state.notice-sent", "交付通知書送付済", "issuance notice sent");
    public static readonly MessageText Issued = new("card-safe.state.issued", "交付済", "issued");
    public static readonly MessageText ReturnedForRemake = new("card-safe.state.returned", "再作製依頼", "returned for remaking");
    public static readonly MessageText Mailed = new("card-safe.state.mailed", "本人限定受取郵便で送付中", "out by restricted-delivery mail");
    public static readonly MessageText Destroyed = new("card-safe.state.destroyed", "廃棄", "destroyed");

    public static MessageText State(CardState state) => state switch
    {
        CardState.Listed => Listed,
        CardState.InSafe => InSafe,
        CardState.Ready => Ready,
        CardState.NoticeSent => NoticeSent,
        CardState.Issued => Issued,
        CardState.ReturnedForRemake => ReturnedForRemake,
        CardState.Mailed => Mailed,
        _ => Destroyed,
    };
}
