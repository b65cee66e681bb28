namespace Myna.Core.Notices;

/// <summary>What staff do with a returned envelope (DOMAIN §3.3).</summary>
public enum ReturnAction
{
    /// <summary>窓口交付: the resident collects it at the window.</summary>
    HandOver = 1,
    /// <summary>再送付: it goes into a re-send batch, to the current register address.</summary>
    Resend = 2,
    /// <summary>An ordinary letter asks the resident to collect it (only for 宛所なし).</summary>
    Remind = 3,
    /// <summary>返還登録 and disposal.</summary>
    Dispose = 4,
}

/// <summary>The table of DOMAIN §3.3 as code: which actions a finding allows, and the storage clock.</summary>
public static class ReturnedMailRules
{
    /// <summary>Returned items are kept for 3 months.</summary>
    public static DateOnly KeepUntil(DateOnly returnedOn) => returnedOn.AddMonths(3);

    /// <summary>The register decides the finding: status, and whether the address still matches.</summary>
    public static ReturnFinding Find(Residents.ResidentStatus status, bool sameAddress) => status switch
    {
        Residents.ResidentStatus.Active => sameAddress ? ReturnFinding.StillResident : ReturnFinding.MovedWithin,
        Residents.ResidentStatus.MovedOut => ReturnFinding.MovedOut,
        _ => ReturnFinding.Deleted,
    };

    public static IReadOnlyList<ReturnAction> Allowed(MailState state, ReturnFinding finding, ReturnReason reason, DateOnly keepUntil, DateOnly today)
    {
        if (state is not (MailState.Returned or MailState.ReminderSent))
        {
            return [];
        }
        // Not collected within 3 months: only return registration and disposal; a later request is a reissue.
        if (today > keepUntil)
        {
            return [ReturnAction.Dispose];
        }
        return finding switch
        {
            ReturnFinding.StillResident when reason == ReturnReason.AddresseeUnknown && state == MailState.Returned =>
                [ReturnAction.HandOver, ReturnAction.Resend, ReturnAction.Remind],
            ReturnFinding.StillResident => [ReturnAction.HandOver, ReturnAction.Resend],
            // Re-sent to the new address, which the register already holds once the 転居 is recorded.
            ReturnFinding.MovedWithin => [ReturnAction.HandOver, ReturnAction.Resend],
            // The destination municipality re-sends after the 転入; here it is returned and disposed.
            _ => [ReturnAction.Dispose],
        };
    }

    public static MailState StateAfter(ReturnAction action) => action switch
    {
        ReturnAction.HandOver => MailState.HandedOver,
        ReturnAction.Resend => MailState.Resent,
        ReturnAction.Remind => MailState.ReminderSent,
        _ => MailState.Disposed,
    };
}
