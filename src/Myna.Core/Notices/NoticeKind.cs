namespace Myna.Core.Notices;

/// <summary>What the resident receives to learn the number (DOMAIN §3.1).</summary>
public enum NoticeKind
{
    /// <summary>通知カード, issued until 2020-05-24.</summary>
    NotificationCard = 1,
    /// <summary>個人番号通知書, issued from 2020-05-25.</summary>
    NotificationLetter = 2,
}

public static class NoticeKinds
{
    /// <summary>DOMAIN §3.1 (effective-dated, §0.3 principle 3): the first day of the notification letter.</summary>
    public static readonly DateOnly LetterFrom = new(2020, 5, 25);

    public static NoticeKind For(DateOnly noticeDate) =>
        noticeDate < LetterFrom ? NoticeKind.NotificationCard : NoticeKind.NotificationLetter;

    public static string TitleJa(NoticeKind kind) => kind switch
    {
        NoticeKind.NotificationCard => "通知カード",
        _ => "個人番号通知書",
    };
}

/// <summary>Where an envelope goes (DOMAIN §3.2: a registered residence takes precedence).</summary>
public enum DeliveryKind
{
    /// <summary>The address in the register.</summary>
    RegisteredAddress = 1,
    /// <summary>A registered residence (居所).</summary>
    Residence = 2,
    /// <summary>The address of a proxy (代理人) who receives on the resident's behalf.</summary>
    Proxy = 3,
    /// <summary>留め置き: held at the municipal office for a DV victim or a long-term hospital or facility resident (§3.2).</summary>
    HeldAtOffice = 4,
}
