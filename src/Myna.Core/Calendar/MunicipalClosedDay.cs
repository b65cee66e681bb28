namespace Myna.Core.Calendar;

/// <summary>A day the municipality closes its windows on its own, besides holidays and the year-end closure (<see cref="ClosedDays"/>).</summary>
public sealed class MunicipalClosedDay
{
    public long Id { get; set; }
    public DateOnly Date { get; set; }

    /// <summary>What residents and staff read, e.g. 庁舎の電気設備点検.</summary>
    public required string Name { get; set; }

    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
