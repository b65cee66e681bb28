using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Core.Numbering;
using Myna.Core.Protection;
using Myna.Storage.Audit;
using Myna.Storage.Outbox;

namespace Myna.Municipal.Numbering;

/// <summary>A number change as it waits in the outbox: whose, why, asked by whom. No number.</summary>
public sealed record NumberChangeRequest(long ResidentId, string ResidentCode, string Reason, string Actor);

/// <summary>
/// Delivers a number change (番号変更, DOMAIN §1.3) to the national side. The national side answers the
/// same number to the same message ID however often it is delivered; the municipality retires the old
/// number and stores the new one in the transaction that records the acknowledgement, so the two sides
/// can never end on different generations.
/// </summary>
public sealed class NumberChangeMessages(MunicipalityCode municipality, INationalNumbering national, NumberProtector protector, AuditLog audit,
    TimeProvider time) : IOutboxHandler
{
    public const string Kind = "number.change";

    string IOutboxHandler.Kind => Kind;

    public async Task<object?> SendAsync(DbContext store, OutboxMessage message, CancellationToken ct)
    {
        var request = Storage.Outbox.Outbox.Read<NumberChangeRequest>(message);
        return await national.ChangeAsync(municipality, ResidentCode.Parse(request.ResidentCode), message.MessageId, ct);
    }

    public async Task AcknowledgedAsync(DbContext store, OutboxMessage message, object? answer, CancellationToken ct)
    {
        var db = (MunicipalDb)store;
        var request = Storage.Outbox.Outbox.Read<NumberChangeRequest>(message);
        var number = (IndividualNumber)answer!;
        var p = protector.Protect(number, request.ResidentId);
        var current = await db.ResidentNumbers.FirstOrDefaultAsync(n => n.ResidentId == request.ResidentId && n.IsCurrent, ct);
        if (current is not null && current.LookupHash.AsSpan().SequenceEqual(p.LookupHash))
        {
            return; // already current (cannot happen while acknowledgements are recorded once; kept as a guard)
        }
        var now = time.GetUtcNow();
        if (current is not null)
        {
            current.IsCurrent = false;
            current.RetiredAt = now;
            current.RetiredReason = request.Reason;
            await db.SaveChangesAsync(ct);
        }
        db.ResidentNumbers.Add(new ResidentNumber
        {
            ResidentId = request.ResidentId,
            Cipher = p.Cipher,
            LookupHash = p.LookupHash,
            Last4 = p.Last4,
            IsCurrent = true,
            AssignedAt = now,
        });
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, request.Actor, AuditActions.NumberChanged, $"resident:{request.ResidentId}", detail: request.Reason, ct: ct);
    }

    public bool IsRefusal(Exception e) => e is ContractRefusedException;
}
