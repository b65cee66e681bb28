using Myna.Core.Text.Messages;

namespace Myna.Core.Applications;

/// <summary>The mechanical photo rules a file breaks (DOMAIN §4.3, <see cref="PhotoCheck"/>), in words a resident understands.</summary>
[MessageCatalogue]
public static class PhotoMessages
{
    /// <summary>{0} the file's size in KB, {1} the least size in KB.</summary>
    public static readonly MessageText TooSmall = new("photo-rule.too-small", "ファイルが小さすぎます（{0}KB）。{1}KB以上の写真にしてください。",
        "The file is too small ({0}KB); it must be at least {1} KB.");

    /// <summary>{0} the file's size in MB, {1} the largest size in MB.</summary>
    public static readonly MessageText TooLarge = new("photo-rule.too-large", "ファイルが大きすぎます（{0}MB）。{1}MB以下にしてください。",
        "The file is too large ({0}MB); it must be at most {1} MB.");

    public static readonly MessageText NotJpeg = new("photo-rule.not-jpeg", "JPEG形式（.jpg）の写真ではありません。", "The file is not a JPEG photo (.jpg).");

    /// <summary>{0}×{1} the photo's pixels, {2}–{3} the bounds of each side.</summary>
    public static readonly MessageText Pixels = new("photo-rule.pixels", "写真の大きさが {0}×{1} ピクセルです。幅・高さとも{2}〜{3}ピクセルにしてください。",
        "The photo is {0}×{1} pixels; width and height must each be {2}–{3} pixels.");

    /// <summary>{0} the recorded shooting date (a nested day), {1} the months a photo stays recent.</summary>
    public static readonly MessageText TooOld = new("photo-rule.too-old", "撮影日が {0} です。{1}か月以内に撮影した写真にしてください。",
        "The photo was taken on {0}; it must be taken within {1} months.");

    public static readonly MessageText Future = new("photo-rule.future", "撮影日が未来の日付になっています。カメラの日付設定をご確認ください。",
        "The recorded shooting date is in the future; check the camera's date.");
}

/// <summary>
/// The human photo checks the reviewer ticks (DOMAIN §4.3, <see cref="PhotoDeficiencies"/>). The Japanese is what the
/// application keeps as its deficiency reasons and what the deficiency letter prints.
/// </summary>
[MessageCatalogue]
public static class DeficiencyMessages
{
    public static readonly MessageText NotFrontal = new("deficiency.reason.not-frontal", "正面を向いていない", "Not facing the front");
    public static readonly MessageText Hat = new("deficiency.reason.hat", "帽子等をかぶっている", "Wearing a hat or head covering");
    public static readonly MessageText Background = new("deficiency.reason.background", "背景が無地でない・影がある", "Background not plain, or shadows");
    public static readonly MessageText FaceSize = new("deficiency.reason.face-size", "顔の大きさ・位置が適切でない", "Face too small, too large or off-centre");
    public static readonly MessageText Blurred = new("deficiency.reason.blurred", "ピントが合っていない・不鮮明", "Out of focus or unclear");
    public static readonly MessageText Eyes = new("deficiency.reason.eyes", "目が閉じている・前髪で目が隠れている", "Eyes closed or hidden");
    public static readonly MessageText OtherPerson = new("deficiency.reason.other-person", "本人以外が写っている", "Someone else is in the photo");
    public static readonly MessageText Edited = new("deficiency.reason.edited", "加工されている", "Retouched or edited");
}
