namespace Myna.Core.Applications;

/// <summary>The human photo checks of DOMAIN §4.3, as the reviewer ticks them.</summary>
public static class PhotoDeficiencies
{
    public static readonly IReadOnlyList<(string Code, string Ja, string En)> All =
    [
        ("not-frontal", "正面を向いていない", "Not facing the front"),
        ("hat", "帽子等をかぶっている", "Wearing a hat or head covering"),
        ("background", "背景が無地でない・影がある", "Background not plain, or shadows"),
        ("face-size", "顔の大きさ・位置が適切でない", "Face too small, too large or off-centre"),
        ("blurred", "ピントが合っていない・不鮮明", "Out of focus or unclear"),
        ("eyes", "目が閉じている・前髪で目が隠れている", "Eyes closed or hidden"),
        ("other-person", "本人以外が写っている", "Someone else is in the photo"),
        ("edited", "加工されている", "Retouched or edited"),
    ];

    public static string? Ja(string code) => All.FirstOrDefault(d => d.Code == code).Ja;
}

/// <summary>The rules of DOMAIN §4.4 that depend on the applicant.</summary>
public static class ApplicationRules
{
    /// <summary>
    /// Age in whole years on a day. A year is complete on the birthday's month and day; someone
    /// born on 29 February completes it on 1 March in common years (年齢計算ニ関スル法律: at the
    /// end of 28 February).
    /// </summary>
    public static int AgeOn(DateOnly birth, DateOnly day)
    {
        var age = day.Year - birth.Year;
        return (day.Month, day.Day).CompareTo((birth.Month, birth.Day)) < 0 ? age - 1 : age;
    }

    /// <summary>
    /// The application ID in what a scanner read from a form's QR code: the application page's
    /// address (<c>…/apply?id=…</c>), or the ID itself (typed, or a bare-ID QR code).
    /// </summary>
    public static string? IdFromScan(string? scanned)
    {
        if (scanned is null)
        {
            return null;
        }
        var at = scanned.IndexOf("id=", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return scanned.Trim();
        }
        var value = scanned[(at + 3)..];
        var end = value.IndexOfAny(['&', '#']);
        return (end < 0 ? value : value[..end]).Trim();
    }

    /// <summary>Under 15 at receipt: applies through a legal representative and gets no signature certificate.</summary>
    public static bool IsUnder15(DateOnly birth, DateOnly receivedOn) => AgeOn(birth, receivedOn) < 15;
}
