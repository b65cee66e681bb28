

namespace Myna.Municipal;

public sealed class MunicipalityOptions
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Prefecture { get; set; } = "";

    /// <summary>
    /// Residence registrations (DOMAIN §3.2) are taken only from this day to <see cref="ResidenceWindowTo"/>
    /// (e.g. 1–30 September of a rollout); both empty means the window is always open.
    /// </summary>
    public DateOnly? ResidenceWindowFrom { get; set; }
    public DateOnly? ResidenceWindowTo { get; set; }

    /// <summary>Issuance notices sent per day (DOMAIN §6.2: in waves, so window demand stays within capacity, §11.3).</summary>
    public int IssuanceWaveSize { get; set; } = 50;

    /// <summary>[project] the issuance deadline is this many months after the notice is sent (§6.2).</summary>
    public int IssuanceDeadlineMonths { get; set; } = 3;

    /// <summary>[project] an uncollected card is destroyed this many months after the deadline (§6.2).</summary>
    public int DestroyAfterMonths { get; set; } = 3;

    /// <summary>The office's phone number printed on notices and letters, for booking by phone and for questions.</summary>
    public string? OfficePhone { get; set; }

    /// <summary>The department residents ask about their card (e.g. 市民課 マイナンバーカード係), printed as the contact on letters.</summary>
    public string? Department { get; set; }

    /// <summary>Where the window is, for re-applying in person (e.g. 〒986-8501 宮城県石巻市穀町14番1号 石巻市役所本庁舎1階 市民課).</summary>
    public string? WindowAddress { get; set; }

    /// <summary>Lines of the card's endorsement area (追記欄) before a change needs a reissue (DOMAIN §8.5, [project]).</summary>
    public int EndorsementCapacity { get; set; } = Core.Lifecycle.LifecycleRules.DefaultEndorsementCapacity;
}
