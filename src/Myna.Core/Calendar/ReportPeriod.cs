using Myna.Core.Text;

namespace Myna.Core.Calendar;

/// <summary>
/// Bounds on a period asked of a report or a ledger (DOMAIN §11.2, §8.4): both ends included,
/// the end not before the start, at most <see cref="MaxYears"/> years long, and within dates
/// that can be shown in the Japanese era (from 明治, <see cref="Earliest"/>) and counted
/// forward a day without leaving the calendar (<see cref="Latest"/>).
/// </summary>
public static class ReportPeriod
{
    public const int MaxYears = 10;
    public const string InvalidPeriod = "invalid-period";
    public static readonly DateOnly Earliest = new(1868, 10, 23);
    public static readonly DateOnly Latest = new(2999, 12, 31);

    /// <summary>Null when the period is acceptable; otherwise the field at fault (<c>from</c> or <c>to</c>) and why.</summary>
    public static FieldProblem? Check(DateOnly from, DateOnly to)
    {
        if (from < Earliest || from > Latest)
        {
            return new("from", InvalidPeriod, ReportPeriodMessages.FromOutOfRange.With(Earliest, Latest));
        }
        if (to < Earliest || to > Latest)
        {
            return new("to", InvalidPeriod, ReportPeriodMessages.ToOutOfRange.With(Earliest, Latest));
        }
        if (to < from)
        {
            return new("to", InvalidPeriod, ReportPeriodMessages.EndsBeforeStart);
        }
        return to > from.AddYears(MaxYears)
            ? new("to", InvalidPeriod, ReportPeriodMessages.TooLong.With(MaxYears))
            : null;
    }
}
