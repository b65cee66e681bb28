using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Applications;
using Myna.Core.Audit;
using Myna.Core.Contracts;
using Myna.Core.Identifiers;
using Myna.Storage.Audit;
using Myna.Storage.Outbox;

namespace Myna.Municipal.Applications;

/// <summary>An accepted application on its way to the national production queue. The register data is read at delivery.</summary>
public sealed record ProductionHandOver(long ApplicationRowId, string ApplicationId, string Actor);

/// <summary>
/// Hands an accepted application to the national production queue (DOMAIN §5) through the outbox: the
/// message is recorded with the acceptance, the queue keeps each message ID (and each application ID)
/// once, and the application becomes "queued for production" in the transaction that records the
/// acknowledgement. The request carries the register's data as it is at delivery (§4.4: changes before
/// production update the production data).
/// </summary>
public sealed class ProductionMessages(MunicipalityCode municipality, ICardProduction production, Residents.ResidentQueries numbers, AuditLog audit,
    TimeProvider time) : IOutboxHandler
{
    public const string Kind = "application.production";

    string IOutboxHandler.Kind => Kind;

    internal static Task<Guid> RecordAsync(MunicipalDb db, CardApplication application, string actor, TimeProvider time, CancellationToken ct) =>
        Storage.Outbox.Outbox.RecordAsync(db, Kind, Storage.Outbox.Outbox.National, new ProductionHandOver(application.Id, application.ApplicationId, actor), time, ct);

    public async Task<object?> SendAsync(DbContext store, OutboxMessage message, CancellationToken ct)
    {
        var db = (MunicipalDb)store;
        var handOver = Storage.Outbox.Outbox.Read<ProductionHandOver>(message);
        var application = await db.CardApplications.AsNoTracking().FirstAsync(a => a.Id == handOver.ApplicationRowId, ct);
        var r = await db.Residents.AsNoTracking().FirstAsync(x => x.Id == application.ResidentId, ct);
        var photo = await db.ApplicationPhotos.AsNoTracking().Where(p => p.CardApplicationId == application.Id && p.Review == PhotoReview.Passed)
            .OrderByDescending(p => p.Id).Select(p => p.Jpeg).FirstAsync(ct);
        // The number goes onto the chip and the card's back: a use audited under card issuance (DOMAIN §12).
        var number = await numbers.RevealAsync(db, r.Id, "card-issuance", handOver.Actor, ct);
        await production.EnqueueAsync(new ProductionRequest(municipality.Value, application.ApplicationId, ResidentCode.Parse(r.ResidentCode),
            number, r.FamilyName, r.GivenName, r.FamilyNameKana, r.GivenNameKana, r.NameAltFlags, r.BirthDate, (int)r.Sex, r.Address, r.AddressAltFlags,
            application.WantsSignatureCertificate, application.WantsUserCertificate, application.Braille, photo,
            // §8.1, §7.2: a foreign resident's card and certificates end no later than the period of stay.
            r.StayUntil), message.MessageId, ct);
        return null;
    }

    public async Task AcknowledgedAsync(DbContext store, OutboxMessage message, object? answer, CancellationToken ct)
    {
        var db = (MunicipalDb)store;
        var handOver = Storage.Outbox.Outbox.Read<ProductionHandOver>(message);
        var application = await db.CardApplications.FirstAsync(a => a.Id == handOver.ApplicationRowId, ct);
        if (application.Status != ApplicationStatus.Accepted)
        {
            return; // moved on meanwhile (e.g. superseded): the queue has it, the register's status stands
        }
        db.ApplicationEvents.Add(application.MoveTo(ApplicationStatus.QueuedForProduction, time.GetUtcNow(), handOver.Actor));
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, handOver.Actor, AuditActions.ApplicationQueued, string.Create(CultureInfo.InvariantCulture, $"application:{application.Id}"), ct: ct);
    }

    public bool IsRefusal(Exception e) => e is ContractRefusedException;
}
