using Myna.Core.Text.Messages;

namespace Myna.Core.Issuance;

/// <summary>
/// Why a hand-over at the window is stopped: the reasons DOMAIN §6.4–§6.5 give for not handing a card over.
/// The card stays in the safe in every case; what follows for the resident depends on the reason.
/// </summary>
public enum IssuanceStopReason
{
    /// <summary>§6.5: no verification method holds with the documents the person brought.</summary>
    IdentityNotVerified = 1,
    /// <summary>§6.4 step 2: the card's photo clearly shows someone else; the resident applies again with a new photo.</summary>
    PhotoDiffers = 2,
    /// <summary>§6.4 step 2, §5: the card face is misprinted or damaged; the card goes back for remaking, free of charge.</summary>
    CardFaceDefect = 3,
    /// <summary>§6.4 step 3: the register's data and the identity documents do not agree.</summary>
    RegisterMismatch = 4,
    /// <summary>§6.4: a proxy without the document showing why the applicant cannot come, or without the authorisation.</summary>
    ProxyNotEntitled = 5,
    /// <summary>Anything else (the resident leaves, declines the card …): the note says what.</summary>
    Other = 9,
}

/// <summary>The words of stopping a hand-over and of the checks before it (DOMAIN §6.4).</summary>
[MessageCatalogue]
public static class IssuanceStopMessages
{
    public static readonly MessageText IdentityNotVerified = new("issuance-stop.reason.identity-not-verified",
        "本人確認ができない（必要な本人確認書類がない）", "Identity cannot be verified (the documents needed are missing)");
    public static readonly MessageText PhotoDiffers = new("issuance-stop.reason.photo-differs",
        "顔写真が本人と明らかに異なる（新しい写真で再申請）", "The photo clearly shows someone else (re-application with a new photo)");
    public static readonly MessageText CardFaceDefect = new("issuance-stop.reason.card-face-defect",
        "券面に誤記載・汚損がある（カードを再作成へ）", "The card face is misprinted or damaged (the card goes back for remaking)");
    public static readonly MessageText RegisterMismatch = new("issuance-stop.reason.register-mismatch",
        "住民票の記載事項と本人確認書類が一致しない", "The register does not match the identity documents");
    public static readonly MessageText ProxyNotEntitled = new("issuance-stop.reason.proxy-not-entitled",
        "代理人の疎明資料または委任状がない", "The proxy lacks the document showing why, or the authorisation");
    public static readonly MessageText Other = new("issuance-stop.reason.other", "その他", "Other");

    public static readonly MessageText ReasonRequired = new("issuance-stop.reason-required",
        "中止の理由を選んでください。", "Choose why the hand-over stops.");
    public static readonly MessageText NoteRequired = new("issuance-stop.note-required",
        "「その他」の場合は、中止の理由を備考に書いてください。", "For “Other”, write in the note why the hand-over stops.");
    public static readonly MessageText NoteTooLong = new("issuance-stop.note-too-long",
        "備考は {0} 文字以内で書いてください。", "Keep the note within {0} characters.");
    public static readonly MessageText ChecksUnticked = new("issuance-checks.unticked",
        "チェックの入っていない確認項目があります（印の付いた項目）。確認してからチェックを入れてください。何も記録していません。交付を中止する場合は、下の「交付を中止する」から理由を選んでください。",
        "Some checks are not ticked (marked). Tick each one once checked; nothing was recorded. To stop the hand-over, use “Stop this hand-over” below and choose the reason.");

    /// <summary>The words of a reason.</summary>
    public static MessageText For(IssuanceStopReason reason) => reason switch
    {
        IssuanceStopReason.IdentityNotVerified => IdentityNotVerified,
        IssuanceStopReason.PhotoDiffers => PhotoDiffers,
        IssuanceStopReason.CardFaceDefect => CardFaceDefect,
        IssuanceStopReason.RegisterMismatch => RegisterMismatch,
        IssuanceStopReason.ProxyNotEntitled => ProxyNotEntitled,
        IssuanceStopReason.Other => Other,
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "not a reason for stopping a hand-over"),
    };
}

/// <summary>One of the clerk's checks before the PINs (DOMAIN §6.4 steps 2–3), as the form names it.</summary>
public enum WindowCheck
{
    /// <summary>The card's photo against the person.</summary>
    Photo,
    /// <summary>The card face for misprints or damage.</summary>
    Face,
    /// <summary>The register's data against the identity documents.</summary>
    Register,
}
