namespace Myna.Core.Numbering;

/// <summary>
/// An individual number held by a resident (DOMAIN §1.3, §12): encrypted, with a keyed hash
/// for exact lookup. A number change retires the row (<see cref="IsCurrent"/> false) and adds
/// a new one, so the history keeps every number the person ever had.
/// </summary>
public sealed class ResidentNumber
{
    public long Id { get; set; }
    public long ResidentId { get; set; }
    public required byte[] Cipher { get; set; }
    public required byte[] LookupHash { get; set; }
    /// <summary>The only digits ever shown without a purpose (masked display).</summary>
    public required string Last4 { get; set; }
    public bool IsCurrent { get; set; }
    public DateTimeOffset AssignedAt { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
    public string? RetiredReason { get; set; }

    /// <summary>
    /// Set when another municipality (the one that numbered the person) already notified this number before the person
    /// moved in (DOMAIN §3.1, §8.6): the notification batch here leaves it out. Null for a number this municipality notifies.
    /// </summary>
    public string? NotifiedBy { get; set; }
    public DateOnly? NotifiedOn { get; set; }
}

/// <summary>Progress of one run of the numbering batch, so a killed run can be resumed and watched.</summary>
public sealed class NumberingRun
{
    public long Id { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public long Pending { get; set; }
    public long Done { get; set; }
}
