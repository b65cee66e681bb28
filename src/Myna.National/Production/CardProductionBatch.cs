using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Myna.Core.Applications;
using Myna.Core.Audit;
using Myna.Core.Calendar;
using Myna.Core.Identifiers;
using Myna.Core.Issuance;
using Myna.Core.Production;
using Myna.National.Cards;
using Myna.National.Jpki;
using Myna.Pki.Card;
using Myna.Pki.Profiles;
using Myna.Storage;
using Myna.Storage.Audit;

namespace Myna.National.Production;

/// <summary>What one production run did.</summary>
public sealed record ProductionRun(int Produced, int Failed, int Recovered, IReadOnlyList<DeliveryList> Lists);

/// <summary>
/// Card production (DOMAIN §5) as a resumable batch (ARCHITECTURE principle 6): each queued
/// request becomes a card — serial, security code, expiry (§8.1), collation number B (§1.6), a chip
/// with its keys generated inside, the input-assist data, and certificates from the certificate
/// service. Each card is recorded as "making" before its chip is made; a run finds the cards a
/// crash left half-made, voids them (revoking any certificate they got) and makes them again, so a
/// run can be killed at any moment and repeated without duplicates or gaps. Cards made are put on
/// delivery lists (発行一覧表) per municipality.
/// </summary>
public sealed class CardProductionBatch(NationalStore stores, NationalProductionQueue queue, CardChipStore chips, AuditLog audit, TimeProvider time)
{
    /// <summary>Cards per delivery list: one list travels with one box of cards.</summary>
    public const int ListSize = 500;

    public async Task<ProductionRun> RunAsync(string actor, int? limit = null, int parallelism = 0, IProgress<int>? progress = null,
        CancellationToken ct = default)
    {
        var recovered = await RecoverAsync(actor, ct);
        List<long> queued;
        await using (var db = stores.OpenNational())
        {
            var query = db.ProductionRequests.AsNoTracking().Where(r => r.State == ProductionState.Queued).OrderBy(r => r.Id).Select(r => r.Id);
            queued = await (limit is { } n ? query.Take(n) : query).ToListAsync(ct);
        }
        var produced = 0;
        var failed = 0;
        // Two RSA key generations per card dominate: one worker per core keeps them all busy.
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount, CancellationToken = ct };
        await Parallel.ForEachAsync(queued, options, async (id, token) =>
        {
            var done = await ProduceAsync(id, actor, token) ? Interlocked.Increment(ref produced) + Volatile.Read(ref failed)
                : Volatile.Read(ref produced) + Interlocked.Increment(ref failed);
            progress?.Report(done);
        });
        var lists = await IssueDeliveryListsAsync(actor, ct);
        return new ProductionRun(produced, failed, recovered, lists);
    }

    /// <summary>Cards a crash left in "making": voided with whatever certificates they got, their requests queued again.</summary>
    private async Task<int> RecoverAsync(string actor, CancellationToken ct)
    {
        await using var db = stores.OpenNational();
        var halfMade = await db.ProducedCards.AsNoTracking().Where(c => c.State == ProducedCardState.Making).Select(c => c.Serial).ToListAsync(ct);
        foreach (var serial in halfMade)
        {
            await queue.VoidAsync(db, serial, "作成が中断されたため作り直し", actor, requeue: true, ct);
        }
        return halfMade.Count;
    }

    private async Task<bool> ProduceAsync(long id, string actor, CancellationToken ct)
    {
        await using var db = stores.OpenNational();
        var request = await db.ProductionRequests.FirstAsync(r => r.Id == id, ct);
        if (request.State != ProductionState.Queued)
        {
            return true; // another run took it
        }
        if (request.ResidentCode is null || request.NumberSealed is null)
        {
            await FailAsync(db, request, "the request lacks the resident code or the number for the chip: the municipality sends it again", ct);
            return false;
        }
        var today = JapanClock.Today(time);
        var applied = DateOnly.FromDateTime(request.QueuedAt.ToOffset(JapanClock.Offset).DateTime);
        var expiry = CardValidity.Expiry(request.BirthDate, today, applied, request.StayUntil);
        var securityCode = RandomNumberGenerator.GetInt32(0, 10_000).ToString("D4", CultureInfo.InvariantCulture);
        var serial = CardChipStore.NewSerial();
        var now = time.GetUtcNow();
        await using (var tx = await Sql.BeginWriteAsync(db, ct))
        {
            db.ProducedCards.Add(new ProducedCard
            {
                Serial = serial, RequestId = id, MunicipalityCode = request.MunicipalityCode, ApplicationId = request.ApplicationId, Expiry = expiry,
                State = ProducedCardState.Making, MadeAt = now, UpdatedAt = now,
                IdentityHash = chips.IdentityHash(request.FullName, request.BirthDate),
            });
            request.State = ProductionState.Producing;
            request.CardSerial = serial;
            request.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        var municipality = MunicipalityCode.Parse(request.MunicipalityCode);
        var chip = new ChipHolder(queue.Open(request.NumberSealed, request.ApplicationId), request.FullName, request.Address, request.BirthDate,
            request.Sex, expiry, securityCode);
        var holder = new Holder(municipality, ResidentCode.Parse(request.ResidentCode), request.BirthDate, expiry);
        var info = new FourInformation(request.FullName, request.NameAltFlags, request.Sex, request.BirthDate, request.Address, request.AddressAltFlags);
        // §4.4: no signature certificate under 15. The other wishes are applied at pre-issuance setup (§6.1),
        // where the resident's final choice is known: a declined certificate is destroyed or revoked there.
        var withSignature = !ApplicationRules.IsUnder15(request.BirthDate, today);
        try
        {
            await chips.CreateAsync(db, chip, holder, info, withSignature, actor, serial, ct);
        }
        catch (Exception e) when (e is IssuanceException or CardException)
        {
            await queue.VoidAsync(db, serial, "作成失敗: " + e.Message, actor, requeue: false, ct);
            await FailAsync(db, request, e.Message, ct);
            return false;
        }

        await using (var tx = await Sql.BeginWriteAsync(db, ct))
        {
            var card = await db.ProducedCards.FirstAsync(c => c.Serial == serial, ct);
            card.State = ProducedCardState.Made;
            card.UpdatedAt = time.GetUtcNow();
            await db.Entry(request).ReloadAsync(ct);
            request.State = ProductionState.Produced;
            request.NumberSealed = null; // on the chip now; the national side keeps no copy (§0.3, §12)
            request.UpdatedAt = card.UpdatedAt;
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(db, actor, AuditActions.CardProduced, "card:" + serial,
                detail: $"application={request.ApplicationId} expiry={expiry:yyyy-MM-dd}", ct: ct);
            await tx.CommitAsync(ct);
        }
        return true;
    }

    private async Task FailAsync(NationalDb db, ProductionRequestRow request, string problem, CancellationToken ct)
    {
        await db.Entry(request).ReloadAsync(ct);
        request.State = ProductionState.Failed;
        request.Problem = problem;
        request.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Puts every made card not yet on a list onto delivery lists, one per municipality and box of <see cref="ListSize"/>.</summary>
    public async Task<IReadOnlyList<DeliveryList>> IssueDeliveryListsAsync(string actor, CancellationToken ct = default)
    {
        await using var db = stores.OpenNational();
        var made = await db.ProducedCards.Where(c => c.State == ProducedCardState.Made)
            .Join(db.ProductionRequests, c => c.RequestId, r => r.Id, (c, r) => new { Card = c, Request = r })
            .OrderBy(x => x.Card.MunicipalityCode).ThenBy(x => x.Request.Id).ToListAsync(ct);
        var lists = new List<DeliveryList>();
        var now = time.GetUtcNow();
        var day = JapanClock.Today(time).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        foreach (var municipality in made.GroupBy(x => x.Card.MunicipalityCode))
        {
            var prefix = $"{municipality.Key}-{day}-";
            var sequence = await db.DeliveryLists.CountAsync(l => l.Id.StartsWith(prefix), ct);
            foreach (var box in municipality.Chunk(ListSize))
            {
                var list = new DeliveryList($"{prefix}{++sequence:D3}", municipality.Key, now, box.Select((x, i) => new DeliveryListEntry(i + 1,
                    x.Card.Serial, x.Card.ApplicationId, x.Request.FamilyName, x.Request.GivenName, x.Request.BirthDate, x.Card.Expiry,
                    !ApplicationRules.IsUnder15(x.Request.BirthDate, DateOnly.FromDateTime(x.Card.MadeAt.ToOffset(JapanClock.Offset).DateTime)),
                    true, x.Request.Braille)).ToList());
                await using var tx = await Sql.BeginWriteAsync(db, ct);
                db.DeliveryLists.Add(new DeliveryListRow { Id = list.Id, MunicipalityCode = list.MunicipalityCode, CardCount = box.Length, Content = list.ToCsv(), CreatedAt = now });
                foreach (var x in box)
                {
                    x.Card.State = ProducedCardState.Listed;
                    x.Card.DeliveryListId = list.Id;
                    x.Card.UpdatedAt = now;
                }
                await db.SaveChangesAsync(ct);
                await audit.AppendAsync(db, actor, AuditActions.DeliveryListIssued, "delivery-list:" + list.Id,
                    detail: string.Create(CultureInfo.InvariantCulture, $"cards={box.Length}"), ct: ct);
                await tx.CommitAsync(ct);
                lists.Add(list);
            }
        }
        return lists;
    }
}
