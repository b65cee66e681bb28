using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Audit;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Storage.Audit;
using Myna.Storage.Outbox;

namespace Myna.Municipal.Lifecycle;

/// <summary>The advance move-out information (DOMAIN §8.6) as it waits in the origin's outbox; the number sealed under the origin's key.</summary>
public sealed record AdvanceMoveOutPayload(long MoveOutId, string Actor, string Origin, string Destination, string ResidentCode, string FamilyName,
    string GivenName, string FamilyNameKana, string GivenNameKana, DateOnly BirthDate, int Sex, string Relationship, string? NumberSealed,
    string DestinationAddress, DateOnly PlannedOn, string? CardSerial, DateOnly? CardExpiry, int CardEndorsements,
    IReadOnlyList<ForwardedSupportMeasure>? SupportMeasures = null, Core.Notices.NumberNotification? Notification = null);

/// <summary>
/// Origin → destination: the advance move-out information, through <see cref="IMunicipalExchange"/>, with the support
/// measures the person carries (§9: the destination applies them before the person arrives). The destination keeps each
/// message ID once; the move-out is marked sent, the measures' forwards acknowledged, and the number's export audited
/// (§12), with the acknowledgement.
/// </summary>
public sealed class AdvanceMoveOutMessages(IMunicipalExchange exchange, byte[] sealKey, AuditLog audit, TimeProvider time) : IOutboxHandler
{
    public const string Kind = "move.advance";

    string IOutboxHandler.Kind => Kind;

    internal static string Bound(long moveOutId) => string.Create(CultureInfo.InvariantCulture, $"{Kind}:{moveOutId}");

    public async Task<object?> SendAsync(DbContext store, OutboxMessage message, CancellationToken ct)
    {
        var p = Storage.Outbox.Outbox.Read<AdvanceMoveOutPayload>(message);
        var number = p.NumberSealed is null ? (IndividualNumber?)null : OutboxPayload.OpenNumber(sealKey, p.NumberSealed, Bound(p.MoveOutId));
        await exchange.SendAdvanceMoveOutAsync(new AdvanceMoveOut(MunicipalityCode.Parse(p.Origin), MunicipalityCode.Parse(p.Destination),
            Core.Identifiers.ResidentCode.Parse(p.ResidentCode), p.FamilyName, p.GivenName, p.FamilyNameKana, p.GivenNameKana, p.BirthDate, p.Sex, p.Relationship,
            number, p.DestinationAddress, p.PlannedOn, p.CardSerial, p.CardExpiry, p.CardEndorsements, p.SupportMeasures, p.Notification), message.MessageId, ct);
        return null;
    }

    public async Task AcknowledgedAsync(DbContext store, OutboxMessage message, object? answer, CancellationToken ct)
    {
        var db = (MunicipalDb)store;
        var p = Storage.Outbox.Outbox.Read<AdvanceMoveOutPayload>(message);
        var record = await db.MoveOuts.FirstAsync(o => o.Id == p.MoveOutId, ct);
        record.SentAt = time.GetUtcNow();
        record.SendProblem = null;
        await db.SaveChangesAsync(ct);
        // §9: the measures that travelled with the information are acknowledged on each measure's history.
        await SupportMeasures.SupportMeasureForwarding.AcknowledgedAsync(db, message.MessageId, null, audit, time, ct);
        if (p.NumberSealed is not null)
        {
            // §12: a number provided to another body is an export — whose, to whom, for which purpose.
            await audit.AppendAsync(db, p.Actor, AuditActions.NumbersExported, string.Create(CultureInfo.InvariantCulture, $"resident:{record.ResidentId}"),
                purpose: "card-issuance", detail: $"転出予定者情報 to={p.Destination}", ct: ct);
        }
    }

    /// <summary>An unreachable destination is retried: the network may come back.</summary>
    public bool IsRefusal(Exception e) => false;
}

/// <summary>The 転入通知 as it waits in the destination's outbox.</summary>
public sealed record MoveInNotified(string Origin, string Destination, string ResidentCode, DateOnly MovedInOn, bool CardContinued);

/// <summary>Destination → origin: the move-in was notified (転入通知, §8.6). The origin keeps each message ID once.</summary>
public sealed class MoveInNotifiedMessages(IMunicipalExchange exchange) : IOutboxHandler
{
    public const string Kind = "move.notified";

    string IOutboxHandler.Kind => Kind;

    public async Task<object?> SendAsync(DbContext store, OutboxMessage message, CancellationToken ct)
    {
        var p = Storage.Outbox.Outbox.Read<MoveInNotified>(message);
        await exchange.SendMoveInNotifiedAsync(MunicipalityCode.Parse(p.Origin), MunicipalityCode.Parse(p.Destination),
            Core.Identifiers.ResidentCode.Parse(p.ResidentCode), p.MovedInOn, p.CardContinued, message.MessageId, ct);
        return null;
    }

    public Task AcknowledgedAsync(DbContext store, OutboxMessage message, object? answer, CancellationToken ct) => Task.CompletedTask;

    public bool IsRefusal(Exception e) => false;
}
