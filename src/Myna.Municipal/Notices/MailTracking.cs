using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Calendar;
using Myna.Core.Identifiers;
using Myna.Core.Notices;
using Myna.Core.Residents;
using Myna.Municipal.Residents;
using Myna.Municipal.SupportMeasures;
using Myna.Storage.Audit;

using Myna.Core.Text.Messages;
using Myna.Storage;

namespace Myna.Municipal.Notices;

/// <summary>A mail step that cannot be taken; <see cref="Field"/> names the input at fault.</summary>
public sealed class MailRuleException(string field, Message text) : MessageException(text, field)
{
    public new string Field => base.Field!;
}

/// <summary>
/// One person in an envelope, as the returned-mail desk sees them: <see cref="AddressWithheld"/> says a support measure
/// withholds the address (§9: departments must see the flag), and <see cref="CurrentAddress"/> is then the placeholder
/// for everyone but the officer.
/// </summary>
public sealed record EnvelopePerson(long ResidentId, string ResidentCode, string Name, ResidentStatus Status, bool AddressWithheld, string CurrentAddress);

/// <summary>An envelope with what the register says now and what may be done (DOMAIN §3.3).</summary>
public sealed record EnvelopeCase(NoticeEnvelope Envelope, IReadOnlyList<EnvelopePerson> People, ReturnFinding? Finding,
    IReadOnlyList<ReturnAction> Allowed, IReadOnlyList<MailEvent> History, bool AddressWithheld);

/// <summary>
/// Registered-mail tracking and returned mail (DOMAIN §3.3): mail numbers per envelope, booking a
/// returned envelope, the 3-month storage clock, the register check and the action taken.
/// Every state change is a <see cref="MailEvent"/> and an audit record, in one transaction.
/// </summary>
public sealed class MailTracking(AuditLog audit, TimeProvider time, string officeAddress, AddressRule rule)
{
    /// <summary>Japan Post tracking numbers: 11–13 digits, printed with hyphens.</summary>
    public static string? NormalizeMailNumber(string? input)
    {
        var digits = IdentifierInput.Normalize(input ?? "");
        return digits.Length is >= 11 and <= 13 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>Records the post's numbers for posted envelopes, all or nothing (Prepared → Sent).</summary>
    public async Task<int> RecordMailNumbersAsync(MunicipalDb db, IReadOnlyList<(long BatchId, int Sequence, string MailNumber)> rows, string actor,
        CancellationToken ct = default)
    {
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        try
        {
            await ApplyMailNumbersAsync(db, rows, actor, ct);
        }
        catch
        {
            db.ChangeTracker.Clear(); // nothing half-applied stays in the caller's context either
            throw;
        }
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, AuditActions.MailStateChanged, "notice-envelopes",
            detail: string.Create(CultureInfo.InvariantCulture, $"posted={rows.Count}"), ct: ct);
        await tx.CommitAsync(ct);
        return rows.Count;
    }

    private async Task ApplyMailNumbersAsync(MunicipalDb db, IReadOnlyList<(long BatchId, int Sequence, string MailNumber)> rows, string actor, CancellationToken ct)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var (batch, sequence, raw) = rows[i];
            Message Where(Message problem) => MailMessages.Line.With(i + 2, string.Create(CultureInfo.InvariantCulture, $"{batch}-{sequence}"), problem);
            var number = NormalizeMailNumber(raw) ?? throw new MailRuleException("registered_mail_number", Where(MailMessages.NotAMailNumber.With(raw)));
            if (!seen.Add(number) || await db.NoticeEnvelopes.AnyAsync(e => e.RegisteredMailNumber == number, ct))
            {
                throw new MailRuleException("registered_mail_number", Where(MailMessages.MailNumberUsed.With(number)));
            }
            var envelope = await db.NoticeEnvelopes.FirstOrDefaultAsync(e => e.BatchId == batch && e.Sequence == sequence, ct)
                ?? throw new MailRuleException("envelope_no", Where(MailMessages.NoSuchEnvelope));
            if (envelope.State != MailState.Prepared)
            {
                throw new MailRuleException("envelope_no", Where(MailMessages.NotWaitingToBePosted.With(MailMessages.Of(envelope.State))));
            }
            envelope.RegisteredMailNumber = number;
            Change(db, envelope, MailState.Sent, actor, number);
        }
    }

    /// <summary>Finds the envelope a scanner read: its registered-mail number, or the envelope number printed on the letter (e.g. 7-000123).</summary>
    public static async Task<NoticeEnvelope?> FindAsync(MunicipalDb db, string scanned, CancellationToken ct = default)
    {
        var text = scanned.Trim().Replace("No.", "", StringComparison.OrdinalIgnoreCase).Trim();
        var parts = text.Split('-');
        if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var batch)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return await db.NoticeEnvelopes.AsNoTracking().FirstOrDefaultAsync(e => e.BatchId == batch && e.Sequence == sequence, ct);
        }
        var number = NormalizeMailNumber(text);
        return number is null ? null : await db.NoticeEnvelopes.AsNoTracking().FirstOrDefaultAsync(e => e.RegisteredMailNumber == number, ct);
    }

    /// <summary>Books a returned envelope (返戻): the reason, and the 3-month storage clock starts.</summary>
    public async Task<NoticeEnvelope> BookReturnAsync(MunicipalDb db, long envelopeId, ReturnReason reason, string actor, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(reason))
        {
            throw new MailRuleException("reason", MailMessages.ChooseReason);
        }
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        var envelope = await db.NoticeEnvelopes.FirstOrDefaultAsync(e => e.Id == envelopeId, ct)
            ?? throw new MailRuleException("envelope", MailMessages.EnvelopeMissing.With(envelopeId));
        if (envelope.State != MailState.Sent)
        {
            throw new MailRuleException("envelope", envelope.State == MailState.Returned
                ? MailMessages.AlreadyReturned.With(envelope.ReturnedOn)
                : MailMessages.NotPosted.With(MailMessages.Of(envelope.State)));
        }
        var today = JapanClock.Today(time);
        envelope.ReturnReason = reason;
        envelope.ReturnedOn = today;
        envelope.KeepUntil = ReturnedMailRules.KeepUntil(today);
        Change(db, envelope, MailState.Returned, actor, null);
        await db.SaveChangesAsync(ct);
        await AuditAsync(db, envelope, actor, ct);
        await tx.CommitAsync(ct);
        return envelope;
    }

    /// <summary>The envelope with the register check of DOMAIN §3.3 and the actions it allows today.</summary>
    /// <remarks>§9: when a protected address is withheld from <paramref name="actor"/>, the attempt is logged for the officer.</remarks>
    public async Task<EnvelopeCase?> CaseAsync(MunicipalDb db, long envelopeId, bool maySeeProtected, string? actor = null, CancellationToken ct = default)
    {
        var envelope = await db.NoticeEnvelopes.AsNoTracking().FirstOrDefaultAsync(e => e.Id == envelopeId, ct);
        if (envelope is null)
        {
            return null;
        }
        var rootId = envelope.ResendOfId ?? envelope.Id;
        var people = await db.Notices.AsNoTracking().Where(n => n.EnvelopeId == rootId)
            .Join(db.Residents.AsNoTracking(), n => n.ResidentId, r => r.Id, (n, r) => r)
            .OrderBy(r => r.Id).ToListAsync(ct);
        // §9: the one rule decides; the envelope's own address (register, residence or proxy) goes with its people.
        var withheldPeople = await rule.WithheldAmongAsync(db, people.Select(p => p.Id), ct);
        var withheld = !maySeeProtected && withheldPeople.Count > 0;
        var persons = people.Select(r => new EnvelopePerson(r.Id, r.ResidentCode, r.FullName, r.Status, withheldPeople.Contains(r.Id),
            withheldPeople.Contains(r.Id) && !maySeeProtected ? AddressProtection.Hidden : r.Address)).ToList();
        ReturnFinding? finding = null;
        IReadOnlyList<ReturnAction> allowed = [];
        if (people.Count > 0 && envelope.ReturnReason is { } reason && envelope.KeepUntil is { } keep)
        {
            // The first person decides for the envelope; a household moves together.
            var head = people[0];
            finding = ReturnedMailRules.Find(head.Status,
                envelope.Delivery != DeliveryKind.RegisteredAddress || RegisterAddress.SameAs(head.Address, envelope.Address));
            allowed = ReturnedMailRules.Allowed(envelope.State, finding.Value, reason, keep, JapanClock.Today(time));
        }
        else if (envelope.State == MailState.HeldAtOffice)
        {
            allowed = [ReturnAction.HandOver];
        }
        if (withheld)
        {
            envelope.Address = AddressProtection.Hidden;
            envelope.PostalCode = null;
            if (actor is not null)
            {
                await rule.HiddenFromAsync(db, new Reader(actor, false), withheldPeople, "returned mail", ct);
            }
        }
        var history = await db.MailEvents.AsNoTracking().Where(m => m.EnvelopeId == envelopeId).OrderBy(m => m.Id).ToListAsync(ct);
        return new EnvelopeCase(envelope, persons, finding, allowed, history, withheld);
    }

    /// <summary>Takes one action of DOMAIN §3.3; a re-send adds an envelope to the open re-send batch, to the current address.</summary>
    public async Task<NoticeEnvelope> ActAsync(MunicipalDb db, long envelopeId, ReturnAction action, string? note, string actor, CancellationToken ct = default)
    {
        var current = await CaseAsync(db, envelopeId, maySeeProtected: true, ct: ct)
            ?? throw new MailRuleException("envelope", MailMessages.EnvelopeMissing.With(envelopeId));
        if (!current.Allowed.Contains(action))
        {
            throw new MailRuleException("action", current.Allowed.Count == 0
                ? MailMessages.NothingAllowed.With(MailMessages.Of(current.Envelope.State))
                : MailMessages.ActionNotAllowed.With(Enum.IsDefined(action) ? MailMessages.Of(action) : action.ToString(), current.Allowed.Select(a => (Message)MailMessages.Of(a))));
        }
        await using var tx = await Sql.BeginWriteAsync(db, ct);
        // Claim the envelope in the state the decision was made on: of two clerks acting at once, the second finds it changed.
        var seen = current.Envelope.State;
        if (await db.NoticeEnvelopes.Where(e => e.Id == envelopeId && e.State == seen)
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.StateChangedAt, time.GetUtcNow()), ct) == 0)
        {
            throw new MailRuleException("action", MailMessages.ChangedMeanwhile.With(envelopeId));
        }
        var envelope = await db.NoticeEnvelopes.FirstAsync(e => e.Id == envelopeId, ct);
        envelope.Finding = current.Finding;
        Change(db, envelope, ReturnedMailRules.StateAfter(action), actor, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        if (action == ReturnAction.Resend)
        {
            await AddToResendBatchAsync(db, envelope, current.People[0].ResidentId, actor, ct);
        }
        await db.SaveChangesAsync(ct);
        await AuditAsync(db, envelope, actor, ct);
        await tx.CommitAsync(ct);
        return envelope;
    }

    /// <summary>Returned envelopes whose storage ends within <paramref name="days"/> days (or already ended) and still wait for a decision.</summary>
    public async Task<List<NoticeEnvelope>> DueAsync(MunicipalDb db, bool maySeeProtected, int days = 7, string? actor = null, CancellationToken ct = default)
    {
        var limit = JapanClock.Today(time).AddDays(days);
        var open = new[] { MailState.Returned, MailState.ReminderSent };
        var withheldIds = rule.WithheldIds(db);
        var due = await db.NoticeEnvelopes.AsNoTracking()
            .Where(e => open.Contains(e.State) && e.KeepUntil <= limit)
            .OrderBy(e => e.KeepUntil).ThenBy(e => e.Id)
            .Select(e => new
            {
                Envelope = e,
                Protected = db.Notices.Any(n => n.EnvelopeId == (e.ResendOfId ?? e.Id) && withheldIds.Contains(n.ResidentId)),
            })
            .ToListAsync(ct);
        var hidden = due.Where(d => d.Protected && !maySeeProtected).ToList();
        foreach (var d in hidden)
        {
            (d.Envelope.Address, d.Envelope.PostalCode) = (AddressProtection.Hidden, null); // §9
        }
        if (hidden.Count > 0 && actor is not null)
        {
            var roots = hidden.Select(d => d.Envelope.ResendOfId ?? d.Envelope.Id).ToList();
            var residents = await db.Notices.AsNoTracking().Where(n => roots.Contains(n.EnvelopeId)).Select(n => n.ResidentId).Distinct().ToListAsync(ct);
            await rule.HiddenFromAsync(db, new Reader(actor, false), residents, "returned mail due", ct);
        }
        return due.Select(d => d.Envelope).ToList();
    }

    private async Task AddToResendBatchAsync(MunicipalDb db, NoticeEnvelope returned, long firstResidentId, string actor, CancellationToken ct)
    {
        var batch = await db.NoticeBatches.FirstOrDefaultAsync(b => b.IsResend && b.FinishedAt == null, ct);
        if (batch is null)
        {
            var today = JapanClock.Today(time);
            batch = new NoticeBatch { NoticeDate = today, Kind = NoticeKinds.For(today), StartedAt = time.GetUtcNow(), StartedBy = actor, IsResend = true };
            db.NoticeBatches.Add(batch);
            await db.SaveChangesAsync(ct);
        }
        var resident = await db.Residents.AsNoTracking().FirstAsync(r => r.Id == firstResidentId, ct);
        var residence = await db.ResidenceRegistrations.AsNoTracking().FirstOrDefaultAsync(g => g.ResidentId == firstResidentId && g.EndedAt == null, ct);
        var root = returned.ResendOfId ?? returned.Id;
        var inside = await db.Notices.AsNoTracking().Where(n => n.EnvelopeId == root).Select(n => n.ResidentId).ToListAsync(ct);
        // The same destinations as the first run (a residence or proxy registered since, a letter held at the office), through the
        // letter rule (§9): never an offender's address or one a protected person left — such a letter waits at the office.
        var wanted = residence?.Delivery switch
        {
            DeliveryKind.Residence => new LetterDestination(DeliveryKind.Residence, residence.PostalCode, residence.Address),
            DeliveryKind.Proxy => new LetterDestination(DeliveryKind.Proxy, residence.ProxyPostalCode, residence.ProxyAddress!),
            DeliveryKind.HeldAtOffice => new LetterDestination(DeliveryKind.HeldAtOffice, null, officeAddress),
            _ => new LetterDestination(DeliveryKind.RegisteredAddress, resident.PostalCode, resident.Address),
        };
        var check = await LetterAddresses.CheckAsync(db, rule, inside, officeAddress, ct);
        // The place the letter came back from is one the person left, too.
        var (delivery, postalCode, address) = LetterAddress.Choose(check.Destination(inside, wanted), inside.Any(check.Withheld.Contains), [returned.Address],
            officeAddress);
        if (delivery != DeliveryKind.HeldAtOffice)
        {
            await rule.ServedAsync(db, actor, inside, "re-sent notice envelope", ct);
        }
        batch.Envelopes++;
        var resend = new NoticeEnvelope
        {
            BatchId = batch.Id,
            Sequence = checked((int)batch.Envelopes),
            HouseholdId = returned.HouseholdId,
            Delivery = delivery,
            ResidenceRegistrationId = residence?.Id,
            PostalCode = postalCode,
            Address = address,
            Addressee = returned.Addressee,
            State = delivery == DeliveryKind.HeldAtOffice ? MailState.HeldAtOffice : MailState.Prepared,
            StateChangedAt = time.GetUtcNow(),
            ResendOfId = root,
        };
        db.NoticeEnvelopes.Add(resend);
        batch.Notices += await db.Notices.CountAsync(n => n.EnvelopeId == resend.ResendOfId, ct);
    }

    private void Change(MunicipalDb db, NoticeEnvelope envelope, MailState to, string actor, string? note)
    {
        db.MailEvents.Add(new MailEvent { EnvelopeId = envelope.Id, FromState = envelope.State, ToState = to, At = time.GetUtcNow(), Actor = actor, Note = note });
        envelope.State = to;
        envelope.StateChangedAt = time.GetUtcNow();
    }

    private Task<long> AuditAsync(MunicipalDb db, NoticeEnvelope envelope, string actor, CancellationToken ct) =>
        audit.AppendAsync(db, actor, AuditActions.MailStateChanged,
            string.Create(CultureInfo.InvariantCulture, $"notice-envelope:{envelope.BatchId}-{envelope.Sequence}"), detail: envelope.State.ToString(), ct: ct);
}
