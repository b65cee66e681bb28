namespace Myna.Core.Calendar;

/// <summary>Business dates are Japan dates (ARCHITECTURE principle 3): JST has no daylight saving.</summary>
public static class JapanClock
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().ToOffset(Offset).DateTime);

    public static DateTimeOffset ToJapan(DateTimeOffset t) => t.ToOffset(Offset);
}
