using Myna.Core.Text.Messages;

namespace Myna.Core.Applications;

/// <summary>
/// The human photo checks of DOMAIN §4.3, as the reviewer ticks them: a stable reason code (sent by the review form and
/// the API) with its words in the catalogue (<see cref="DeficiencyMessages"/>).
/// </summary>
public static class PhotoDeficiencies
{
    public static readonly IReadOnlyList<(string Code, MessageText Text)> All =
    [
        ("not-frontal", DeficiencyMessages.NotFrontal),
        ("hat", DeficiencyMessages.Hat),
        ("background", DeficiencyMessages.Background),
        ("face-size", DeficiencyMessages.FaceSize),
        ("blurred", DeficiencyMessages.Blurred),
        ("eyes", DeficiencyMessages.Eyes),
        ("other-person", DeficiencyMessages.OtherPerson),
        ("edited", DeficiencyMessages.Edited),
    ];

    /// <summary>The words of a reason code, or null for a code that is not one.</summary>
    public static MessageText? Find(string code) => All.FirstOrDefault(d => d.Code == code).Text;

    /// <summary>The Japanese of a reason code, as the application keeps it and the deficiency letter prints it.</summary>
    public static string? Ja(string code) => Find(code)?.Ja;
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
