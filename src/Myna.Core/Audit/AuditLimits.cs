using Myna.Core.Text;

namespace Myna.Core.Audit;

/// <summary>
/// The audit log's own last line of defence (DOMAIN §12: records are kept at least 7 years and
/// can never be deleted, so an unbounded field is a permanent cost anyone could impose). The edges
/// refuse long or broken input with a clear answer first; what still arrives here is refused
/// whole — never truncated, since a shortened record would no longer say what happened.
/// </summary>
public static class AuditLimits
{
    public static readonly FieldLimit Actor = new(200);
    public static readonly FieldLimit Action = new(100);
    /// <summary>Room for a list of resident ids (a withheld protected address, §9), not for a document.</summary>
    public static readonly FieldLimit Subject = new(64 * 1024);
    public static readonly FieldLimit Purpose = new(500);
    public static readonly FieldLimit Detail = new(64 * 1024, Multiline: true);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field out of bounds; the record is not written.</summary>
    public static void Ensure(string actor, string action, string subject, string? purpose, string? detail)
    {
        var problem = FieldLimits.Check("actor", actor, Actor) ?? FieldLimits.Check("action", action, Action)
            ?? FieldLimits.Check("subject", subject, Subject) ?? FieldLimits.Check("purpose", purpose, Purpose)
            ?? FieldLimits.Check("detail", detail, Detail);
        if (problem is not null)
        {
            throw new ArgumentException($"audit record refused: {problem.Message}", problem.Field);
        }
    }
}
