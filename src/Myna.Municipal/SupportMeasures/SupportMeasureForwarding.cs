using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Calendar;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Core.Lifecycle;
using Myna.Core.Residents;
using Myna.Core.SupportMeasures;
using Myna.Storage;
using Myna.Storage.Audit;

namespace Myna.Municipal.SupportMeasures;

/// <summary>
/// Forwarding of support measures between municipalities (DOMAIN §9 "Forwarding"). The municipality that received the
/// application forwards the measure the same day to the related municipalities — where a covered person lived before
/// (前住所地) and the place of their family register (本籍地) — and again on every change, so the copies stay true; the
/// officer may name another municipality. Each forward is an outbox message recorded in the transaction of the desk's
/// change (ARCHITECTURE principle 3), delivered through <see cref="IMunicipalExchange"/>, retried until acknowledged. The
/// receiver keeps the measure one year from its latest reception, applies it by resident code (now, or at the person's
/// move-in), and acknowledges; the sender records the acknowledgement in the measure's history.
/// </summary>
public sealed class SupportMeasureForwarding(MunicipalityCode here, Storage.Outbox.OutboxDispatcher outbox, AuditLog audit, TimeProvider time)
{
    /// <summary>§9 (notice of 2019-10-18): forwarded information is kept one year from its reception.</summary>
    public static DateOnly KeepUntil(DateOnly received) => received.AddYears(1);

    public MunicipalityCode Here => here;

    /// <summary>What travels: everything but an address of a covered person (the contract has no field for it).</summary>
    public static ForwardedSupportMeasure Describe(SupportMeasure m) => new(m.Reference, m.Kind, m.ApplicantResidentCode, m.ApplicantName, m.BasisKind,
        m.BasisBody, m.BasisDate, m.BasisNote, m.StartsOn, m.EndsOn, m.State == SupportMeasureState.Lifted, m.LiftedOn, m.LiftReason,
        m.People.OrderBy(p => p.Id).Select(p => new ForwardedPerson(p.ResidentCode, p.Name, p.Role, p.CoveredFrom, p.CoveredUntil)).ToList(),
        m.Offenders.OrderBy(o => o.Id).Select(o => new ForwardedOffender(o.Name, o.NameKana, o.BirthDate, o.Address, o.Relationship)).ToList());

    /// <summary>
    /// Where the measure goes: the previous municipality (the last move-in from elsewhere) and the 本籍 municipality of each
    /// covered person, then every place it went before (an extension or a lifting must reach the copies). Never here.
    /// </summary>
    public async Task<List<(string Destination, ForwardReason Reason)>> DestinationsAsync(MunicipalDb db, SupportMeasure measure, CancellationToken ct = default)
    {
        var codes = measure.People.Select(p => p.ResidentCode).Distinct().ToList();
        var previous = await db.IncomingMoveOuts.AsNoTracking().Where(i => codes.Contains(i.ResidentCode) && i.MovedInResidentId != null)
            .OrderByDescending(i => i.Id).Select(i => new { i.ResidentCode, i.Origin }).ToListAsync(ct);
        var registers = await db.Residents.AsNoTracking().Where(r => codes.Contains(r.ResidentCode) && r.FamilyRegisterMunicipality != null)
            .Select(r => r.FamilyRegisterMunicipality!).ToListAsync(ct);
        var earlier = await db.SupportMeasureForwards.AsNoTracking().Where(f => f.MeasureId == measure.Id).OrderBy(f => f.Id)
            .Select(f => new { f.Destination, f.Reason }).ToListAsync(ct);
        var result = new List<(string, ForwardReason)>();
        void Add(string destination, ForwardReason reason)
        {
            if (destination != here.Value && destination != measure.ForwardedFrom && result.All(r => r.Item1 != destination))
            {
                result.Add((destination, reason));
            }
        }
        foreach (var p in previous.GroupBy(p => p.ResidentCode).Select(g => g.First()))
        {
            Add(p.Origin, ForwardReason.PreviousAddress);
        }
        foreach (var r in registers)
        {
            Add(r, ForwardReason.FamilyRegister);
        }
        foreach (var e in earlier)
        {
            Add(e.Destination, e.Reason);
        }
        return result;
    }

    /// <summary>Records the forwards of the measure as it now stands, in the caller's transaction (the desk's change). Returns how many.</summary>
    public async Task<int> RecordAsync(MunicipalDb db, SupportMeasure measure, string actor, CancellationToken ct = default)
    {
        var destinations = await DestinationsAsync(db, measure, ct);
        foreach (var (destination, reason) in destinations)
        {
            await RecordOneAsync(db, measure, destination, reason, actor, ct);
        }
        return destinations.Count;
    }

    /// <summary>Delivers what the desk just committed (the outbox's normal path; a failure leaves it for the next round).</summary>
    public Task AfterCommitAsync(CancellationToken ct = default) => outbox.AfterCommitAsync(ct);

    /// <summary>
    /// The officer's "forward to 〇〇": a municipality named by its code. Refused with the field when the code is not a
    /// municipality code (format, check digit, prefecture 01–47, not a prefecture's own code) or names this municipality;
    /// a valid code no municipality on this host serves is accepted and waits in the outbox, retried, until the network
    /// delivers it (docs/support-measures.md).
    /// </summary>
    public async Task<SupportMeasureForward> ForwardToAsync(MunicipalDb db, long measureId, string? destination, string actor, CancellationToken ct = default)
    {
        var code = RequireMunicipality(destination);
        if (code == here)
        {
            throw new SupportMeasureException("destination", "forward-here", SupportMeasureMessages.ForwardHere);
        }
        var measure = await SupportMeasureDesk.FindAsync(db, measureId, ct)
            ?? throw new SupportMeasureException("measureId", "no-measure", SupportMeasureMessages.NoMeasure.With(measureId));
        if (measure.State == SupportMeasureState.Lifted)
        {
            throw new SupportMeasureException("measureId", "lifted", SupportMeasureMessages.ForwardLifted.With(SupportMeasureDesk.LiftedOn(measure)));
        }
        if (measure.EndsOn < JapanClock.Today(time))
        {
            throw new SupportMeasureException("measureId", "ended", SupportMeasureMessages.ForwardEnded.With(LifecycleMessages.Day(measure.EndsOn)));
        }
        SupportMeasureForward row;
        await using (var tx = await Sql.BeginWriteAsync(db, ct))
        {
            row = await RecordOneAsync(db, measure, code.Value, ForwardReason.Manual, actor, ct);
            await tx.CommitAsync(ct);
        }
        await outbox.AfterCommitAsync(ct);
        await db.Entry(row).ReloadAsync(ct);
        return row;
    }

    /// <summary>A municipality code that can name a municipality: valid check digit, a prefecture 01–47, not the prefecture's own code (…000).</summary>
    public static MunicipalityCode RequireMunicipality(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new SupportMeasureException("destination", "forward-destination", SupportMeasureMessages.ForwardDestination);
        }
        if (!MunicipalityCode.TryParse(text.Trim(), out var code, out var problem))
        {
            throw new SupportMeasureException("destination", "forward-destination", SupportMeasureMessages.ForwardNotACode.With(problem.Text));
        }
        var prefecture = int.Parse(code.Value.AsSpan(0, 2), CultureInfo.InvariantCulture);
        if (prefecture is < 1 or > 47 || code.Value.AsSpan(2, 3).SequenceEqual("000"))
        {
            throw new SupportMeasureException("destination", "forward-unknown-municipality", SupportMeasureMessages.ForwardNoMunicipality.With(code.Value));
        }
        return code;
    }

    private async Task<SupportMeasureForward> RecordOneAsync(MunicipalDb db, SupportMeasure measure, string destination, ForwardReason reason, string actor,
        CancellationToken ct)
    {
        var messageId = await Storage.Outbox.Outbox.RecordAsync(db, SupportMeasureForwardMessages.Kind, destination,
            new SupportMeasureForwardPayload(here.Value, destination, Describe(measure)), time, ct);
        return await RecordSentAsync(db, measure, destination, reason, messageId, actor, audit, time, ct);
    }

    /// <summary>The forward's row, the history line and the audit record, beside its message (a forward of its own, or the advance move-out information).</summary>
    internal static async Task<SupportMeasureForward> RecordSentAsync(MunicipalDb db, SupportMeasure measure, string destination, ForwardReason reason,
        Guid messageId, string actor, AuditLog audit, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var row = new SupportMeasureForward
        {
            MeasureId = measure.Id, Destination = destination, Reason = reason, MessageId = messageId, RecordedAt = now, RecordedBy = actor,
        };
        db.SupportMeasureForwards.Add(row);
        var detail = $"to={destination} reason={ReasonName(reason)}";
        db.SupportMeasureEvents.Add(new SupportMeasureEvent { MeasureId = measure.Id, At = now, Kind = SupportMeasureEventKind.Forwarded, Detail = detail, Actor = actor });
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, AuditActions.SupportMeasureForwarded, "support-measure:" + measure.Reference, detail: detail, ct: ct);
        return row;
    }

    public static string ReasonName(ForwardReason reason) => reason switch
    {
        ForwardReason.PreviousAddress => "previous-address",
        ForwardReason.FamilyRegister => "family-register",
        ForwardReason.MoveOut => "move-out",
        _ => "manual",
    };

    /// <summary>
    /// The measures a person carries when moving out (§9 with §8.6): every measure in force here that covers their resident
    /// code (received here or forwarded here), as they now stand.
    /// </summary>
    public static async Task<List<SupportMeasure>> CarriedByAsync(MunicipalDb db, string residentCode, DateOnly today, CancellationToken ct = default)
    {
        var ids = await db.SupportMeasurePeople.AsNoTracking()
            .Where(p => p.ResidentCode == residentCode && p.CoveredFrom <= today && (p.CoveredUntil == null || p.CoveredUntil >= today))
            .Select(p => p.MeasureId).Distinct().ToListAsync(ct);
        return await AddressRule.InForce(db, today).Include(m => m.People).Include(m => m.Offenders)
            .Where(m => ids.Contains(m.Id))
            .OrderBy(m => m.Id).ToListAsync(ct);
    }

    // ---- receiver ----

    /// <summary>
    /// Receiver: keeps the forwarded measure (a new copy, or the copy brought up to date), once per message ID; a repeat gets
    /// the receipt given the first time.
    /// </summary>
    public async Task<ForwardReceipt> ReceiveAsync(MunicipalDb db, MunicipalityCode origin, ForwardedSupportMeasure measure, Guid messageId,
        CancellationToken ct = default)
    {
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var (seen, result) = await Storage.Outbox.Inbox.LookUpAsync(db, messageId, ct);
        if (seen)
        {
            await tx.CommitAsync(ct);
            return ReadReceipt(result);
        }
        var receipt = await ApplyAsync(db, origin, measure, audit, time, ct);
        if (!await Storage.Outbox.Inbox.RecordAsync(db, messageId, SupportMeasureForwardMessages.Kind, JsonSerializer.Serialize(receipt, Storage.Outbox.Outbox.Json), time, ct))
        {
            // Another delivery of the same message won the race: its effect stands, this one is undone.
            await tx.RollbackAsync(ct);
            return ReadReceipt((await Storage.Outbox.Inbox.LookUpAsync(db, messageId, ct)).Result);
        }
        await tx.CommitAsync(ct);
        return receipt;
    }

    private static ForwardReceipt ReadReceipt(string? json) =>
        json is null ? throw new InvalidOperationException("a forward's receipt was not kept") : JsonSerializer.Deserialize<ForwardReceipt>(json, Storage.Outbox.Outbox.Json)!;

    /// <summary>
    /// Keeps a measure received from <paramref name="from"/> in the caller's transaction: as a copy with <c>ForwardedFrom</c> and
    /// <c>KeepUntil</c> (a year from today), or the copy brought up to date (dates, lifting, people, offenders). The original,
    /// when it is held here, is not touched. The copy applies to a covered person by resident code: at once if they live
    /// here, otherwise at their move-in (<see cref="AddressRule"/>).
    /// </summary>
    internal static async Task<ForwardReceipt> ApplyAsync(MunicipalDb db, MunicipalityCode from, ForwardedSupportMeasure f, AuditLog audit, TimeProvider time,
        CancellationToken ct)
    {
        var today = JapanClock.Today(time);
        var now = time.GetUtcNow();
        var keep = KeepUntil(today);
        var codes = f.People.Select(p => p.ResidentCode).ToList();
        var applies = await db.Residents.AsNoTracking().AnyAsync(r => codes.Contains(r.ResidentCode) && r.Status == ResidentStatus.Active, ct);
        var copy = await db.SupportMeasures.Include(m => m.People).Include(m => m.Offenders).FirstOrDefaultAsync(m => m.Reference == f.Reference, ct);
        if (copy is { ForwardedFrom: null })
        {
            return new ForwardReceipt(copy.EndsOn, applies); // the application was received here: the original is the truth
        }
        var actor = "exchange:" + from.Value;
        var isNew = copy is null;
        copy ??= new SupportMeasure
        {
            Reference = f.Reference, ApplicantResidentCode = f.ApplicantResidentCode, ApplicantName = f.ApplicantName, BasisBody = f.BasisBody,
            CreatedAt = now, CreatedBy = actor,
        };
        copy.Kind = f.Kind;
        copy.ApplicantName = f.ApplicantName;
        copy.BasisKind = f.BasisKind;
        copy.BasisBody = f.BasisBody;
        copy.BasisDate = f.BasisDate;
        copy.BasisNote = f.BasisNote;
        copy.StartsOn = f.StartsOn;
        copy.EndsOn = f.EndsOn;
        copy.State = f.Lifted ? SupportMeasureState.Lifted : SupportMeasureState.Active;
        copy.LiftedOn = f.LiftedOn;
        copy.LiftReason = f.LiftReason;
        copy.ForwardedFrom = from.Value;
        copy.KeepUntil = keep;
        copy.UpdatedAt = now;
        foreach (var p in f.People)
        {
            var person = copy.People.FirstOrDefault(x => x.ResidentCode == p.ResidentCode);
            if (person is null)
            {
                copy.People.Add(new SupportMeasurePerson { ResidentCode = p.ResidentCode, Name = p.Name, Role = p.Role, CoveredFrom = p.CoveredFrom, CoveredUntil = p.CoveredUntil });
            }
            else
            {
                (person.Name, person.Role, person.CoveredFrom, person.CoveredUntil) = (p.Name, p.Role, p.CoveredFrom, p.CoveredUntil);
            }
        }
        foreach (var o in f.Offenders)
        {
            var offender = copy.Offenders.FirstOrDefault(x => x.Name == o.Name && x.BirthDate == o.BirthDate);
            if (offender is null)
            {
                copy.Offenders.Add(new SupportMeasureOffender { Name = o.Name, NameKana = o.NameKana, BirthDate = o.BirthDate, Address = o.Address, Relationship = o.Relationship });
            }
            else
            {
                (offender.NameKana, offender.Address, offender.Relationship) = (o.NameKana, o.Address, o.Relationship);
            }
        }
        if (isNew)
        {
            db.SupportMeasures.Add(copy);
        }
        await db.SaveChangesAsync(ct);
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"from={from.Value} {(isNew ? "new" : "update")} {f.StartsOn:yyyy-MM-dd}..{f.EndsOn:yyyy-MM-dd}{(f.Lifted ? " lifted" : "")} keep-until={keep:yyyy-MM-dd} resident-here={(applies ? "yes" : "no")}");
        db.SupportMeasureEvents.Add(new SupportMeasureEvent { MeasureId = copy.Id, At = now, Kind = SupportMeasureEventKind.Received, Detail = detail, Actor = actor });
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, AuditActions.SupportMeasureReceived, "support-measure:" + copy.Reference, detail: detail, ct: ct);
        return new ForwardReceipt(keep, applies);
    }

    // ---- sender, on the acknowledgement ----

    /// <summary>
    /// Sender, in the transaction that marks the message acknowledged: the forwards it carried are acknowledged, with a
    /// <see cref="SupportMeasureEventKind.ForwardAcknowledged"/> line (and its time) in each measure's history.
    /// </summary>
    internal static async Task AcknowledgedAsync(MunicipalDb db, Guid messageId, ForwardReceipt? receipt, AuditLog audit, TimeProvider time, CancellationToken ct)
    {
        var rows = await db.SupportMeasureForwards.Where(f => f.MessageId == messageId && f.AcknowledgedAt == null).ToListAsync(ct);
        if (rows.Count == 0)
        {
            return;
        }
        var now = time.GetUtcNow();
        foreach (var row in rows)
        {
            var reference = await db.SupportMeasures.Where(m => m.Id == row.MeasureId).Select(m => m.Reference).FirstAsync(ct);
            row.AcknowledgedAt = now;
            row.Receipt = receipt is null
                ? "received with the advance move-out information"
                : string.Create(CultureInfo.InvariantCulture, $"kept until {receipt.KeepUntil:yyyy-MM-dd}; resident there now: {(receipt.AppliesToResident ? "yes" : "no")}");
            var actor = "exchange:" + row.Destination;
            var detail = $"from={row.Destination} {row.Receipt}";
            db.SupportMeasureEvents.Add(new SupportMeasureEvent { MeasureId = row.MeasureId, At = now, Kind = SupportMeasureEventKind.ForwardAcknowledged, Detail = detail, Actor = actor });
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(db, actor, AuditActions.SupportMeasureForwardAcknowledged, "support-measure:" + reference, detail: detail, ct: ct);
        }
    }

    /// <summary>The forwards of a measure, newest first, for the officer: where, why, when, acknowledged or still waiting (and why).</summary>
    public static async Task<List<ForwardStatus>> ForwardsAsync(MunicipalDb db, long measureId, CancellationToken ct = default)
    {
        var rows = await db.SupportMeasureForwards.AsNoTracking().Where(f => f.MeasureId == measureId).OrderByDescending(f => f.Id).ToListAsync(ct);
        var ids = rows.Select(r => r.MessageId).ToList();
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.MessageId)).ToDictionaryAsync(m => m.MessageId, ct);
        return rows.Select(r =>
        {
            messages.TryGetValue(r.MessageId, out var m);
            return new ForwardStatus(r.Id, r.Destination, r.Reason, r.RecordedAt, r.RecordedBy, r.AcknowledgedAt, r.Receipt, m?.Attempts ?? 0,
                r.AcknowledgedAt is null ? m?.LastError : null);
        }).ToList();
    }
}

/// <summary>One forward as the officer sees it. <see cref="Waiting"/>: not acknowledged yet (retried; <see cref="LastError"/> says why).</summary>
public sealed record ForwardStatus(long Id, string Destination, ForwardReason Reason, DateTimeOffset RecordedAt, string RecordedBy, DateTimeOffset? AcknowledgedAt,
    string? Receipt, int Attempts, string? LastError)
{
    public bool Waiting => AcknowledgedAt is null;
}
